package io.github.dde4j.core.metrics;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.dist.Moments;

/**
 * How far apart the Pearson correlation matrices R_X and R_Y of X (n x d) and Y (m x d) are:
 * <pre>
 *   frobenius = sqrt( sum_{a,b} (R_X[a][b] - R_Y[a][b])^2 )     (all d^2 entries)
 *   maxAbs    = max_{a,b} |R_X[a][b] - R_Y[a][b]|
 * </pre>
 * R[a][b] = cov(a, b) / (sd_a sd_b); a constant column has no defined correlation and is given
 * R[a][b] = 0 for b != a (and 1 on the diagonal), so a generator that collapses a column shows up
 * as a difference rather than NaN.
 *
 * @param frobenius    Frobenius norm of R_X - R_Y
 * @param maxAbs       largest absolute entry of R_X - R_Y
 * @param correlationX R_X (d x d)
 * @param correlationY R_Y (d x d)
 */
public record CorrelationDifference(double frobenius, double maxAbs, double[][] correlationX, double[][] correlationY) {

    /** Copies the matrices. */
    public CorrelationDifference {
        correlationX = Checks.copy(correlationX);
        correlationY = Checks.copy(correlationY);
    }

    /** Compares the correlation matrices of two samples (each with at least 2 rows). */
    public static CorrelationDifference of(double[][] x, double[][] y) {
        PairSums.checkPair(x, y);
        double[][] rx = correlation(x, "x");
        double[][] ry = correlation(y, "y");
        int d = rx.length;
        double ss = 0;
        double max = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double t = rx[a][b] - ry[a][b];
                ss += t * t;
                max = Math.max(max, Math.abs(t));
            }
        }
        return new CorrelationDifference(Math.sqrt(ss), max, rx, ry);
    }

    /** The Pearson correlation matrix of an n x d sample (n >= 2), constant columns as described above. */
    public static double[][] correlation(double[][] x, String name) {
        int d = Checks.requirePoints(x, -1, name);
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException(name + " needs at least 2 rows for a correlation, got " + n);
        }
        double[] mean = Moments.mean(x);
        boolean[] constant = new boolean[d];
        for (int j = 0; j < d; j++) {
            constant[j] = true;
            for (int i = 1; i < n && constant[j]; i++) {
                constant[j] = x[i][j] == x[0][j];
            }
        }
        double[][] cov = Moments.scatter(x, mean);
        double[][] r = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v;
                if (a == b) {
                    v = 1.0;
                } else if (!constant[a] && !constant[b] && cov[a][a] > 0 && cov[b][b] > 0) {
                    v = cov[a][b] / Math.sqrt(cov[a][a] * cov[b][b]);
                    v = Math.max(-1.0, Math.min(1.0, v));
                } else {
                    v = 0.0;
                }
                r[a][b] = v;
                r[b][a] = v;
            }
        }
        return r;
    }

    /** A copy of R_X. */
    @Override
    public double[][] correlationX() {
        return Checks.copy(correlationX);
    }

    /** A copy of R_Y. */
    @Override
    public double[][] correlationY() {
        return Checks.copy(correlationY);
    }
}
