package io.github.dde4j.core.dist;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.LogSumExp;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A finite mixture of axis-aligned Gaussians on R^d:
 * <pre>
 *   p(x) = sum_k w_k N(x; mu_k, diag(v_k)),      w_k >= 0, sum_k w_k = 1
 *   log p(x) = logsumexp_k [ log w_k - 1/2 sum_j ( log(2 pi v_kj) + (x_j - mu_kj)^2 / v_kj ) ]
 *   score(x) = sum_k r_k(x) (mu_k - x) / v_k,     r_k(x) = w_k N(x; mu_k, v_k) / p(x)
 * </pre>
 * The log-sum-exp is shifted by its largest term, so log p stays exact far in the tails where p
 * itself underflows. Convolution with N(0, sigma^2 I) adds sigma^2 to every variance
 * ({@link #convolved(double)}): this is the exact smoothed density p~ that a DDE learns.
 *
 * <p>Weights given to the factories are normalised to sum 1. Instances are immutable.
 */
public final class GaussianMixture extends ClosedFormDensity {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int k;
    private final int d;
    private final double[] weights;
    private final double[][] means;
    private final double[][] variances;
    /** log w_k - 1/2 sum_j log(2 pi v_kj). */
    private final double[] logConst;
    private final double[][] invVariances;
    private final double[] cumulative;

    private GaussianMixture(double[] weights, double[][] means, double[][] variances) {
        this.k = weights.length;
        this.d = means[0].length;
        this.weights = weights;
        this.means = means;
        this.variances = variances;
        this.logConst = new double[k];
        this.invVariances = new double[k][d];
        this.cumulative = new double[k];
        double acc = 0;
        for (int c = 0; c < k; c++) {
            double s = Math.log(weights[c]);
            for (int j = 0; j < d; j++) {
                s -= 0.5 * (LOG_2PI + Math.log(variances[c][j]));
                invVariances[c][j] = 1.0 / variances[c][j];
            }
            logConst[c] = s;
            acc += weights[c];
            cumulative[c] = acc;
        }
        // rounding may leave the total just below 1: let the last positive weight absorb it, so
        // the inverse CDF never lands on a zero-weight component
        int last = k - 1;
        while (weights[last] == 0) {
            last--;
        }
        for (int c = last; c < k; c++) {
            cumulative[c] = 1.0;
        }
    }

    /**
     * A mixture with per-component, per-coordinate variances.
     *
     * @param weights   k non-negative finite weights, not all 0 (normalised here)
     * @param means     k x d component means
     * @param variances k x d positive variances
     */
    public static GaussianMixture diagonal(double[] weights, double[][] means, double[][] variances) {
        int k = checkWeights(weights);
        int d = Checks.requirePoints(means, -1, "means");
        if (means.length != k) {
            throw new IllegalArgumentException("means has " + means.length + " rows but there are " + k + " weights");
        }
        if (variances == null || variances.length != k) {
            throw new IllegalArgumentException("variances must have " + k + " rows, got "
                    + (variances == null ? "null" : variances.length));
        }
        Checks.requirePoints(variances, d, "variances");
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                if (!(variances[c][j] > 0)) {
                    throw new IllegalArgumentException("variances, row " + c + ", column " + j + ": value "
                            + variances[c][j] + " is not > 0");
                }
            }
        }
        return new GaussianMixture(normalise(weights), Checks.copy(means), Checks.copy(variances));
    }

    /** A mixture whose component c is N(mu_c, sds[c]^2 I). */
    public static GaussianMixture isotropic(double[] weights, double[][] means, double[] sds) {
        int k = checkWeights(weights);
        int d = Checks.requirePoints(means, -1, "means");
        if (sds == null || sds.length != k) {
            throw new IllegalArgumentException("sds must have " + k + " entries, got " + (sds == null ? "null" : sds.length));
        }
        double[][] v = new double[k][d];
        for (int c = 0; c < k; c++) {
            Checks.requirePositive(sds[c], "sds[" + c + "]");
            java.util.Arrays.fill(v[c], sds[c] * sds[c]);
        }
        return diagonal(weights, means, v);
    }

    /** A mixture whose components all have covariance sd^2 I. */
    public static GaussianMixture isotropic(double[] weights, double[][] means, double sd) {
        Checks.requirePositive(sd, "sd");
        int k = checkWeights(weights);
        double[] sds = new double[k];
        java.util.Arrays.fill(sds, sd);
        return isotropic(weights, means, sds);
    }

    /** Equal weights 1/k, common isotropic sd. */
    public static GaussianMixture equalWeights(double[][] means, double sd) {
        if (means == null || means.length == 0) {
            throw new IllegalArgumentException("means is null or empty");
        }
        double[] w = new double[means.length];
        java.util.Arrays.fill(w, 1.0);
        return isotropic(w, means, sd);
    }

    private static int checkWeights(double[] weights) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("weights is null or empty");
        }
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] >= 0 && weights[c] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weights[" + c + "]: value " + weights[c] + " is not finite and >= 0");
            }
            sum += weights[c];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights sum to 0");
        }
        return weights.length;
    }

    private static double[] normalise(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        double[] out = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            out[c] = w[c] / sum;
        }
        return out;
    }

    /**
     * This mixture convolved with N(0, sigma^2 I): every component variance grows by sigma^2.
     *
     * @param sigma finite and > 0
     */
    public GaussianMixture convolved(double sigma) {
        Checks.requirePositive(sigma, "sigma");
        double s2 = sigma * sigma;
        double[][] v = Checks.copy(variances);
        for (double[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] += s2;
            }
        }
        return new GaussianMixture(weights.clone(), Checks.copy(means), v);
    }

    /** The exact smoothed density p * N(0, sigma^2 I); same as {@link #convolved(double)}. */
    public GaussianMixture smoothedDensity(double sigma) {
        return convolved(sigma);
    }

    @Override
    public int dimension() {
        return d;
    }

    /** Number of components k. */
    public int components() {
        return k;
    }

    /** A copy of the normalised weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the k x d component means. */
    public double[][] means() {
        return Checks.copy(means);
    }

    /** A copy of the k x d component variances. */
    public double[][] variances() {
        return Checks.copy(variances);
    }

    /** The k per-component terms. */
    @Override
    double[] newWork() {
        return new double[k];
    }

    /** Fills work with the k terms log w_c + log N(x; c) and returns their log-sum-exp. */
    @Override
    double logDensityUnchecked(double[] x, double[] work) {
        for (int c = 0; c < k; c++) {
            double[] mu = means[c];
            double[] iv = invVariances[c];
            double q = 0;
            for (int j = 0; j < d; j++) {
                double t = x[j] - mu[j];
                q += t * t * iv[j];
            }
            work[c] = logConst[c] - 0.5 * q;
        }
        return LogSumExp.of(work, k);
    }

    /**
     * The posterior component probabilities r_c(x) = w_c N(x; c) / p(x) for one point.
     */
    public double[] responsibilities(double[] x) {
        Checks.requirePoint(x, d, "x");
        double[] work = new double[k];
        double lse = logDensityUnchecked(x, work);
        for (int c = 0; c < k; c++) {
            work[c] = Math.exp(work[c] - lse);
        }
        return work;
    }

    @Override
    public double[][] score(double[][] xs) {
        Checks.requirePoints(xs, d, "points");
        double[][] out = new double[xs.length][d];
        double[] work = new double[k];
        for (int i = 0; i < xs.length; i++) {
            double[] x = xs[i];
            double lse = logDensityUnchecked(x, work);
            double[] g = out[i];
            if (lse == Double.NEGATIVE_INFINITY) {
                farScore(x, g);
                continue;
            }
            for (int c = 0; c < k; c++) {
                double r = Math.exp(work[c] - lse);
                if (r == 0) {
                    continue;
                }
                double[] mu = means[c];
                double[] iv = invVariances[c];
                for (int j = 0; j < d; j++) {
                    g[j] += r * (mu[j] - x[j]) * iv[j];
                }
            }
        }
        return out;
    }

    /**
     * So far out that every squared distance overflows (|x| above ~1e154): one component holds all
     * the responsibility, the one with the smallest scaled Mahalanobis distance (the log weights
     * and normalisers are negligible there), and the score is its (mu - x) / v.
     */
    private void farScore(double[] x, double[] g) {
        double scale = 0;
        for (int j = 0; j < d; j++) {
            scale = Math.max(scale, Math.abs(x[j]));
        }
        int best = 0;
        double bestQ = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double q = 0;
            for (int j = 0; j < d; j++) {
                double t = (x[j] - means[c][j]) / scale;
                q += t * t * invVariances[c][j];
            }
            if (q < bestQ) {
                bestQ = q;
                best = c;
            }
        }
        for (int j = 0; j < d; j++) {
            g[j] = (means[best][j] - x[j]) * invVariances[best][j];
        }
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        return sample(n, rng, null);
    }

    /**
     * Draws {@code n} points; if {@code componentsOut} is not null (length >= n) it receives the
     * component each point was drawn from.
     */
    public double[][] sample(int n, UniformRandomProvider rng, int[] componentsOut) {
        Checks.requireAtLeast(n, 0, "n");
        Checks.requireNonNull(rng, "rng");
        if (componentsOut != null && componentsOut.length < n) {
            throw new IllegalArgumentException("componentsOut has length " + componentsOut.length + " < n = " + n);
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][d];
        double[][] sds = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                sds[c][j] = Math.sqrt(variances[c][j]);
            }
        }
        for (int i = 0; i < n; i++) {
            int c = pick(rng.nextDouble());
            if (componentsOut != null) {
                componentsOut[i] = c;
            }
            double[] mu = means[c];
            double[] sd = sds[c];
            double[] row = out[i];
            for (int j = 0; j < d; j++) {
                row[j] = mu[j] + sd[j] * gauss.sample();
            }
        }
        return out;
    }

    /** Inverse CDF of the component distribution: the first c with u < cumulative[c]. */
    private int pick(double u) {
        int lo = 0;
        int hi = k - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "GaussianMixture(k=" + k + ", d=" + d + ")";
    }
}
