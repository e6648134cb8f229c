package io.github.dde4j.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.table.TableMetadata;
import io.github.dde4j.core.table.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report against the reference implementation's JSON on three tables (real / synthetic /
 * holdout splits and values made by reference/quality/make_fixtures.py). Deterministic scores
 * must agree to 1e-9. Detection fits a classifier: the folds are the reference's, and the
 * classifier is solved to its unique optimum where the reference stops at a gradient tolerance,
 * so the AUCs agree to 0.02. The random rows of the DCR baseline are NumPy's own draws
 * (default_rng reproduced), so the baseline is exact too.
 */
class QualityReportReferenceTest {

    private static final double EXACT = 1e-9;
    private static final double DETECTION = 0.02;

    static CsvReader.TextRecords resource(String name) throws IOException {
        try (InputStream in = QualityReportReferenceTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return CsvReader.create().readText(new InputStreamReader(in, StandardCharsets.UTF_8), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"penguins-full", "cars", "seattle-weather"})
    void matchesTheReference(String table) throws IOException {
        String base = "/reference/quality/" + table;
        CsvReader.TextRecords real = resource(base + "-real.csv");
        TableSchema schema = TableSchema.detect(real, TableMetadata.NONE);
        QualityReport q = QualityReport.compute(real, resource(base + "-synthetic.csv"), resource(base + "-holdout.csv"),
                QualityOptions.of(schema, 0));
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream(base + "-expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("column_types").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asText(), q.columnTypes().get(e.getKey()), e.getKey());
        }
        assertEquals(expected.get("column_types").size(), q.columnTypes().size());
        assertMap(expected.get("column_shapes"), q.columnShapes(), EXACT);
        assertMap(expected.get("missing_value_similarity"), q.missingValueSimilarity(), EXACT);
        assertMap(expected.get("column_pair_trends"), q.columnPairTrends(), EXACT);
        assertEquals(expected.get("column_shapes_score").asDouble(), q.columnShapesScore(), EXACT);
        assertEquals(expected.get("column_pair_trends_score").asDouble(), q.columnPairTrendsScore(), EXACT);
        assertEquals(expected.get("overall_score").asDouble(), q.overallScore(), EXACT);
        assertEquals(expected.get("dcr_median_synthetic").asDouble(), q.dcrMedianSynthetic(), EXACT);
        assertEquals(expected.get("dcr_share_closer_to_training").asDouble(), q.dcrShareCloserToTraining(), EXACT);
        assertEquals(expected.get("dcr_overfitting_protection").asDouble(), q.dcrOverfittingProtection(), EXACT);
        assertEquals(expected.get("detection_score").asDouble(), q.detectionScore(), DETECTION);
        for (int f = 0; f < 3; f++) {
            assertEquals(expected.get("detection_fold_aucs").get(f).asDouble(), q.detectionFoldAucs().get(f), DETECTION, "fold " + f);
        }
        double random = expected.get("dcr_median_random").asDouble();
        assertEquals(random, q.dcrMedianRandom(), EXACT);
        assertEquals(expected.get("dcr_baseline_protection").asDouble(), q.dcrBaselineProtection(), EXACT);
    }

    private static void assertMap(JsonNode expected, Map<String, Double> actual, double tol) {
        assertEquals(expected.size(), actual.size(), "entries");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Double a = actual.get(e.getKey());
            assertNotNull(a, e.getKey());
            assertEquals(e.getValue().asDouble(), a, tol, e.getKey());
        }
    }
}
