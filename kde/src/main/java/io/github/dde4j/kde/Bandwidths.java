package io.github.dde4j.kde;

import io.github.dde4j.core.Checks;
import java.util.function.DoubleUnaryOperator;

/**
 * Bandwidth rules for the Gaussian KDE. All take the data (n x d, not modified) and optional
 * non-negative weights (null = equal weights) and return kernel standard deviations per dimension
 * or a kernel covariance matrix.
 *
 * <h2>Where the data scale comes from</h2>
 * The rules of thumb are derived for a Gaussian whose scale is estimated from the data. Here the
 * scale is always the data's own (weighted, unbiased) sample standard deviation per dimension
 * ({@link #scott}, {@link #silverman}, {@link #leaveOneOut}) or the sample covariance matrix
 * ({@link #scottCovariance}, {@link #silvermanCovariance}; identical to SciPy's
 * {@code gaussian_kde}, which uses {@code np.cov(data, aweights=w)}). scikit-learn's
 * {@code bandwidth="scott"} uses the factor n^(-1/(d+4)) alone, as if every dimension had
 * standard deviation 1; that equals {@link #scott} only for standardised data.
 *
 * <p>With weights w (normalised to sum 1) the moments are the weighted ones, the unbiased
 * covariance divides by 1 - sum w^2, and n is replaced by the effective sample size
 * n_eff = 1 / sum w^2, as in SciPy.
 *
 * <h2>Formulas</h2>
 * <ul>
 *   <li>Scott: factor n_eff^(-1/(d+4)); Silverman: factor (n_eff (d+2) / 4)^(-1/(d+4)).</li>
 *   <li>Per-dimension rules: h_k = factor * sd_k (diagonal kernel covariance diag(h_k^2)).</li>
 *   <li>Covariance rules: H = factor^2 * Cov (full kernel covariance).</li>
 *   <li>Leave-one-out: h_k = c * sd_k where c maximises the weighted leave-one-out
 *       log-likelihood sum_i w_i log p_{-i}(x_i), p_{-i} being the KDE of all rows but i,
 *       renormalised. Exact sums (see {@link GaussianKde}); c is found by walking log c in steps of log 2
 *       from the Scott factor towards larger likelihood, then Brent's method on the bracketing
 *       interval. For n above {@link #LOO_MAX_QUERIES} the objective averages over that many rows
 *       drawn with a fixed seed (each of their leave-one-out densities is still exact over all n
 *       rows), which keeps the cost at O(LOO_MAX_QUERIES x neighbours) per evaluation.</li>
 * </ul>
 */
public final class Bandwidths {

    /** Above this many rows the leave-one-out objective averages over a fixed-seed sample of rows. */
    public static final int LOO_MAX_QUERIES = 20_000;
    /** Above this many rows {@link #leaveOneOutIsotropic(double[][])} averages over this many. */
    public static final int ISOTROPIC_MAX_QUERIES = 2_000;
    private static final long LOO_SEED = 0x5EEDL;

    private Bandwidths() {
    }

    /** The outcome of leave-one-out cross-validation. */
    public record LeaveOneOut(double factor, double[] bandwidth, double meanLogLikelihood, int evaluations) {
    }

    /**
     * Scott's rule per dimension: h_k = n_eff^(-1/(d+4)) sd_k.
     *
     * @param data    the rows (n x d)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the bandwidth h_k of each dimension
     */
    public static double[] scott(double[][] data, double[] weights) {
        Moments m = Moments.of(data, weights);
        return scale(m.sd(), scottFactor(m.neff, m.d));
    }

    /**
     * Silverman's rule per dimension: h_k = (n_eff (d+2)/4)^(-1/(d+4)) sd_k.
     *
     * @param data    the rows (n x d)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the bandwidth h_k of each dimension
     */
    public static double[] silverman(double[][] data, double[] weights) {
        Moments m = Moments.of(data, weights);
        return scale(m.sd(), silvermanFactor(m.neff, m.d));
    }

    /**
     * Scott's rule with the full covariance (SciPy's default): H = n_eff^(-2/(d+4)) Cov.
     *
     * @param data    the rows (n x d)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the kernel covariance H (d x d)
     */
    public static double[][] scottCovariance(double[][] data, double[] weights) {
        Moments m = Moments.of(data, weights);
        double f = scottFactor(m.neff, m.d);
        return scale(m.cov, f * f);
    }

