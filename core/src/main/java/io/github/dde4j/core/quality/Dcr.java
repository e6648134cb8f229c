package io.github.dde4j.core.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * Distance to closest record. The distance of two rows is the mean over columns of: numerical,
 * |a - b| / (max - min of the real column) capped at 1 (a range of 0 counts as 1); categorical,
 * 0 if equal else 1; missing against present 1, both missing 0. The report's DCR scores come
 * from such distances (see {@link QualityReport}); a table too large for one machine computes them
 * part by part with {@link #closest}, the smaller table whole against each part of the larger.
 */
public final class Dcr {

    private Dcr() {
    }

    /**
     * The DCR scores of a report.
     *
     * @param medianSynthetic        median distance of the synthetic rows to their closest real row
     * @param medianRandom           the same for the random rows of {@link #randomRows}
     * @param shareCloserToTraining  share of synthetic rows closer to the real rows than to the
     *                               holdout rows (both cut to the same number of rows), or null
     */
    public record Scores(double medianSynthetic, double medianRandom, Double shareCloserToTraining) {
    }

    /** The real columns' ranges (1 where constant), NaN for categorical columns. */
    public static double[] spans(ColumnKinds kinds) {
        double[] span = new double[kinds.size()];
        for (int a = 0; a < span.length; a++) {
            if (kinds.numerical(a)) {
                double s = kinds.max(a) - kinds.min(a);
                span[a] = s > 0 ? s : 1.0;
            } else {
                span[a] = Double.NaN;
            }
        }
        return span;
    }

    /** For each row of {@code a}, its smallest distance to a row of {@code b} ({@code span}: {@link #spans}). */
    public static double[] closest(ScoredTable a, ScoredTable b, double[] span) {
        int cols = a.names.size();
        double[] out = new double[a.rows];
        double[] total = new double[b.rows];
        for (int i = 0; i < a.rows; i++) {
            Arrays.fill(total, 0.0);
            for (int c = 0; c < cols; c++) {
                if (a.numerical[c]) {
                    double x = a.numbers[c][i];
                    double[] y = b.numbers[c];
                    for (int j = 0; j < b.rows; j++) {
                        boolean xm = Double.isNaN(x);
                        boolean ym = Double.isNaN(y[j]);
                        total[j] += xm && ym ? 0.0 : xm || ym ? 1.0 : Math.min(Math.abs(x - y[j]) / span[c], 1.0);
                    }
                } else {
                    String x = a.labels[c][i];
                    String[] y = b.labels[c];
                    for (int j = 0; j < b.rows; j++) {
                        total[j] += x.equals(y[j]) ? 0.0 : 1.0;
                    }
                }
            }
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < b.rows; j++) {
                min = Math.min(min, total[j] / cols);
            }
            out[i] = min;
        }
        return out;
    }

    /** The median of {@code v} (left unchanged). */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return medianOfSorted(s.length, k -> s[(int) k]);
    }

    /** The median of {@code n} sorted values, {@code kth} giving the value of rank k (from 0); NaN if n = 0. */
    public static double medianOfSorted(long n, LongToDoubleFunction kth) {
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? kth.applyAsDouble(n / 2) : (kth.applyAsDouble(n / 2 - 1) + kth.applyAsDouble(n / 2)) / 2;
    }

    /** The share of rows of {@code toTraining} (distances to training rows) below the row's distance in {@code toHoldout}. */
    static double shareCloser(double[] toTraining, double[] toHoldout) {
        return (double) countCloser(toTraining, toHoldout) / toTraining.length;
    }

    /** The number of rows whose distance in {@code toTraining} is below their distance in {@code toHoldout}. */
    public static long countCloser(double[] toTraining, double[] toHoldout) {
        long count = 0;
        for (int i = 0; i < toTraining.length; i++) {
            count += toTraining[i] < toHoldout[i] ? 1 : 0;
        }
        return count;
    }

    /**
     * Random rows: per column (in order), first for every row whether it is missing (with the real
     * column's missing share), then the values: uniform in the real column's [min, max]
     * (numerical) or uniform among its sorted labels. Drawn from NumPy's default_rng(seed) in
     * the reference's order, so the rows are the reference's. {@code real} summarises the real table.
     */
    public static ScoredTable randomRows(ColumnKinds kinds, TableSummary real, int n, long seed) {
        NumpyGenerator rng = new NumpyGenerator(seed);
        int cols = kinds.size();
        double[][] num = new double[cols][];
        String[][] lab = new String[cols][n];
        for (int c = 0; c < cols; c++) {
            double missingShare = real.missingShare(c);
            boolean[] missing = new boolean[n];
            for (int i = 0; i < n; i++) {
                missing[i] = rng.nextDouble() < missingShare;
            }
            if (kinds.numerical(c)) {
                num[c] = new double[n];
                for (int i = 0; i < n; i++) {
                    double x = rng.uniform(kinds.min(c), kinds.max(c));
                    num[c][i] = missing[i] ? Double.NaN : x;
                    lab[c][i] = missing[i] ? ScoredTable.MISSING : "";
                }
            } else {
                List<String> cats = new ArrayList<>(real.labelCounts(c).keySet());
                cats.remove(ScoredTable.MISSING);
                cats.sort(null);
                for (int i = 0; i < n; i++) {
                    String x = cats.get(rng.index(cats.size()));
                    lab[c][i] = missing[i] ? ScoredTable.MISSING : x;
                }
            }
        }
        return ScoredTable.fromColumns(kinds.names(), kinds.numericalFlags(), num, lab, n);
    }
}
