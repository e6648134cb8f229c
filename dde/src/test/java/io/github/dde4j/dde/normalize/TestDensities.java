package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Unnormalised densities whose log Z is known in closed form. */
final class TestDensities {

    private TestDensities() {
    }

    /** (d/2) ln(2 - 1/d): the log Z bias of the published DDE code. */
    static double publishedBias(int d) {
        return 0.5 * d * Math.log(2 - 1.0 / d);
    }

    /**
     * A Gaussian with a random covariance A A^T / d + 0.3 I (A standard normal: eigenvalues spread
     * over about an order of magnitude) and a random mean.
     */
    static MultivariateGaussian randomGaussian(int d, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] a = new double[d][d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                row[j] = g.sample();
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[i][k] * a[j][k];
                }
                cov[i][j] = s / d + (i == j ? 0.3 : 0);
            }
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = 2 * g.sample();
        }
        return MultivariateGaussian.of(mean, cov);
    }

    /** A three-component isotropic Gaussian mixture with separated, unequal components. */
    static GaussianMixture mixture(int d) {
        double[][] means = new double[3][d];
        for (int j = 0; j < d; j++) {
            means[0][j] = 0;
            means[1][j] = j % 2 == 0 ? 2.5 : -1.0;
            means[2][j] = -2.0;
        }
        return GaussianMixture.isotropic(new double[] {0.5, 0.3, 0.2}, means, new double[] {1.0, 0.6, 0.8});
    }

    /**
     * f(x) = sum_j log logistic((x_j - m_j)/s_j) with the unnormalised logistic density e^-u /
     * (1 + e^-u)^2: integral over u is 1, so log Z = sum_j log s_j (+ shift). Exponential tails,
     * heavier than any Gaussian's.
     */
    static UnnormalizedLogDensity logistics(double[] m, double[] s, double shift) {
        return UnnormalizedLogDensity.of(m.length, x -> {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double v = shift;
                for (int j = 0; j < m.length; j++) {
                    double u = Math.abs((x[i][j] - m[j]) / s[j]);
                    v += -u - 2 * Math.log1p(Math.exp(-u));
                }
                out[i] = v;
            }
            return out;
        });
    }

    static double logisticsLogZ(double[] s, double shift) {
        double z = shift;
        for (double v : s) {
            z += Math.log(v);
        }
        return z;
    }

    /** Exact draws from the logistic product. */
    static double[][] logisticsSample(double[] m, double[] s, int n, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        double[][] out = new double[n][m.length];
        for (double[] row : out) {
            for (int j = 0; j < m.length; j++) {
                double u = rng.nextDouble();
                while (u == 0) {
                    u = rng.nextDouble();
                }
                row[j] = m[j] + s[j] * Math.log(u / (1 - u));
            }
        }
        return out;
    }
}
