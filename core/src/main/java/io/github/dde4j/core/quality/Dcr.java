package io.github.dde4j.core.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Distance to closest record. The distance of two rows is the mean over columns of: numerical,
 * |a - b| / (max - min of the real column) capped at 1 (a range of 0 counts as 1); categorical,
 * 0 if equal else 1; missing against present 1, both missing 0.
 */
final class Dcr {

    private Dcr() {
    }

    /** The real columns' ranges (1 where constant), NaN for categorical columns. */
    static double[] spans(ScoredTable real) {
        double[] span = new double[real.names.size()];
        for (int a = 0; a < span.length; a++) {
            if (real.numerical[a]) {
                double[] v = ColumnScores.sortedPresent(real.numbers[a]);
                double s = v.length == 0 ? Double.NaN : v[v.length - 1] - v[0];
                span[a] = s > 0 ? s : 1.0;
            } else {
                span[a] = Double.NaN;
            }
        }
        return span;
    }

    /** For each row of {@code a}, its smallest distance to a row of {@code b}. */
    static double[] closest(ScoredTable a, ScoredTable b, double[] span) {
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

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * Random rows: per column (in order), first for every row whether it is missing (with the real
     * column's missing share), then the values: uniform in the real column's [min, max]
     * (numerical) or uniform among its sorted labels. Drawn from NumPy's default_rng(seed) in
     * the reference's order, so the rows are the reference's.
     */
    static ScoredTable randomRows(ScoredTable real, int n, long seed) {
        NumpyGenerator rng = new NumpyGenerator(seed);
        int cols = real.names.size();
        double[][] num = new double[cols][];
        String[][] lab = new String[cols][n];
        for (int c = 0; c < cols; c++) {
            double missingShare = Arrays.stream(real.labels[c]).filter(ScoredTable.MISSING::equals).count() / (double) real.rows;
            boolean[] missing = new boolean[n];
            for (int i = 0; i < n; i++) {
                missing[i] = rng.nextDouble() < missingShare;
            }
            if (real.numerical[c]) {
                double[] v = ColumnScores.sortedPresent(real.numbers[c]);
                num[c] = new double[n];
                for (int i = 0; i < n; i++) {
                    double x = rng.uniform(v[0], v[v.length - 1]);
                    num[c][i] = missing[i] ? Double.NaN : x;
                    lab[c][i] = missing[i] ? ScoredTable.MISSING : "";
                }
            } else {
                List<String> cats = new ArrayList<>(ColumnScores.categories(real.labels[c]));
                cats.sort(null);
                for (int i = 0; i < n; i++) {
                    String x = cats.get(rng.index(cats.size()));
                    lab[c][i] = missing[i] ? ScoredTable.MISSING : x;
                }
            }
        }
        return ScoredTable.fromColumns(real.names, real.numerical, num, lab, n);
    }
}
