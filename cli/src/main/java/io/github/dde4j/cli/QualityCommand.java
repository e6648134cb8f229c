package io.github.dde4j.cli;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.quality.QualityOptions;
import io.github.dde4j.core.quality.QualityReport;
import io.github.dde4j.core.table.TableMetadata;
import io.github.dde4j.core.table.TableSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dde4j quality}: the synthetic-data quality report of a synthetic table against the real
 * one (and a holdout table of real rows the synthesizer did not see), printed, as JSON, or as an
 * HTML or Markdown page with pictures.
 */
@Command(name = "quality",
        description = {"Synthetic-data quality report: column shapes, column pair trends, missing values, detection and "
                + "distance to closest record (every score in [0, 1], higher = more alike).",
                "Column types come from the real table (and --metadata); identifier columns are left out."})
final class QualityCommand extends Subcommand {

    @Option(names = "--real", required = true, paramLabel = "R.csv", description = "The real (training) table.")
    Path real;

    @Option(names = "--synthetic", required = true, paramLabel = "S.csv", description = "The synthetic table (same columns).")
    Path synthetic;

    @Option(names = "--holdout", paramLabel = "H.csv",
            description = "Real rows the synthesizer never saw: adds DCR overfitting protection.")
    Path holdout;

    @Option(names = "--metadata", paramLabel = "M.json|M.yaml", description = "Column types and missing-value tokens (see docs/tables.md).")
    Path metadata;

    @Option(names = "--json", description = "Print the report as JSON (the reference's key names).")
    boolean json;

    @Option(names = "--out", paramLabel = "report.html|report.md",
            description = "Also write a page with pictures: one self-contained HTML file, or Markdown with PNGs beside it.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the detection folds and the DCR baseline's random rows, 0..4294967295 (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed must be in 0..4294967295, got " + seed);
        }
        QualityPage.Format format = out == null ? null : QualityPage.Format.of(out);
        if (out != null && format == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must end in .html or .md, got " + out);
        }
        CsvReader reader = CsvReader.create();
        CsvReader.TextRecords realRows = reader.readText(real);
        CsvReader.TextRecords syntheticRows = reader.readText(synthetic);
        CsvReader.TextRecords holdoutRows = holdout == null ? null : reader.readText(holdout);
        TableMetadata meta = metadata == null ? TableMetadata.NONE : TableMetadata.read(metadata);
        TableSchema schema = TableSchema.detect(realRows, meta);
        QualityOptions options = QualityOptions.of(schema, seed);
        QualityReport report = QualityReport.compute(realRows, syntheticRows, holdoutRows, options);
        PrintWriter stdout = messages();
        if (json) {
            stdout.println(Json.pretty(report.toMap()));
        } else {
            stdout.print(summary(report, options));
        }
        if (out != null) {
            QualityPage page = new QualityPage(report, options, realRows, syntheticRows,
                    new QualityPage.Sources(real.toString(), synthetic.toString(), holdout == null ? null : holdout.toString()));
            page.write(out, format);
            if (!json && !common.quiet) {
                stdout.println("wrote " + out);
            }
        }
        stdout.flush();
        return 0;
    }

    /** The scores as aligned text lines. */
    static String summary(QualityReport q, QualityOptions o) {
        StringBuilder b = new StringBuilder();
        b.append(line("overall score", q.overallScore(), "mean of column shapes and column pair trends"));
        b.append(line("column shapes", q.columnShapesScore(), null));
        b.append(line("column pair trends", q.columnPairTrendsScore(), null));
        b.append(line("detection", q.detectionScore(), "1 = a classifier cannot tell synthetic rows from real ones"));
        b.append(line("DCR baseline protection", q.dcrBaselineProtection(), "1 = as far from real rows as random rows are"));
        if (q.dcrOverfittingProtection() != null) {
            b.append(line("DCR overfitting protection", q.dcrOverfittingProtection(),
                    "1 = no closer to training rows than to holdout rows"));
        }
        if (!o.ignore().isEmpty()) {
            b.append("ignored (identifiers): ").append(String.join(", ", o.ignore().stream().sorted().toList())).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%-24s %-12s %6s %8s%n", "column", "type", "shape", "missing"));
        for (Map.Entry<String, String> e : q.columnTypes().entrySet()) {
            Double m = q.missingValueSimilarity().get(e.getKey());
            b.append(String.format(Locale.ROOT, "%-24s %-12s %6.3f %8s%n", e.getKey(), e.getValue(), q.columnShapes().get(e.getKey()),
                    m == null ? "" : String.format(Locale.ROOT, "%.3f", m)));
        }
        return b.toString();
    }

    private static String line(String name, double value, String note) {
        return String.format(Locale.ROOT, "%-28s %.3f%s%n", name, value, note == null ? "" : "   (" + note + ")");
    }
}
