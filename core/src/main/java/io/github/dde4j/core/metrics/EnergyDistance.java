package io.github.dde4j.core.metrics;

/**
 * The energy distance (Szekely and Rizzo 2013, "Energy statistics", J. Stat. Plann. Inference 143)
 * between the distributions of X (n x d) and Y (m x d):
 * <pre>
 *   E(X, Y) = 2 E||X - Y|| - E||X - X'|| - E||Y - Y'||      (>= 0, = 0 iff equal in law)
 * </pre>
 * {@link #vStatistic} (the default estimator, {@link #of}) plugs in the empirical distributions:
 * <pre>
 *   2/(n m) sum_{i,j} ||x_i - y_j|| - 1/n^2 sum_{i,i'} ||x_i - x_i'|| - 1/m^2 sum_{j,j'} ||y_j - y_j'||
 * </pre>
 * which is always >= 0 and equals the square of SciPy's {@code scipy.stats.energy_distance} in 1-D.
 * {@link #uStatistic} divides the within-sample sums by n(n-1) and m(m-1) instead: unbiased, but it can
 * be negative. Both return the squared-scale statistic E, not its square root.
 */
public final class EnergyDistance {

    private EnergyDistance() {
    }

    /** The V-statistic (biased, non-negative); see the class comment. */
    public static double of(double[][] x, double[][] y) {
        return vStatistic(x, y);
    }

    /** The V-statistic: empirical distributions plugged in, diagonal zeros included. */
    public static double vStatistic(double[][] x, double[][] y) {
        double[] s = sums(x, y);
        double n = x.length;
        double m = y.length;
        return 2 * s[2] / (n * m) - s[0] / (n * n) - s[1] / (m * m);
    }

    /** The U-statistic (unbiased; needs n, m >= 2). */
    public static double uStatistic(double[][] x, double[][] y) {
        double[] s = sums(x, y);
        double n = x.length;
        double m = y.length;
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("the U-statistic needs at least 2 rows in x and in y, got " + x.length + " and " + y.length);
        }
        return 2 * s[2] / (n * m) - s[0] / (n * (n - 1)) - s[1] / (m * (m - 1));
    }

    /** {sum_{i != i'} ||x_i - x_i'||, sum_{j != j'} ||y_j - y_j'||, sum_{i,j} ||x_i - y_j||}. */
    private static double[] sums(double[][] x, double[][] y) {
        int d = PairSums.checkPair(x, y);
        double[] fx = PairSums.flatten(x, d);
        double[] fy = PairSums.flatten(y, d);
        return new double[] {
            PairSums.sum(fx, x.length, fx, x.length, d, PairSums.EUCLIDEAN, 0, true),
            PairSums.sum(fy, y.length, fy, y.length, d, PairSums.EUCLIDEAN, 0, true),
            PairSums.sum(fx, x.length, fy, y.length, d, PairSums.EUCLIDEAN, 0, false)
        };
    }
}