    /**
     * Silverman's rule with the full covariance: H = (n_eff (d+2)/4)^(-2/(d+4)) Cov.
     *
     * @param data    the rows (n x d)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the kernel covariance H (d x d)
     */
    public static double[][] silvermanCovariance(double[][] data, double[] weights) {
        Moments m = Moments.of(data, weights);
        double f = silvermanFactor(m.neff, m.d);
        return scale(m.cov, f * f);
    }

    /**
     * n^(-1/(d+4)).
     *
     * @param n the (effective) sample size
     * @param d the dimension
     * @return the factor
     */
    public static double scottFactor(double n, int d) {
        return Math.pow(n, -1.0 / (d + 4));
    }

    /**
     * (n (d+2) / 4)^(-1/(d+4)).
     *
     * @param n the (effective) sample size
     * @param d the dimension
     * @return the factor
     */
    public static double silvermanFactor(double n, int d) {
        return Math.pow(n * (d + 2) / 4.0, -1.0 / (d + 4));
    }

    /**
     * The weighted, unbiased sample covariance (as {@code np.cov(data.T, aweights=w)}).
     *
     * @param data    the rows (n x d)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the d x d covariance
     */
    public static double[][] covariance(double[][] data, double[] weights) {
        return Moments.of(data, weights).cov;
    }

    /**
     * The effective sample size 1 / sum w^2 of normalised weights (n for null).
     *
     * @param data    the rows (n x d)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the effective sample size
     */
    public static double effectiveSampleSize(double[][] data, double[] weights) {
        return Moments.of(data, weights).neff;
    }

    /**
     * Maximum leave-one-out likelihood bandwidth h_k = c sd_k (see the class comment).
     *
     * @throws IllegalArgumentException for bad data or weights, a constant column, fewer than two
     *                                  rows with positive weight, or when the likelihood keeps
     *                                  growing as c shrinks (rows with exact duplicates)
     * @param data    the rows (n x d)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the chosen factor c, the bandwidths and the likelihood reached
     */
    public static LeaveOneOut leaveOneOut(double[][] data, double[] weights) {
        return leaveOneOut(data, weights, false, LOO_MAX_QUERIES);
    }

    /**
     * Maximum leave-one-out likelihood bandwidth shared by every dimension: the kernel is
     * N(0, h^2 I) whatever each column's spread, so {@code factor} is h itself. Meant for rows
     * already on a common scale, such as the standardised encoding of a table, where h is the
     * noise level sigma of a KDE or DDE ("--sigma auto"). Same search and exact sums as
     * {@link #leaveOneOut}, except that above {@link #ISOTROPIC_MAX_QUERIES} rows the objective
     * averages over that many rows drawn with a fixed seed (each density still exact over all
     * rows): a noise level needs two digits, and this keeps 10,000 x 30 rows to seconds.
     *
     * @param data rows x columns, at least two rows, on a common scale
     * @return the selected isotropic bandwidth with its leave-one-out objective
     * @throws IllegalArgumentException as {@link #leaveOneOut}
     */
    public static LeaveOneOut leaveOneOutIsotropic(double[][] data) {
        return leaveOneOut(data, null, true, ISOTROPIC_MAX_QUERIES);
    }

    /**
     * {@link #leaveOneOutIsotropic(double[][])} with another cap on the rows the objective averages over.
     *
     * @param data       rows x columns, at least two rows, on a common scale
     * @param maxQueries the most rows the objective averages over, at least 2
     * @return the selected isotropic bandwidth with its leave-one-out objective
     * @throws IllegalArgumentException as {@link #leaveOneOut}, or if maxQueries is below 2
     */
    public static LeaveOneOut leaveOneOutIsotropic(double[][] data, int maxQueries) {
        Checks.requireAtLeast(maxQueries, 2, "maxQueries");
        return leaveOneOut(data, null, true, maxQueries);
    }

