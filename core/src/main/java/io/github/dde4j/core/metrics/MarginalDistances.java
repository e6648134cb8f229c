package io.github.dde4j.core.metrics;

/**
 * Per-column comparison of X (n x d) and Y (m x d): for each column j, the exact 1-D Wasserstein-1
 * distance and the two-sample Kolmogorov-Smirnov statistic between x_{.j} and y_{.j}
 * ({@link Distances1D}). Marginals alone cannot see dependence; pair this with
 * {@link CorrelationDifference}.
 *
 * @param wasserstein1 W1 per column
 * @param ks           KS statistic per column (in [0, 1])
 */
public record MarginalDistances(double[] wasserstein1, double[] ks) {

    /** Copies the arrays. */
    public MarginalDistances {
        wasserstein1 = wasserstein1.clone();
        ks = ks.clone();
    }

    /** Computes both distances for every column. */
    public static MarginalDistances of(double[][] x, double[][] y) {
        int d = PairSums.checkPair(x, y);
        double[] w = new double[d];
        double[] k = new double[d];
        for (int j = 0; j < d; j++) {
            double[] a = column(x, j);
            double[] b = column(y, j);
            w[j] = Distances1D.wasserstein1(a, b);
            k[j] = Distances1D.ks(a, b);
        }
        return new MarginalDistances(w, k);
    }

    private static double[] column(double[][] x, int j) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i][j];
        }
        return out;
    }

    @Override
    public double[] wasserstein1() {
        return wasserstein1.clone();
    }

    @Override
    public double[] ks() {
        return ks.clone();
    }

    /** The largest per-column W1. */
    public double maxWasserstein1() {
        return max(wasserstein1);
    }

    /** The largest per-column KS statistic. */
    public double maxKs() {
        return max(ks);
    }

    /** The largest of non-negative distances (0 for none). */
    private static double max(double[] distances) {
        double m = 0;
        for (double v : distances) {
            m = Math.max(m, v);
        }
        return m;
    }
}
