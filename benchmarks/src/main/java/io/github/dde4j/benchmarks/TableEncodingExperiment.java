package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.quality.QualityOptions;
import io.github.dde4j.core.quality.QualityReport;
import io.github.dde4j.core.table.ColumnCoding;
import io.github.dde4j.core.table.TableEncoder;
import io.github.dde4j.core.table.TableSchema;
import io.github.dde4j.kde.Bandwidths;
import io.github.dde4j.kde.GaussianKde;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Measures the table encoding choices (a {@code main}, not a test): per table, 70/30 seeded
 * split; the exact KDE at the isotropic leave-one-out bandwidth of the encoded training rows;
 * held-out log-likelihood in nats per row (in the units of the numbers: the log-Jacobian of the
 * number columns' encoding is added, so variants that differ only there compare); and the quality
 * report of decoded KDE samples (as many as training rows) against the training rows, with the
 * held-out rows as holdout, next to two baselines: the held-out rows themselves (fresh real rows)
 * and the training columns shuffled independently. Variants: the encoder as it is; without
 * log1p; one-hot labels as 0/1 instead of standardised; 0/1 dimensions all divided by a
 * balanced level's deviation (a fixed gap between 0 and 1, whatever p); no dequantisation at all; other widths of the 0/1
 * dimensions' noise. Each variant's line is followed by the largest gap, over columns, between the
 * decoded samples' missing share and the training rows' (in points). Held-out log-likelihoods compare only between variants with the
 * same label dimensions (the first two). Also times the bandwidth search on 10,000 x 30 rows.
 * The measurements behind the table encoder's defaults (docs/tables.md) were taken this way.
 *
 * <p>Run from the repository root (the tables are read from {@code src/test/resources/tables},
 * or the folder in the property {@code tablesDir}):
 * <pre>
 *   mvn -q -o -B -pl benchmarks -am package -DskipTests
 *   java -cp benchmarks/target/benchmarks.jar io.github.dde4j.benchmarks.TableEncodingExperiment
 *   java -Dtables=cars -DskipTiming=true -cp benchmarks/target/benchmarks.jar io.github.dde4j.benchmarks.TableEncodingExperiment
 * </pre>
 * Properties: tables (comma-separated names, default penguins-full,cars,seattle-weather),
 * tablesDir, skipTiming (true skips the 10,000 x 30 bandwidth timing).
 */
public final class TableEncodingExperiment {

    private TableEncodingExperiment() {
    }

    /**
     * Runs the measurements on the tables named in the system properties (see the class comment).
     *
     * @param args ignored
     * @throws IOException if a table cannot be read
     */
    public static void main(String[] args) throws IOException {
        for (String table : System.getProperty("tables", "penguins-full,cars,seattle-weather").split(",")) {
            run(table);
        }
        if (Boolean.getBoolean("skipTiming")) {
            return;
        }
        double[][] big = clusters(17, 10_000, 30, 8, 3.0, 1.0);
        long t0 = System.nanoTime();
        Bandwidths.LeaveOneOut loo = Bandwidths.leaveOneOutIsotropic(standardised(big));
        System.out.printf("10,000 x 30 (8 clusters): h %.3f after %d evaluations, %.1f s%n", loo.factor(), loo.evaluations(),
                (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        loo = Bandwidths.leaveOneOutIsotropic(standardised(big), big.length);
        System.out.printf("same, every row a query: h %.3f after %d evaluations, %.1f s%n", loo.factor(), loo.evaluations(),
                (System.nanoTime() - t0) / 1e9);
    }

    static void run(String name) throws IOException {
        CsvReader.TextRecords all;
        Path file = Path.of(System.getProperty("tablesDir", "src/test/resources/tables"), name + ".csv");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            all = CsvReader.create().readText(in, name);
        }
        UniformRandomProvider rng = RandomSources.seeded(2026);
        List<String[]> rows = new ArrayList<>(all.rows());
        for (int i = rows.size() - 1; i > 0; i--) {
            java.util.Collections.swap(rows, i, rng.nextInt(i + 1));
        }
        int cut = (int) (0.7 * rows.size());
        CsvReader.TextRecords train = new CsvReader.TextRecords(all.header(), rows.subList(0, cut));
        CsvReader.TextRecords test = new CsvReader.TextRecords(all.header(), rows.subList(cut, rows.size()));
        TableSchema schema = TableSchema.detect(train, null);
        TableEncoder encoder = TableEncoder.fit(schema, train);
        QualityOptions qo = QualityOptions.of(schema, 0);
        System.out.printf("%n%s: %d training rows, %d held out, %d encoded dimensions%n", name, train.rows().size(),
                test.rows().size(), encoder.dimension());
        System.out.println("| variant | h (LOO) | held-out LL at h | at 0.1 | shapes | pairs | detection | DCR baseline | DCR overfitting |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        report("fresh real rows (held out)", QualityReport.compute(train, test, null, qo), Double.NaN, Double.NaN, Double.NaN);
        report("training columns shuffled", QualityReport.compute(train, io.github.dde4j.core.quality.Baselines.shuffledColumns(train, rng), test, qo), Double.NaN, Double.NaN, Double.NaN);
        variant("encoder as is", encoder, train, test, true, qo);
        variant("no log1p", withoutLog(encoder, train), train, test, true, qo);
        variant("one-hot 0/1", rawOneHot(encoder), train, test, true, qo);
        variant("0/1 at a fixed gap", fixedGap(encoder), train, test, true, qo);
        for (double w : new double[] {0, 0.25, 0.75}) {
            variant("label noise " + w, TableEncoder.fit(schema, train, w), train, test, true, qo);
        }
        variant("no dequantisation", encoder, train, test, false, qo);
    }

    static void variant(String label, TableEncoder e, CsvReader.TextRecords train, CsvReader.TextRecords test,
                        boolean dequantise, QualityOptions qo) {
        double[][] x = dequantise ? e.encode(train, RandomSources.seeded(7)) : e.encode(train);
        double[][] y = dequantise ? e.encode(test, RandomSources.seeded(8)) : e.encode(test);
        double h;
        try {
            h = Bandwidths.leaveOneOutIsotropic(x).factor();
        } catch (IllegalArgumentException ex) {
            System.out.printf("| %s | none: %s | | | | | | | |%n", label, ex.getMessage());
            return;
        }
        double jac = logJacobian(e, test);
        double llH = mean(GaussianKde.of(x, h).logDensity(y)) + jac;
        double ll01 = mean(GaussianKde.of(x, 0.1).logDensity(y)) + jac;
        double[][] s = GaussianKde.of(x, h).sample(train.rows().size(), RandomSources.seeded(9));
        CsvReader.TextRecords syn = new CsvReader.TextRecords(e.header(), e.decode(s, 0));
        report(label, QualityReport.compute(train, syn, test, qo), h, llH, ll01);
        System.out.printf("    largest missing share gap: %.1f points%n", 100 * missingShareGap(e.schema(), train, syn));
    }

    /** The largest |share of missing cells in b - share in a| over the columns. */
    static double missingShareGap(TableSchema schema, CsvReader.TextRecords a, CsvReader.TextRecords b) {
        double worst = 0;
        for (int j = 0; j < a.header().size(); j++) {
            int jb = b.header().indexOf(a.header().get(j));
            worst = Math.max(worst, Math.abs(missingShare(schema, a, j) - missingShare(schema, b, jb)));
        }
        return worst;
    }

    static double missingShare(TableSchema schema, CsvReader.TextRecords t, int j) {
        return t.rows().stream().filter(r -> schema.isMissing(r[j])).count() / (double) t.rows().size();
    }

    /**
     * Every 0/1 dimension divided by sqrt(1/4 + w^2/12), a balanced level's deviation, instead of
     * its own: its 0 and 1 lie 1.92 units apart whatever p (measured and not taken: docs/tables.md).
     */
    static TableEncoder fixedGap(TableEncoder e) {
        List<ColumnCoding> out = new ArrayList<>();
        double w = e.labelNoise();
        for (ColumnCoding c : e.codings()) {
            double[] scales = c.scales();
            for (int k = 0; k < c.width(); k++) {
                if (!(c.kind() == ColumnCoding.Kind.ORDERED && k == 0)) {
                    scales[k] = Math.sqrt(0.25 + w * w / 12);
                }
            }
            out.add(new ColumnCoding(c.name(), c.kind(), c.offset(), c.width(), c.transform(), c.transformScale(), c.step(),
                    c.min(), c.max(), c.levels(), c.means(), scales, c.missingShare(), c.constant(), c.missingThreshold(),
                    c.labelOffsets()));
        }
        return new TableEncoder(e.schema(), out, w);
    }

    static void report(String label, QualityReport q, double h, double ll, double ll01) {
        System.out.printf("| %s | %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %s |%n", label, fmt(h, "%.3f"), fmt(ll, "%.2f"),
                fmt(ll01, "%.2f"), q.columnShapesScore(), q.columnPairTrendsScore(), q.detectionScore(), q.dcrBaselineProtection(),
                q.dcrOverfittingProtection() == null ? "" : String.format("%.3f", q.dcrOverfittingProtection()));
    }

    static String fmt(double v, String f) {
        return Double.isNaN(v) ? "" : String.format(f, v);
    }

    /** Mean over rows of sum over number columns of log |dz/dx| (z the encoded value, x the number). */
    static double logJacobian(TableEncoder e, CsvReader.TextRecords t) {
        double total = 0;
        for (ColumnCoding c : e.codings()) {
            if (c.kind() != ColumnCoding.Kind.ORDERED) {
                continue;
            }
            int j = t.header().indexOf(c.name());
            for (String[] r : t.rows()) {
                double v = TableSchema.number(r[j]);
                if (Double.isNaN(v)) {
                    continue; // missing (or a date: no transform there, constant Jacobian, same in every variant)
                }
                total += -Math.log(c.scales()[0]) - ("log1p".equals(c.transform()) ? Math.log(c.transformScale() + v) : 0);
            }
        }
        return total / t.rows().size();
    }

    static TableEncoder withoutLog(TableEncoder e, CsvReader.TextRecords train) {
        List<ColumnCoding> out = new ArrayList<>();
        for (ColumnCoding c : e.codings()) {
            if (!"log1p".equals(c.transform())) {
                out.add(c);
                continue;
            }
            int j = train.header().indexOf(c.name());
            double[] v = train.rows().stream().mapToDouble(r -> TableSchema.number(r[j])).filter(d -> !Double.isNaN(d)).toArray();
            double mean = java.util.Arrays.stream(v).average().orElseThrow();
            double var = java.util.Arrays.stream(v).map(d -> (d - mean) * (d - mean)).sum() / v.length;
            double[] means = c.means();
            double[] scales = c.scales();
            means[0] = mean;
            scales[0] = Math.sqrt(var);
            out.add(new ColumnCoding(c.name(), c.kind(), c.offset(), c.width(), "none", 1, c.step(), c.min(), c.max(), c.levels(),
                    means, scales, c.missingShare(), c.constant(), c.missingThreshold(),
                    c.labelOffsets()));
        }
        return new TableEncoder(e.schema(), out, e.labelNoise());
    }

    static TableEncoder rawOneHot(TableEncoder e) {
        List<ColumnCoding> out = new ArrayList<>();
        for (ColumnCoding c : e.codings()) {
            if (c.kind() != ColumnCoding.Kind.LEVELS) {
                out.add(c);
                continue;
            }
            double[] ones = new double[c.width()];
            java.util.Arrays.fill(ones, 1.0);
            out.add(new ColumnCoding(c.name(), c.kind(), c.offset(), c.width(), c.transform(), c.transformScale(), c.step(),
                    c.min(), c.max(), c.levels(), c.means(), ones, c.missingShare(), c.constant(), c.missingThreshold(),
                    c.labelOffsets()));
        }
        return new TableEncoder(e.schema(), out, e.labelNoise());
    }

    static double[][] standardised(double[][] x) {
        int d = x[0].length;
        double[][] out = new double[x.length][d];
        for (int k = 0; k < d; k++) {
            double mean = 0;
            double sq = 0;
            for (double[] r : x) {
                mean += r[k] / x.length;
            }
            for (double[] r : x) {
                sq += (r[k] - mean) * (r[k] - mean) / x.length;
            }
            for (int i = 0; i < x.length; i++) {
                out[i][k] = (x[i][k] - mean) / Math.sqrt(sq);
            }
        }
        return out;
    }

    /** n rows around {@code clusters} N(0, spread^2 I) centres with N(0, sd^2 I) noise: tight clusters far apart. */
    static double[][] clusters(long seed, int n, int d, int clusters, double spread, double sd) {
        double[][] centres = BenchData.standardNormal(RandomSources.seeded(seed + 1), clusters, d);
        double[][] x = BenchData.standardNormal(RandomSources.seeded(seed), n, d);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = sd * x[i][k] + spread * centres[i % clusters][k];
            }
        }
        return x;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d / v.length;
        }
        return s;
    }
}
