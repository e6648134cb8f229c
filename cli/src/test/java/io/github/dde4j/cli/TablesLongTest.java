package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.core.quality.Baselines;
import io.github.dde4j.core.quality.QualityOptions;
import io.github.dde4j.core.quality.QualityReport;
import io.github.dde4j.core.table.TableSchema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's acceptance on three real tables: a seeded 70/30 split; {@code fit --generator} on
 * the 70% (sigma auto), {@code sample}, {@code quality} against the 30% held out. The schema
 * survives the round trip (same header, numbers parse, integers whole, dates parse, labels from
 * training, missing share per column within 2 points of the training table's, each label's
 * share within 4 binomial standard deviations of its training share, on 3,000 sampled rows);
 * and on as many synthetic rows as training rows, the column pair trends score lies at least
 * halfway from that of the training columns shuffled independently to that of the fresh
 * (held-out) real rows, the column shapes score is at most 0.03 below the fresh rows' (being
 * closer to the training rows than fresh rows are is no defect), and DCR overfitting protection
 * is at least 0.8.
 */
@Tag("long")
class TablesLongTest {

    /** The training budget of these runs (the defaults train longer). */
    static final String[] BUDGET = {"--steps", "1000", "--generator-steps", "1000"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"penguins-full", "cars", "seattle-weather"})
    void fitSampleAndQualityRoundTrip(String table) throws IOException {
        CsvReader.TextRecords all = CsvReader.create().readText(Cli.fixture("/tables/" + table + ".csv", dir));
        int[][] idx = Splits.indices(all.rows().size(), 0.3, 7);
        CsvReader.TextRecords train = Tables.rows(all, idx[0]);
        CsvReader.TextRecords fresh = Tables.rows(all, idx[1]);
        Path trainFile = write(train, "train.csv");
        Path freshFile = write(fresh, "fresh.csv");
        Path model = dir.resolve("m.zip");
        List<String> fit = new ArrayList<>(List.of("fit", "--data", trainFile.toString(), "--out", model.toString(),
                "--generator", "--seed", "1", "--quiet"));
        fit.addAll(List.of(BUDGET));
        Cli.run(fit.toArray(new String[0])).assertOk();

        // seed 4: fit calibrates its decoding on the generator's rows of seed 3 (its seed + 2),
        // whose first 3,000 these would otherwise be
        Path many = dir.resolve("many.csv");
        Cli.run("sample", "--model", model.toString(), "--rows", String.valueOf(SHARE_ROWS), "--seed", "4", "--out",
                many.toString()).assertOk();
        CsvReader.TextRecords sampled = CsvReader.create().readText(many);
        TableSchema schema = ModelFile.read(model).encoder().schema();
        TableChecks.assertSchemaKept(train, sampled, schema, 0.02);
        assertLabelSharesKept(train, sampled, schema);

        Path synthetic = dir.resolve("synthetic.csv");
        Cli.run("sample", "--model", model.toString(), "--rows", String.valueOf(train.rows().size()), "--seed", "5",
                "--out", synthetic.toString()).assertOk();
        JsonNode q = new ObjectMapper().readTree(Cli.run("quality", "--real", trainFile.toString(), "--synthetic",
                synthetic.toString(), "--holdout", freshFile.toString(), "--json").assertOk().out());
        QualityOptions options = QualityOptions.of(TableSchema.detect(train, null), 0);
        QualityReport freshReport = QualityReport.compute(train, fresh, null, options);
        QualityReport shuffledReport = QualityReport.compute(train, Baselines.shuffledColumns(train, RandomSources.seeded(11)), fresh,
                options);

        double pairs = q.get("column_pair_trends_score").asDouble();
        double shapes = q.get("column_shapes_score").asDouble();
        double overfitting = q.get("dcr_overfitting_protection").asDouble();
        double halfway = 0.5 * (shuffledReport.columnPairTrendsScore() + freshReport.columnPairTrendsScore());
        System.out.printf(Locale.ROOT, "%s: synthetic shapes %.3f pairs %.3f overall %.3f detection %.3f DCR baseline %.3f"
                        + " overfitting %.3f | fresh rows shapes %.3f pairs %.3f detection %.3f DCR baseline %.3f"
                        + " | shuffled shapes %.3f pairs %.3f DCR overfitting %.3f%n", table, shapes, pairs,
                q.get("overall_score").asDouble(), q.get("detection_score").asDouble(),
                q.get("dcr_baseline_protection").asDouble(), overfitting, freshReport.columnShapesScore(),
                freshReport.columnPairTrendsScore(), freshReport.detectionScore(), freshReport.dcrBaselineProtection(),
                shuffledReport.columnShapesScore(), shuffledReport.columnPairTrendsScore(),
                shuffledReport.dcrOverfittingProtection());
        assertTrue(pairs >= halfway, table + ": column pair trends " + pairs + " below " + halfway);
        assertTrue(shapes >= freshReport.columnShapesScore() - 0.03, table + ": column shapes " + shapes + " vs fresh "
                + freshReport.columnShapesScore());
        assertTrue(overfitting >= 0.8, table + ": DCR overfitting protection " + overfitting);
    }

    /** Rows sampled to check the schema and the shares. */
    static final int SHARE_ROWS = 3000;

    /**
     * Each label's share (missing included) of each label column in the sampled rows within 4
     * binomial standard deviations of its training share p: fit calibrates the decoding so that
     * {@link Tables#CALIBRATION_ROWS} generator rows give p (to 0.1 point), and these rows are
     * others, so the deviation's variance is p(1 - p)(1/3,000 + 1/20,000).
     */
    private static void assertLabelSharesKept(CsvReader.TextRecords train, CsvReader.TextRecords sampled, TableSchema schema) {
        for (int j = 0; j < schema.columns().size(); j++) {
            var c = schema.columns().get(j);
            if (c.type() != io.github.dde4j.core.table.ColumnType.CATEGORICAL
                    && c.type() != io.github.dde4j.core.table.ColumnType.BOOLEAN) {
                continue;
            }
            java.util.Map<String, Double> trainShares = shares(train, j, schema);
            java.util.Map<String, Double> sampledShares = shares(sampled, j, schema);
            StringBuilder line = new StringBuilder("label shares of column " + c.name() + ", sampled / training:");
            trainShares.forEach((label, p) -> line.append(String.format(Locale.ROOT, " %s %.4f / %.4f",
                    label.isEmpty() ? "(missing)" : label, sampledShares.getOrDefault(label, 0.0), p)));
            System.out.println(line);
            trainShares.forEach((label, p) -> {
                double tolerance = 4 * Math.sqrt(p * (1 - p) * (1.0 / SHARE_ROWS + 1.0 / Tables.CALIBRATION_ROWS)) + 1e-3;
                double got = sampledShares.getOrDefault(label, 0.0);
                assertTrue(Math.abs(got - p) <= tolerance, c.name() + " '" + label + "': sampled share " + got
                        + ", training " + p + ", tolerance " + tolerance);
            });
        }
    }

    /** The share of each value of column j (missing cells as ""), in order of first appearance. */
    private static java.util.Map<String, Double> shares(CsvReader.TextRecords t, int j, TableSchema schema) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String[] r : t.rows()) {
            String v = schema.isMissing(r[j]) ? "" : r[j].trim();
            out.merge(v, 1.0 / t.rows().size(), Double::sum);
        }
        return out;
    }

    private Path write(CsvReader.TextRecords t, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(file)) {
            Tables.writeCsv(t, o);
        }
        return file;
    }
}
