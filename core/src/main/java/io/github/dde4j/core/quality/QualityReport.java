package io.github.dde4j.core.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.dde4j.core.data.CsvReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How alike a synthetic table is to a real one, as synthetic-data users compare synthesizers (the
 * definitions of SDMetrics' Quality Report, Detection and DCR metrics). Every score lies in [0, 1];
 * higher means more alike. JSON names (Jackson) are the snake_case ones below.
 *
 * <p>A column is numerical when every present cell of the real table is a number and the options
 * do not make it categorical; otherwise categorical. Empty cells are missing.
 * <ul>
 *   <li>column shapes: numerical, 1 - the two-sample Kolmogorov-Smirnov statistic of the present
 *       values; categorical, 1 - total variation distance of the label frequencies, missing
 *       counted as a label. Score: mean over columns.</li>
 *   <li>missing-value similarity: 1 - |missing share real - missing share synthetic|, per column
 *       that has missing values in either table (not part of the overall score).</li>
 *   <li>column pair trends: two numerical columns, 1 - |r_real - r_syn| / 2 with Pearson r over
 *       rows where both are present; any pair with a categorical column, 1 - total variation
 *       distance of the joint frequencies, a numerical column cut into 10 equal bins spanning the
 *       real column (values beyond go to the end bins), missing a bin of its own. Score: mean over
 *       pairs (NaN pairs, such as a constant column's correlation, left out).</li>
 *   <li>overall: mean of the two scores.</li>
 *   <li>detection: 1 - mean over 3 folds of (max(0.5, AUC) * 2 - 1) of a logistic regression
 *       telling the real rows from as many synthetic ones (see the library docs).</li>
 *   <li>DCR baseline protection: min(1, median distance of synthetic rows to their closest real
 *       row / the same for random rows drawn per column from the real column's range or
 *       categories).</li>
 *   <li>DCR overfitting protection (with a holdout table): min(1, 2 (1 - share of synthetic
 *       rows closer to the real rows than to the holdout rows)), both cut to the same number of
 *       rows.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityReport(
        @JsonProperty("column_types") Map<String, String> columnTypes,
        @JsonProperty("column_shapes") Map<String, Double> columnShapes,
        @JsonProperty("column_shapes_score") double columnShapesScore,
        @JsonProperty("missing_value_similarity") Map<String, Double> missingValueSimilarity,
        @JsonProperty("column_pair_trends") Map<String, Double> columnPairTrends,
        @JsonProperty("column_pair_trends_score") double columnPairTrendsScore,
        @JsonProperty("overall_score") double overallScore,
        @JsonProperty("detection_score") double detectionScore,
        @JsonProperty("detection_fold_aucs") List<Double> detectionFoldAucs,
        @JsonProperty("dcr_median_synthetic") double dcrMedianSynthetic,
        @JsonProperty("dcr_median_random") double dcrMedianRandom,
        @JsonProperty("dcr_baseline_protection") double dcrBaselineProtection,
        @JsonProperty("dcr_share_closer_to_training") Double dcrShareCloserToTraining,
        @JsonProperty("dcr_overfitting_protection") Double dcrOverfittingProtection) {

    /** Copies the maps (keeping their order) and the list. */
    public QualityReport {
        columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        columnShapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnShapes));
        missingValueSimilarity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missingValueSimilarity));
        columnPairTrends = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnPairTrends));
        detectionFoldAucs = List.copyOf(detectionFoldAucs);
    }

    /**
     * The report of {@code synthetic} against {@code real}.
     *
     * @param holdout real rows not used to make the synthetic ones, or null (then no
     *                overfitting protection)
     * @throws IllegalArgumentException if the tables' columns differ (after the ignored ones)
     */
    public static QualityReport compute(CsvReader.TextRecords real, CsvReader.TextRecords synthetic,
                                        CsvReader.TextRecords holdout, QualityOptions options) {
        QualityOptions o = options == null ? QualityOptions.defaults() : options;
        ScoredTable r = ScoredTable.real(real, o);
        ScoredTable s = ScoredTable.like(r, synthetic, o, "synthetic");
        int cols = r.names.size();
        if (cols == 0) {
            throw new IllegalArgumentException("no columns left to score (all are ignored)");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Double> shapes = new LinkedHashMap<>();
        Map<String, Double> missing = new LinkedHashMap<>();
        for (int a = 0; a < cols; a++) {
            String name = r.names.get(a);
            types.put(name, r.numerical[a] ? "numerical" : "categorical");
            shapes.put(name, r.numerical[a] ? ColumnScores.ksComplement(r.numbers[a], s.numbers[a])
                    : ColumnScores.tvComplement(r.labels[a], s.labels[a]));
            double mr = missingShare(r.labels[a]);
            double ms = missingShare(s.labels[a]);
            if (mr > 0 || ms > 0) {
                missing.put(name, 1.0 - Math.abs(mr - ms));
            }
        }
        Map<String, Double> pairs = new LinkedHashMap<>();
        for (int a = 0; a < cols; a++) {
            for (int b = a + 1; b < cols; b++) {
                double v;
                if (r.numerical[a] && r.numerical[b]) {
                    v = ColumnScores.correlationSimilarity(r.numbers[a], r.numbers[b], s.numbers[a], s.numbers[b]);
                } else {
                    v = ColumnScores.contingency(pairLabels(r, r, a), pairLabels(r, r, b), pairLabels(r, s, a), pairLabels(r, s, b));
                }
                pairs.put(r.names.get(a) + "|" + r.names.get(b), v);
            }
        }
        double shapeScore = nanMean(shapes.values());
        double pairScore = pairs.isEmpty() ? Double.NaN : nanMean(pairs.values());
        Detection.Result det = Detection.of(r, s, o.seed());
        double[] span = Dcr.spans(r);
        double medianSyn = Dcr.median(Dcr.closest(s, r, span));
        double medianRandom = Dcr.median(Dcr.closest(Dcr.randomRows(r, s.rows, o.seed()), r, span));
        Double closer = null;
        Double overfitting = null;
        if (holdout != null) {
            ScoredTable h = ScoredTable.like(r, holdout, o, "holdout");
            int n = Math.min(r.rows, h.rows);
            double[] toReal = Dcr.closest(s, r.head(n), span);
            double[] toHoldout = Dcr.closest(s, h.head(n), span);
            int count = 0;
            for (int i = 0; i < toReal.length; i++) {
                count += toReal[i] < toHoldout[i] ? 1 : 0;
            }
            closer = (double) count / toReal.length;
            overfitting = Math.min(1.0, 2 * (1 - closer));
        }
        List<Double> aucs = java.util.Arrays.stream(det.foldAucs()).boxed().toList();
        return new QualityReport(types, shapes, shapeScore, missing, pairs, pairScore, nanMean(List.of(shapeScore, pairScore)),
                det.score(), aucs, medianSyn, medianRandom, Math.min(1.0, medianSyn / medianRandom), closer, overfitting);
    }

    /** The report as an ordered map with the JSON names (holdout entries only when present). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column_types", columnTypes);
        m.put("column_shapes", columnShapes);
        m.put("column_shapes_score", columnShapesScore);
        m.put("missing_value_similarity", missingValueSimilarity);
        m.put("column_pair_trends", columnPairTrends);
        m.put("column_pair_trends_score", columnPairTrendsScore);
        m.put("overall_score", overallScore);
        m.put("detection_score", detectionScore);
        m.put("detection_fold_aucs", detectionFoldAucs);
        m.put("dcr_median_synthetic", dcrMedianSynthetic);
        m.put("dcr_median_random", dcrMedianRandom);
        m.put("dcr_baseline_protection", dcrBaselineProtection);
        if (dcrOverfittingProtection != null) {
            m.put("dcr_share_closer_to_training", dcrShareCloserToTraining);
            m.put("dcr_overfitting_protection", dcrOverfittingProtection);
        }
        return m;
    }

    /** A column's cells as the report reads numbers: NaN for missing cells and for cells that are not numbers. */
    public static double[] numbers(CsvReader.TextRecords table, String column, QualityOptions options) {
        String[] cells = labels(table, column, options);
        double[] out = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i] == null ? Double.NaN : io.github.dde4j.core.table.TableSchema.number(cells[i]);
        }
        return out;
    }

    /** A column's cells as labels, null for missing cells. */
    public static String[] labels(CsvReader.TextRecords table, String column, QualityOptions options) {
        QualityOptions o = options == null ? QualityOptions.defaults() : options;
        int j = table.header().indexOf(column);
        if (j < 0) {
            throw new IllegalArgumentException("no column '" + column + "'; columns: " + String.join(", ", table.header()));
        }
        String[] out = new String[table.rows().size()];
        for (int i = 0; i < out.length; i++) {
            String cell = table.rows().get(i)[j];
            out[i] = ScoredTable.isMissing(cell, o) ? null : cell;
        }
        return out;
    }

    /**
     * Pearson correlations of number columns, each over the rows where both are present (as the
     * column pair trends compute them); NaN where undefined, 1 on the diagonal of a non-constant column.
     */
    public static double[][] correlations(CsvReader.TextRecords table, List<String> columns, QualityOptions options) {
        double[][] v = new double[columns.size()][];
        for (int a = 0; a < v.length; a++) {
            v[a] = numbers(table, columns.get(a), options);
        }
        double[][] r = new double[v.length][v.length];
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                r[a][b] = ColumnScores.pearson(v[a], v[b]);
            }
        }
        return r;
    }

    private static String[] pairLabels(ScoredTable real, ScoredTable t, int a) {
        return real.numerical[a] ? ColumnScores.binned(real.numbers[a], t.numbers[a]) : t.labels[a];
    }

    private static double missingShare(String[] labels) {
        int m = 0;
        for (String l : labels) {
            m += ScoredTable.MISSING.equals(l) ? 1 : 0;
        }
        return (double) m / labels.length;
    }

    private static double nanMean(java.util.Collection<Double> values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
