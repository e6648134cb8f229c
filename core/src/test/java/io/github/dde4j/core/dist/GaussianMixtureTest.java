package io.github.dde4j.core.dist;

import static io.github.dde4j.core.TestData.assertClose;
import static io.github.dde4j.core.TestData.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.TestData;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    private static GaussianMixture reference() {
        double[][] p = TestData.csv("/reference/dist/mixture_params.csv");
        double[] w = new double[3];
        double[][] m = new double[3][2];
        double[][] v = new double[3][2];
        for (int k = 0; k < 3; k++) {
            w[k] = p[k][0];
            m[k] = new double[] {p[k][1], p[k][2]};
            v[k] = new double[] {p[k][3], p[k][4]};
        }
        return GaussianMixture.diagonal(w, m, v);
    }

    @Test
    void logDensityMatchesScipyIncludingFarTails() {
        GaussianMixture g = reference();
        double[][] pts = TestData.csv("/reference/dist/mixture_points.csv");
        for (int i = 0; i < pts.length; i++) {
            double lp = g.logDensity(new double[] {pts[i][0], pts[i][1]});
            assertTrue(Double.isFinite(lp), "finite in the tails");
            assertClose(pts[i][2], lp, 1e-12, 1e-12, "logpdf row " + i);
        }
    }

    @Test
    void scoreMatchesFiniteDifferences() {
        GaussianMixture g = reference();
        double[][] xs = {{0, 0}, {1.5, -0.7}, {-3, 2}, {6, 6}};
        double[][] s = g.score(xs);
        for (int i = 0; i < xs.length; i++) {
            double[] fd = TestData.numericalGradient(g, xs[i], 1e-5);
            for (int j = 0; j < 2; j++) {
                // h^2/6 * |d^3 log p| with curvature ~ 1/v^2 (v >= 0.05): far below 1e-5
                assertClose(fd[j], s[i][j], 1e-5, 1e-5, "score row " + i + " col " + j);
            }
        }
    }

    @Test
    void scoreStaysFiniteWhereSquaredDistancesOverflow() {
        GaussianMixture g = GaussianMixture.isotropic(new double[] {1, 1}, new double[][] {{0, 0}, {10, 0}}, new double[] {1, 2});
        double[] far = {3e160, -1e160};
        double[] s = g.score(new double[][] {far})[0];
        // component 1 has the larger variance, so it dominates far out: score = (mu_1 - x) / 4
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {(10 - 3e160) / 4, 1e160 / 4}, s, 1e145);
        assertEquals(Double.NEGATIVE_INFINITY, g.logDensity(far), "the true value is below -1e300");
        // and where nothing overflows the same rule is what the exact formula gives
        double[] s2 = g.score(new double[][] {{3e6, -1e6}})[0];
        assertClose((10 - 3e6) / 4, s2[0], 1e-12, 0, "far but finite");
    }

    @Test
    void convolutionAddsSigmaSquaredToEveryVariance() {
        GaussianMixture g = reference();
        GaussianMixture c = g.convolved(0.4);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 2; j++) {
                assertClose(g.variances()[k][j] + 0.16, c.variances()[k][j], 1e-15, 0, "variance");
            }
        }
        // a one-component mixture is a Gaussian: compare the two implementations
        GaussianMixture one = GaussianMixture.isotropic(new double[] {3}, new double[][] {{1, -1}}, 0.5);
        MultivariateGaussian mg = MultivariateGaussian.isotropic(new double[] {1, -1}, 0.5);
        double[] x = {0.2, 0.7};
        assertClose(mg.smoothedDensity(0.4).logDensity(x), one.smoothedDensity(0.4).logDensity(x), 1e-14, 1e-14, "1 component");
        assertEquals(1.0, one.weights()[0]);
    }

    @Test
    void componentFrequenciesPassChiSquare() {
        GaussianMixture g = reference();
        int n = 30_000;
        int[] comp = new int[n];
        g.sample(n, RandomSources.seeded(11), comp);
        long[] counts = new long[3];
        for (int c : comp) {
            counts[c]++;
        }
        double[] expected = new double[3];
        for (int k = 0; k < 3; k++) {
            expected[k] = g.weights()[k] * n;
        }
        assertTrue(new ChiSquareTest().chiSquareTest(expected, counts) > 1e-4, "chi-square p-value");
    }

    @Test
    void zeroWeightComponentsAreNeverDrawn() {
        GaussianMixture g = GaussianMixture.isotropic(new double[] {0, 1, 0}, new double[][] {{0}, {5}, {10}}, 0.1);
        int[] comp = new int[5000];
        g.sample(5000, RandomSources.seeded(3), comp);
        for (int c : comp) {
            assertEquals(1, c);
        }
    }

    @Test
    void rejectsBadInput() {
        double[][] m = {{0, 0}, {1, 1}};
        assertMessage(() -> GaussianMixture.isotropic(new double[] {1, -1}, m, 1), "weights[1]");
        assertMessage(() -> GaussianMixture.isotropic(new double[] {0, 0}, m, 1), "sum to 0");
        assertMessage(() -> GaussianMixture.isotropic(new double[] {1}, m, 1), "2 rows but there are 1 weights");
        assertMessage(() -> GaussianMixture.diagonal(new double[] {1, 1}, m, new double[][] {{1, 1}, {1, 0}}), "variances, row 1, column 1");
        assertMessage(() -> GaussianMixture.isotropic(new double[] {1, 1}, new double[][] {{0, 0}, {1, Double.NaN}}, 1), "means, row 1, column 1");
        GaussianMixture g = GaussianMixture.equalWeights(m, 1);
        assertMessage(() -> g.convolved(-0.1), "sigma");
        assertMessage(() -> g.score(new double[][] {{1, 2, 3}}), "dimension 3, expected 2");
    }
}
