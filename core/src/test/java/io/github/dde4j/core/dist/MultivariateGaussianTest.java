package io.github.dde4j.core.dist;

import static io.github.dde4j.core.TestData.assertClose;
import static io.github.dde4j.core.TestData.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MultivariateGaussianTest {

    private static MultivariateGaussian reference() {
        double[][] p = TestData.csv("/reference/dist/gaussian_cov.csv");
        return MultivariateGaussian.of(p[0], Arrays.copyOfRange(p, 1, 4));
    }

    @Test
    void logDensityMatchesScipy() {
        MultivariateGaussian g = reference();
        double[][] pts = TestData.csv("/reference/dist/gaussian_points.csv");
        double[][] xs = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            xs[i] = Arrays.copyOf(pts[i], 3);
            assertClose(pts[i][3], g.logDensity(xs[i]), 1e-12, 1e-12, "logpdf row " + i);
        }
        double[] batch = g.logDensity(xs);
        for (int i = 0; i < pts.length; i++) {
            assertClose(pts[i][3], batch[i], 1e-12, 1e-12, "batch logpdf row " + i);
        }
    }

    @Test
    void scoreMatchesFiniteDifferencesAndClosedForm() {
        MultivariateGaussian g = reference();
        double[][] xs = {{0.1, 0.2, 0.3}, {3, -2, 5}, {-1, 0, 0}};
        double[][] s = g.score(xs);
        for (int i = 0; i < xs.length; i++) {
            double[] fd = TestData.numericalGradient(g, xs[i], 1e-5);
            for (int j = 0; j < 3; j++) {
                // central differences: error O(h^2 |third derivative|) = 0 for a quadratic, rounding ~1e-10/h
                assertClose(fd[j], s[i][j], 1e-7, 1e-6, "score row " + i + " col " + j);
            }
            // Sigma * score = -(x - mu)
            double[][] cov = g.covariance();
            double[] mu = g.mean();
            for (int a = 0; a < 3; a++) {
                double v = 0;
                for (int b = 0; b < 3; b++) {
                    v += cov[a][b] * s[i][b];
                }
                assertClose(-(xs[i][a] - mu[a]), v, 1e-12, 1e-12, "Sigma score");
            }
        }
    }

    @Test
    void samplesHaveTheMeanAndCovariance() {
        MultivariateGaussian g = reference();
        int n = 40_000;
        MultivariateGaussian fit = MultivariateGaussian.fit(g.sample(n, 42L));
        double[][] cov = g.covariance();
        for (int a = 0; a < 3; a++) {
            // the sample mean has sd sqrt(S_aa / n): allow 5 standard errors
            assertClose(g.mean()[a], fit.mean()[a], 0, 5 * Math.sqrt(cov[a][a] / n), "mean " + a);
            for (int b = 0; b < 3; b++) {
                // var of the sample covariance: (S_ab^2 + S_aa S_bb) / n
                double se = Math.sqrt((cov[a][b] * cov[a][b] + cov[a][a] * cov[b][b]) / n);
                assertClose(cov[a][b], fit.covariance()[a][b], 0, 5 * se, "cov " + a + "," + b);
            }
        }
    }

    @Test
    void samplingIsReproducibleFromTheSeed() {
        MultivariateGaussian g = reference();
        assertTrue(Arrays.deepEquals(g.sample(10, 7L), g.sample(10, 7L)));
        assertTrue(!Arrays.deepEquals(g.sample(10, 7L), g.sample(10, 8L)));
    }

    @Test
    void widenedAddsVarianceAndSmoothedDensityIsTheConvolution() {
        MultivariateGaussian g = MultivariateGaussian.isotropic(new double[] {1, 2}, 0.5);
        MultivariateGaussian w = g.smoothedDensity(0.3);
        assertClose(0.25 + 0.09, w.covariance()[0][0], 1e-15, 0, "variance");
        assertEquals(0.0, w.covariance()[0][1]);
        // the 1-D factorisation: log N(x; m, v) summed over coordinates
        double[] x = {0.3, 2.9};
        double v = 0.34;
        double expected = 0;
        for (int j = 0; j < 2; j++) {
            double t = x[j] - g.mean()[j];
            expected += -0.5 * Math.log(2 * Math.PI * v) - t * t / (2 * v);
        }
        assertClose(expected, w.logDensity(x), 1e-14, 1e-14, "smoothed");
        assertClose(Math.log(0.34) * 2, w.logDeterminant(), 1e-14, 1e-14, "log det");
        assertEquals(g.widened(0.09).logDensity(x), w.logDensity(x), 1e-15);
    }

    @Test
    void doesNotShareArraysWithTheCaller() {
        double[] mu = {0, 0};
        double[][] cov = {{1, 0}, {0, 1}};
        MultivariateGaussian g = MultivariateGaussian.of(mu, cov);
        double before = g.logDensity(new double[] {0, 0});
        mu[0] = 5;
        cov[0][0] = 9;
        g.mean()[1] = 3;
        g.covariance()[1][1] = 3;
        assertEquals(before, g.logDensity(new double[] {0, 0}));
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> MultivariateGaussian.of(new double[] {0, Double.NaN}, new double[][] {{1, 0}, {0, 1}}), "mean, column 1");
        assertMessage(() -> MultivariateGaussian.of(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}), "not symmetric");
        assertMessage(() -> MultivariateGaussian.of(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}), "not positive definite");
        assertMessage(() -> MultivariateGaussian.of(new double[] {0, 0}, new double[][] {{1, 0}}), "2 x 2");
        assertMessage(() -> MultivariateGaussian.isotropic(new double[] {0}, 0), "sd must be finite and > 0");
        MultivariateGaussian g = MultivariateGaussian.standard(2);
        assertMessage(() -> g.logDensity(new double[] {1}), "dimension 1, expected 2");
        assertMessage(() -> g.logDensity(new double[][] {{1, 2}, {1, Double.POSITIVE_INFINITY}}), "row 1, column 1");
        assertMessage(() -> g.smoothedDensity(0), "sigma");
        assertMessage(() -> g.smoothedDensity(Double.NaN), "sigma");
        assertMessage(() -> g.widened(-1), "extraVariance");
        assertMessage(() -> MultivariateGaussian.fit(new double[][] {{1, 2}}), "at least 2 rows");
        assertMessage(() -> MultivariateGaussian.fit(new double[][] {{1, 2}, {1, 3}, {1, 4}}), "singular");
        // a ridge makes a constant column usable
        MultivariateGaussian r = MultivariateGaussian.fit(new double[][] {{1, 2}, {1, 3}, {1, 4}}, 1e-3);
        assertClose(1e-3, r.covariance()[0][0], 1e-12, 0, "ridge");
    }
}
