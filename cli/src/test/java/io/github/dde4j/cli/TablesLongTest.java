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
 * training, missing share per column within 2 points of the training table's, on 3,000 sampled
 * rows); and on as many synthetic rows as training rows, the column pair trends score lies at
 * least halfway from that of the training columns shuffled independently to that of the fresh
 * (held-out) real rows, the column shapes score is at most 0.03 below the fresh rows' (being closer
 * to the training rows than fresh rows are is no defect), and DCR overfitting protection is at
 * least 0.8.
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

        Path many = dir.resolve("many.csv");
        Cli.run("sample", "--model", model.toString(), "--rows", "3000", "--seed", "3", "--out", many.toString()).assertOk();
        CsvReader.TextRecords sampled = CsvReader.create().readText(many);
        TableSchema schema = ModelFile.read(model).encoder().schema();
        TableChecks.assertSchemaKept(train, sampled, schema, 0.02);

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

    private Path write(CsvReader.TextRecords t, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(file)) {
            Tables.writeCsv(t, o);
        }
        return file;
    }
}