    private static LeaveOneOut leaveOneOut(double[][] data, double[] weights, boolean isotropic, int maxQueries) {
        Moments m = Moments.of(data, weights);
        double[] sd = m.sd();
        if (isotropic) {
            java.util.Arrays.fill(sd, 1.0); // the search starts at Scott's factor as for unit spread
        }
        int n = data.length;
        int d = m.d;
        double[][] u = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                u[i][k] = data[i][k] / sd[k];
            }
        }
        double[] w = m.w;
        KdTree tree = new KdTree(u, GaussianKde.LEAF_SIZE);
        double[] wTree = new double[n];
        for (int t = 0; t < n; t++) {
            wTree[t] = w[tree.order[t]];
        }
        // the rows whose leave-one-out density enters the objective: all of them, or for large n a
        // fixed-seed sample of LOO_MAX_QUERIES rows (each density is still exact over all n rows)
        int nq = Math.min(n, maxQueries);
        int[] pos = io.github.dde4j.core.RandomSources.partialPermutation(n, nq < n ? nq : 0,
                io.github.dde4j.core.RandomSources.seeded(LOO_SEED));
        if (nq < n) {
            java.util.Arrays.sort(pos, 0, nq); // tree order: neighbouring queries share memory
        }
        double[][] q = new double[nq][];
        int[] exclude = new int[nq];
        double[] wq = new double[nq];
        double wqSum = 0;
        for (int i = 0; i < nq; i++) {
            int t = pos[i];
            q[i] = u[tree.order[t]];
            exclude[i] = t;
            wq[i] = wTree[t];
            wqSum += wq[i];
        }
        final double wqTotal = wqSum;
        boolean eq = weights == null;
        for (int t = 1; t < n && eq; t++) {
            eq = wTree[t] == wTree[0];
        }
        final boolean uniform = eq;
        // equal weights: the engine sums 1s and log p_{-i} needs - log(n - 1) instead of - log(1 - w_i)
        KernelSums sums = new KernelSums(tree, uniform ? null : wTree, GaussianKde.DEFAULT_TOLERANCE);
        final double restCorrection = uniform ? Math.log(n - 1.0) : 0.0;
        double sumLogSd = 0;
        for (double s : sd) {
            sumLogSd += Math.log(s);
        }
        final double constant = -0.5 * d * Math.log(2 * Math.PI) - sumLogSd;
        double[] out = new double[nq];
        int[] evals = {0};
        DoubleUnaryOperator objective = logc -> {
            evals[0]++;
            double c = Math.exp(logc);
            sums.evaluate(q, 1.0 / (c * c), exclude, out, null);
            double total = 0;
            for (int i = 0; i < nq; i++) {
                double wt = wq[i];
                if (wt > 0) {
                    total += wt * (out[i] - (uniform ? restCorrection : Math.log1p(-wt)));
                }
            }
            return total / wqTotal - d * logc + constant;
        };
        double base = Math.log(scottFactor(m.neff, d));
        double step = Math.log(2);
        // walk in factors of 2 from Scott's bandwidth towards larger likelihood (usually down:
        // the small bandwidths are also the cheap ones), then refine the bracket with Brent
        int offset = 40;
        double[] val = new double[offset + 22];
        java.util.Arrays.fill(val, Double.NaN);
        val[offset] = objective.applyAsDouble(base);
        val[offset - 1] = objective.applyAsDouble(base - step);
        int dir = val[offset - 1] > val[offset] ? -1 : 1;
        int k = dir < 0 ? -1 : 0;
        if (dir > 0) {
            val[offset + 1] = objective.applyAsDouble(base + step);
            if (!(val[offset + 1] > val[offset])) {
                dir = 0; // Scott's is the best power of 2
            }
            k = dir > 0 ? 1 : 0;
        }
        while (dir != 0) {
            int next = k + dir;
            if (next <= -offset || next >= 21) {
                throw new IllegalArgumentException("leave-one-out likelihood has no interior maximum for factors 2^"
                        + (-offset + 1) + " .. 2^20 times Scott's (exact duplicate rows make it grow without bound as h -> 0)");
            }
            val[offset + next] = objective.applyAsDouble(base + next * step);
            if (!(val[offset + next] > val[offset + k])) {
                break;
            }
            k = next;
        }
        int kBest = k;
        double bestGrid = val[offset + kBest];
        BrentSearch.Result p = BrentSearch.maximize(objective, base + (kBest - 1) * step, base + (kBest + 1) * step,
                base + kBest * step, 1e-6, 1e-3, 40);
        double logc = p.point();
        double value = p.value();
        if (bestGrid > value) {
            logc = base + kBest * step;
            value = bestGrid;
        }
        double c = Math.exp(logc);
        return new LeaveOneOut(c, scale(sd, c), value, evals[0]);
    }

    /** v * f, a new array (also the factor applied to a rule's bandwidths in {@link GaussianKde}). */
    static double[] scale(double[] v, double f) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * f;
        }
        return out;
    }

    /** a * f, a new matrix. */
    static double[][] scale(double[][] a, double f) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = scale(a[i], f);
        }
        return out;
    }

    /**
     * Validates weights against n rows: finite, >= 0, positive sum. Returns them normalised to
     * sum 1 (a new array), or null when {@code weights} is null.
     */
    static double[] normalisedWeights(double[] weights, int n) {
        if (weights == null) {
            return null;
        }
        if (weights.length != n) {
            throw new IllegalArgumentException("weights has length " + weights.length + ", expected " + n + " (one per data row)");
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double v = weights[i];
            if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weights, row " + i + ": value " + v + " must be finite and >= 0");
            }
            total += v;
        }
        if (!(total > 0 && total < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("weights must have a finite positive sum, got " + total);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = weights[i] / total;
        }
        return out;
    }

    /** Weighted mean and unbiased covariance of the data. */
    private static final class Moments {
        final int d;
        final double[] w;
        final double neff;
        final double[][] cov;

        private Moments(int d, double[] w, double neff, double[][] cov) {
            this.d = d;
            this.w = w;
            this.neff = neff;
            this.cov = cov;
        }

        static Moments of(double[][] data, double[] weights) {
            int d = Checks.requirePoints(data, -1, "data");
            int n = data.length;
            double[] w = normalisedWeights(weights, n);
            if (w == null) {
                w = new double[n];
                java.util.Arrays.fill(w, 1.0 / n);
            }
            double sumW2 = 0;
            for (double v : w) {
                sumW2 += v * v;
            }
            double bias = 1 - sumW2;
            if (!(bias > 1e-12)) {
                throw new IllegalArgumentException("bandwidth rules need at least 2 rows with positive weight, got "
                        + (n == 1 ? "1 row" : "all weight on one row"));
            }
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    mean[k] += w[i] * data[i][k];
                }
            }
            double[][] cov = new double[d][d];
            double[] c = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    c[k] = data[i][k] - mean[k];
                }
                double wi = w[i];
                for (int a = 0; a < d; a++) {
                    double ca = wi * c[a];
                    for (int b = 0; b <= a; b++) {
                        cov[a][b] += ca * c[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] /= bias;
                    cov[b][a] = cov[a][b];
                }
                // equal values can leave a variance of rounding noise (the weighted mean is not
                // exactly the value): a constant column is recognised by its values, not its variance
                if (!(cov[a][a] > 0) || constant(data, w, a)) {
                    throw new IllegalArgumentException("data, column " + a + " is constant (standard deviation 0): "
                            + "no data scale for a bandwidth rule; give a bandwidth explicitly");
                }
                if (!Double.isFinite(cov[a][a])) {
                    throw new IllegalArgumentException("data, column " + a + ": the variance overflows (values too large "
                            + "for a double's square); rescale the column");
                }
            }
            return new Moments(d, w, 1.0 / sumW2, cov);
        }

        /** Whether every row with positive weight has the same value in column {@code a}. */
        private static boolean constant(double[][] data, double[] w, int a) {
            double first = Double.NaN;
            for (int i = 0; i < data.length; i++) {
                if (w[i] > 0) {
                    if (first != first) {
                        first = data[i][a];
                    } else if (data[i][a] != first) {
                        return false;
                    }
                }
            }
            return true;
        }

        double[] sd() {
            double[] sd = new double[d];
            for (int k = 0; k < d; k++) {
                sd[k] = Math.sqrt(cov[k][k]);
            }
            return sd;
        }
    }
}
