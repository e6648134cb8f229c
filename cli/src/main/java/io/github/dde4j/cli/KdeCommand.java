package io.github.dde4j.cli;

import io.github.dde4j.kde.BandwidthRule;
import io.github.dde4j.kde.GaussianKde;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dde4j kde}: the exact Gaussian KDE log density of every query row, written as the query
 * columns plus {@code log_density}.
 */
@Command(name = "kde", description = {"Exact Gaussian kernel density estimate: log density of each query row.",
        "Output: the query columns plus log_density (natural log, in the data's units)."})
final class KdeCommand extends Subcommand {

    /** The bandwidth rules offered on the command line. */
    enum Rule {
        scott(BandwidthRule.SCOTT), silverman(BandwidthRule.SILVERMAN), cv(BandwidthRule.LEAVE_ONE_OUT),
        scott_cov(BandwidthRule.SCOTT_COVARIANCE), silverman_cov(BandwidthRule.SILVERMAN_COVARIANCE);

        final BandwidthRule rule;

        Rule(BandwidthRule rule) {
            this.rule = rule;
        }
    }

    static final class Bandwidth {
        @Option(names = "--bandwidth", paramLabel = "H", description = "Fixed isotropic bandwidth h > 0 (kernel N(0, h^2 I)).")
        Double h;

        @Option(names = "--rule", paramLabel = "RULE",
                description = "Bandwidth rule: ${COMPLETION-CANDIDATES} (default scott: per-column sd times n^(-1/(d+4)); "
                        + "cv: maximum leave-one-out likelihood).")
        Rule rule;
    }

    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "Training data (CSV with a header row).")
    Path data;

    @Option(names = "--queries", required = true, paramLabel = "Q.csv", description = "Points to evaluate (CSV with the same column names).")
    Path queries;

    @Option(names = "--out", required = true, paramLabel = "O.csv", description = "Output CSV, or - for standard output.")
    String out;

    @ArgGroup(exclusive = true)
    Bandwidth bandwidth;

    @Option(names = "--columns", split = ",", paramLabel = "a,b", description = "Columns to use (default: every column of --data).")
    List<String> columns;

    @Option(names = "--digits", paramLabel = "K", defaultValue = "0",
            description = "Significant digits per value, 1..17, or 0 for the shortest exact form (default ${DEFAULT-VALUE}).")
    int digits;

    @Override
    public Integer call() throws Exception {
        requireDigits(digits);
        Outputs.check("--out", out, data, queries);
        Inputs.Table train = Inputs.read(data, columns);
        Inputs.Table query = Inputs.read(queries, train.columns());
        Inputs.requireStandardizable(data, train);
        for (var constant : Inputs.constants(train).entrySet()) {
            if (bandwidth == null || bandwidth.h == null) {
                throw new UserException(data + ", column '" + constant.getKey() + "' is constant (every value is "
                        + constant.getValue() + "): a bandwidth rule has no spread to scale; give --bandwidth H, "
                        + "or leave the column out with --columns");
            }
        }
        GaussianKde.Builder b = GaussianKde.builder(train.rows());
        if (bandwidth != null && bandwidth.h != null) {
            if (!(bandwidth.h > 0) || Double.isInfinite(bandwidth.h)) {
                throw new UserException("--bandwidth must be finite and > 0, got " + bandwidth.h);
            }
            b.bandwidth(bandwidth.h);
        } else {
            b.rule(bandwidth != null && bandwidth.rule != null ? bandwidth.rule.rule : BandwidthRule.SCOTT);
        }
        GaussianKde kde = b.build();
        double[] ld = kde.logDensity(query.rows());
        for (int i = 0; i < ld.length; i++) {
            if (!Double.isFinite(ld[i])) {
                throw new UserException(queries + ", row " + (i + 1) + ": the log density is " + ld[i] + ", beyond the range "
                        + "of a double (the point is too many bandwidths from the data); rescale the columns");
            }
        }
        List<String> header = new ArrayList<>(query.columns());
        header.add("log_density");
        int d = query.dimension();
        writeCsv(out, digits, w -> {
            w.writeHeader(header);
            double[] row = new double[d + 1];
            double[][] q = query.rows();
            for (int i = 0; i < q.length; i++) {
                System.arraycopy(q[i], 0, row, 0, d);
                row[d] = ld[i];
                w.writeRow(row);
            }
        });
        if (!isStandardOutput(out)) {
            say("wrote log densities of %d rows to %s%n", ld.length, out);
        }
        return 0;
    }
}
