package io.github.dde4j.core.dist;

import io.github.dde4j.core.Checks;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The multivariate normal distribution N(mu, Sigma) on R^d with a full covariance matrix.
 *
 * <p>With the Cholesky factor Sigma = L L^T (L lower triangular, positive diagonal):
 * <pre>
 *   log p(x)  = -1/2 ||L^-1 (x - mu)||^2 - sum_j log L_jj - (d/2) log(2 pi)
 *   score(x)  = grad_x log p(x) = -Sigma^-1 (x - mu) = -L^-T L^-1 (x - mu)
 *   sample    = mu + L z,   z ~ N(0, I_d)
 * </pre>
 * Convolution with isotropic noise stays Gaussian: N(mu, Sigma) * N(0, s^2 I) = N(mu, Sigma + s^2 I)
 * ({@link #widened(double)}, {@link #smoothedDensity(double)}).
 *
 * <p>Instances are immutable and hold no random generator; arrays are copied in and out.
 */
public final class MultivariateGaussian extends ClosedFormDensity {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final double[] mean;
    private final double[][] covariance;
    /** Lower-triangular Cholesky factor of the covariance. */
    private final double[][] chol;
    private final double logNormaliser;

    private MultivariateGaussian(double[] mean, double[][] covariance, double[][] chol) {
        this.d = mean.length;
        this.mean = mean;
        this.covariance = covariance;
        this.chol = chol;
        double sumLogDiag = 0;
        for (int j = 0; j < d; j++) {
            sumLogDiag += Math.log(chol[j][j]);
        }
        this.logNormaliser = -sumLogDiag - 0.5 * d * LOG_2PI;
    }

    /**
     * N(mean, covariance).
     *
     * @throws IllegalArgumentException if the mean is empty or not finite, the covariance is not
     *                                  d x d, not finite, not symmetric, or not positive definite
     */
    public static MultivariateGaussian of(double[] mean, double[][] covariance) {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("mean is null or empty");
        }
        int d = mean.length;
        Checks.requirePoint(mean, d, "mean");
        if (covariance == null || covariance.length != d) {
            throw new IllegalArgumentException("covariance must be " + d + " x " + d + ", got "
                    + (covariance == null ? "null" : covariance.length + " rows"));
        }
        Checks.requirePoints(covariance, d, "covariance");
        double[][] cov = Checks.copy(covariance);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = cov[i][j];
                double b = cov[j][i];
                if (Math.abs(a - b) > 1e-10 * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)))) {
                    throw new IllegalArgumentException("covariance is not symmetric: row " + i + ", column " + j
                            + " is " + a + " but row " + j + ", column " + i + " is " + b);
                }
                // symmetrise exactly so the factor is of the matrix we report
                double m = 0.5 * (a + b);
                cov[i][j] = m;
                cov[j][i] = m;
            }
        }
        return new MultivariateGaussian(mean.clone(), cov, cholesky(cov));
    }

    /** N(mean, sd^2 I). */
    public static MultivariateGaussian isotropic(double[] mean, double sd) {
        Checks.requirePositive(sd, "sd");
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("mean is null or empty");
        }
        double[][] cov = new double[mean.length][mean.length];
        for (int j = 0; j < mean.length; j++) {
            cov[j][j] = sd * sd;
        }
        return of(mean, cov);
    }

    /** The standard normal N(0, I_d). */
    public static MultivariateGaussian standard(int d) {
        Checks.requireAtLeast(d, 1, "dimension");
        return isotropic(new double[d], 1.0);
    }

    /**
     * The moment fit: the sample mean and the unbiased sample covariance
     * S = 1/(n-1) sum_i (x_i - xbar)(x_i - xbar)^T.
     *
     * @param data n x d, n >= 2, finite
     * @throws IllegalArgumentException if the data are invalid or S is singular (a constant or
     *                                  collinear column); use {@link #fit(double[][], double)} with a ridge then
     */
    public static MultivariateGaussian fit(double[][] data) {
        return fit(data, 0.0);
    }

    /**
     * Like {@link #fit(double[][])} but adds {@code ridge * I} to the sample covariance, which keeps
     * it positive definite for constant or collinear columns.
     */
    public static MultivariateGaussian fit(double[][] data, double ridge) {
        int d = Checks.requirePoints(data, -1, "data");
        if (data.length < 2) {
            throw new IllegalArgumentException("data must have at least 2 rows to fit a covariance, got " + data.length);
        }
        Checks.requireNonNegative(ridge, "ridge");
        int n = data.length;
        double[] mu = Moments.mean(data);
        double[][] cov = Moments.scatter(data, mu);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v = cov[a][b] / (n - 1);
                cov[a][b] = v;
                cov[b][a] = v;
            }
            cov[a][a] += ridge;
        }
        try {
            return new MultivariateGaussian(mu, cov, cholesky(cov));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the sample covariance of data is singular (a constant or collinear column?): "
                    + e.getMessage() + "; fit with a ridge > 0", e);
        }
    }

    /**
     * This Gaussian convolved with N(0, extraVariance I): N(mu, Sigma + extraVariance I).
     * Pass {@code sigma * sigma} to smooth with noise of standard deviation sigma.
     *
     * @param extraVariance finite and >= 0
     */
    public MultivariateGaussian widened(double extraVariance) {
        Checks.requireNonNegative(extraVariance, "extraVariance");
        double[][] cov = Checks.copy(covariance);
        for (int j = 0; j < d; j++) {
            cov[j][j] += extraVariance;
        }
        return new MultivariateGaussian(mean.clone(), cov, cholesky(cov));
    }

    /** The exact smoothed density p * N(0, sigma^2 I) = N(mu, Sigma + sigma^2 I); sigma > 0. */
    public MultivariateGaussian smoothedDensity(double sigma) {
        Checks.requirePositive(sigma, "sigma");
        return widened(sigma * sigma);
    }

    @Override
    public int dimension() {
        return d;
    }

    /** A copy of the mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the covariance matrix. */
    public double[][] covariance() {
        return Checks.copy(covariance);
    }

    /** A copy of the lower-triangular Cholesky factor L with Sigma = L L^T. */
    public double[][] choleskyFactor() {
        return Checks.copy(chol);
    }

    /** log det Sigma = 2 sum_j log L_jj. */
    public double logDeterminant() {
        return -2 * (logNormaliser + 0.5 * d * LOG_2PI);
    }

    /** The whitened point L^-1 (x - mu). */
    @Override
    double[] newWork() {
        return new double[d];
    }

    @Override
    double logDensityUnchecked(double[] x, double[] work) {
        return logNormaliser - 0.5 * squaredNorm(x, work);
    }

    /**
     * The squared Mahalanobis distance (x - mu)^T Sigma^-1 (x - mu) = ||L^-1 (x - mu)||^2 of every
     * row, by the same forward substitution as the density (for elliptical relatives such as the
     * Student-t with this location and scale).
     *
     * @param xs n x d, finite
     * @return n distances
     */
    public double[] squaredMahalanobis(double[][] xs) {
        Checks.requirePoints(xs, d, "points");
        double[] out = new double[xs.length];
        double[] work = new double[d];
        for (int i = 0; i < xs.length; i++) {
            out[i] = squaredNorm(xs[i], work);
        }
        return out;
    }

    /** ||L^-1 (x - mu)||^2, leaving L^-1 (x - mu) in work. */
    private double squaredNorm(double[] x, double[] work) {
        whiten(x, work);
        double q = 0;
        for (int j = 0; j < d; j++) {
            q += work[j] * work[j];
        }
        return q;
    }

    /** work = L^-1 (x - mu), by forward substitution. */
    private void whiten(double[] x, double[] work) {
        for (int i = 0; i < d; i++) {
            double[] li = chol[i];
            double s = x[i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= li[k] * work[k];
            }
            work[i] = s / li[i];
        }
    }

    @Override
    public double[][] score(double[][] xs) {
        Checks.requirePoints(xs, d, "points");
        double[][] out = new double[xs.length][d];
        double[] w = new double[d];
        for (int i = 0; i < xs.length; i++) {
            whiten(xs[i], w);
            // back substitution: solve L^T v = w, then score = -v
            double[] v = out[i];
            for (int r = d - 1; r >= 0; r--) {
                double s = w[r];
                for (int k = r + 1; k < d; k++) {
                    s -= chol[k][r] * v[k];
                }
                v[r] = s / chol[r][r];
            }
            for (int r = 0; r < d; r++) {
                v[r] = -v[r];
            }
        }
        return out;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        Checks.requireAtLeast(n, 0, "n");
        Checks.requireNonNull(rng, "rng");
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = gauss.sample();
            }
            Cholesky.shiftedProduct(chol, mean, z, out[i]);
        }
        return out;
    }

    static double[][] cholesky(double[][] a) {
        return Cholesky.lower(a, "covariance");
    }

    @Override
    public String toString() {
        return "MultivariateGaussian(d=" + d + ", mean=" + Arrays.toString(mean) + ")";
    }
}
