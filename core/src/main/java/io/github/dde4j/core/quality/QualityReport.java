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
        ColumnProfile profile = ColumnProfile.of(real.header(), o);
        int[] at = profile.kinds().positions(real.header(), "real");
        for (String[] row : real.rows()) {
            profile.add(ColumnKinds.cells(row, at));
        }
        ColumnKinds kinds = profile.kinds();
        ScoredTable r = ScoredTable.of(kinds, real, "real");
        ScoredTable s = ScoredTable.of(kinds, synthetic, "synthetic");
        double[] ks = new double[kinds.size()];
        for (int a = 0; a < ks.length; a++) {
            ks[a] = kinds.numerical(a) ? ColumnScores.ksComplement(r.numbers[a], s.numbers[a]) : Double.NaN;
        }
        TableSummary realSummary = summary(kinds, real, "real");
        Detection.Result det = Detection.of(r, s, o.seed());
        double[] span = Dcr.spans(kinds);
        double medianSyn = Dcr.median(Dcr.closest(s, r, span));
        double medianRandom = Dcr.median(Dcr.closest(Dcr.randomRows(kinds, realSummary, s.rows, o.seed()), r, span));
        Double closer = null;
        if (holdout != null) {
            ScoredTable h = ScoredTable.of(kinds, holdout, "holdout");
            int n = Math.min(r.rows, h.rows);
            closer = Dcr.shareCloser(Dcr.closest(s, r.head(n), span), Dcr.closest(s, h.head(n), span));
        }
        return of(kinds, realSummary, summary(kinds, synthetic, "synthetic"), ks, det,
                new Dcr.Scores(medianSyn, medianRandom, closer));
    }

    /**
     * The report from its parts, however they were computed (one pass over tables in memory, or
     * summaries of a distributed table's partitions merged).
     *
     * @param kinds         the scored columns, from the real table's {@link ColumnProfile}
     * @param real          the real table's summary
     * @param synthetic     the synthetic table's summary
     * @param ksComplements per column, 1 - the KS statistic for a numerical one (see {@link KsGap}); ignored for categorical ones
     * @param detection     the detection score and fold AUCs
     * @param dcr           the distances to closest records
     */
    public static QualityReport of(ColumnKinds kinds, TableSummary real, TableSummary synthetic, double[] ksComplements,
                                   Detection.Result detection, Dcr.Scores dcr) {
        int cols = kinds.size();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Double> shapes = new LinkedHashMap<>();
        Map<String, Double> missing = new LinkedHashMap<>();
        for (int a = 0; a < cols; a++) {
            String name = kinds.names().get(a);
            types.put(name, kinds.numerical(a) ? "numerical" : "categorical");
            shapes.put(name, kinds.numerical(a) ? ksComplements[a]
                    : ColumnScores.tvComplement(real.labelCounts(a), real.rows(), synthetic.labelCounts(a), synthetic.rows()));
            double mr = real.missingShare(a);
            double ms = synthetic.missingShare(a);
            if (mr > 0 || ms > 0) {
                missing.put(name, 1.0 - Math.abs(mr - ms));
            }
        }
        Map<String, Double> pairs = new LinkedHashMap<>();
        int k = 0;
        for (int a = 0; a < cols; a++) {
            for (int b = a + 1; b < cols; b++, k++) {
                double v = real.moments(k) != null
                        ? ColumnScores.correlationSimilarity(real.moments(k).pearson(), synthetic.moments(k).pearson())
                        : ColumnScores.tvComplement(real.jointCounts(k), real.rows(), synthetic.jointCounts(k), synthetic.rows());
                pairs.put(kinds.names().get(a) + "|" + kinds.names().get(b), v);
            }
        }
        double shapeScore = nanMean(shapes.values());
        double pairScore = pairs.isEmpty() ? Double.NaN : nanMean(pairs.values());
        Double closer = dcr.shareCloserToTraining();
        Double overfitting = closer == null ? null : Math.min(1.0, 2 * (1 - closer));
        List<Double> aucs = java.util.Arrays.stream(detection.foldAucs()).boxed().toList();
        return new QualityReport(types, shapes, shapeScore, missing, pairs, pairScore, nanMean(List.of(shapeScore, pairScore)),
                detection.score(), aucs, dcr.medianSynthetic(), dcr.medianRandom(),
                Math.min(1.0, dcr.medianSynthetic() / dcr.medianRandom()), closer, overfitting);
    }

    private static TableSummary summary(ColumnKinds kinds, CsvReader.TextRecords t, String role) {
        int[] at = kinds.positions(t.header(), role);
        TableSummary s = new TableSummary(kinds);
        for (String[] row : t.rows()) {
            s.add(ColumnKinds.cells(row, at));
        }
        return s;
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
