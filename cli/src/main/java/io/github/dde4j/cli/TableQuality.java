package io.github.dde4j.cli;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.Split;
import io.github.dde4j.core.quality.QualityOptions;
import io.github.dde4j.core.quality.QualityReport;
import io.github.dde4j.generator.Generator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic-data scores {@code fit --generator} reports for a typed table (docs/quality.md):
 * as many generated rows as training rows, decoded, against the training rows, with the rows
 * {@code fit} held out as the holdout table (overfitting protection needs them: tables of at
 * least 200 rows).
 */
final class TableQuality {

    private TableQuality() {
    }

    /** The scores (JSON names of the quality report) of the generator's rows; {@code split} may be null. */
    static Map<String, Object> ofGenerator(Tables.Typed typed, Split<double[][]> split, Generator gen, long seed) {
        CsvReader.TextRecords train = split == null ? typed.text() : Tables.rows(typed.text(), split.trainRows());
        CsvReader.TextRecords held = split == null ? null : Tables.rows(typed.text(), split.testRows());
        double[][] generated = gen.sample(train.rows().size(), seed + 1);
        CsvReader.TextRecords synthetic = Tables.decode(typed.encoder(), generated);
        QualityReport q = QualityReport.compute(train, synthetic, held, QualityOptions.of(typed.schema(), seed & 0xFFFFFFFFL));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generated_rows", generated.length);
        m.put("held_out_rows", held == null ? 0 : held.rows().size());
        m.put("overall_score", q.overallScore());
        m.put("column_shapes_score", q.columnShapesScore());
        m.put("column_pair_trends_score", q.columnPairTrendsScore());
        m.put("detection_score", q.detectionScore());
        m.put("dcr_baseline_protection", q.dcrBaselineProtection());
        if (q.dcrOverfittingProtection() != null) {
            m.put("dcr_overfitting_protection", q.dcrOverfittingProtection());
        }
        return m;
    }

    /** The line {@code fit} prints. */
    static String line(Map<String, Object> q) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "synthetic-data scores of %d generated rows against the training rows: overall %.3f, column shapes %.3f,"
                        + " column pair trends %.3f, detection %.3f, DCR baseline protection %.3f", q.get("generated_rows"),
                q.get("overall_score"), q.get("column_shapes_score"), q.get("column_pair_trends_score"),
                q.get("detection_score"), q.get("dcr_baseline_protection")));
        if (q.containsKey("dcr_overfitting_protection")) {
            b.append(String.format(Locale.ROOT, ", DCR overfitting protection %.3f (against the %d held-out rows)",
                    q.get("dcr_overfitting_protection"), q.get("held_out_rows")));
        }
        return b.append(" (docs/quality.md)").toString();
    }
}
