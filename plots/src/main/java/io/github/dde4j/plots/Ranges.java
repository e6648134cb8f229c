package io.github.dde4j.plots;

/** Column ranges of point sets. */
final class Ranges {

    private Ranges() {
    }

    /** {min, max} of column {@code c}. */
    static double[] of(double[][] points, int c) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            if (c < 0 || c >= points[i].length) {
                throw new IllegalArgumentException("points, row " + i + " has no column " + c);
            }
            double v = points[i][c];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    /** {min, max} of column {@code c} over several sets, widened by {@code margin} of the extent. */
    static double[] padded(java.util.List<double[][]> sets, int c, double margin) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] s : sets) {
            double[] r = of(s, c);
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[1]);
        }
        double w = hi - lo;
        if (w == 0) {
            w = Math.max(1, Math.abs(lo));
        }
        return new double[] {lo - margin * w, hi + margin * w};
    }
}
