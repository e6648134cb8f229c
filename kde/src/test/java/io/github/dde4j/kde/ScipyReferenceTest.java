package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Agreement with SciPy's {@code gaussian_kde} (values stored under
 * {@code src/test/resources/reference/kde/}, see the README there) to 1e-9 relative in the log
 * density, far tails included (queries up to 1000 data-scales away, log densities down to -5e7).
 */
class ScipyReferenceTest {

    static final double REL = 1e-9;

    private static void assertRelative(double expected, double actual, String what) {
        double err = Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
        assertTrue(err <= REL, () -> what + ": scipy " + expected + ", dde4j " + actual + ", relative error " + err);
    }

    @ParameterizedTest(name = "{0}, h={1}")
    @CsvSource({"d1, 0.05", "d1, 0.3", "d2, 0.1", "d2, 1", "d5, 0.2", "d5, 1.5", "d10, 0.1", "d10, 0.5", "d10, 3"})
    void isotropic(String name, String h) {
        String base = "/reference/kde/" + name;
        double[][] train = Fixtures.csv(base + "-train.csv");
        double[][] ref = Fixtures.csv(base + "-h" + h + ".csv");
        int d = train[0].length;
        double[][] q = Fixtures.columns(ref, 0, d);
        double[] expected = Fixtures.column(ref, d);
        double[] actual = GaussianKde.of(train, Double.parseDouble(h)).logDensity(q);
        boolean sawFarTail = false;
        for (int i = 0; i < q.length; i++) {
            assertRelative(expected[i], actual[i], name + " h=" + h + " query " + i);
            sawFarTail |= expected[i] < -1e4;
        }
        assertTrue(sawFarTail, "the reference includes far-tail queries");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"scott, SCOTT_COVARIANCE", "silverman, SILVERMAN_COVARIANCE"})
    void fullCovarianceRulesWithWeights(String scipyName, BandwidthRule rule) {
        double[][] trainW = Fixtures.csv("/reference/kde/cov3-train.csv");
        double[][] train = Fixtures.columns(trainW, 0, 3);
        double[] w = Fixtures.column(trainW, 3);
        double[][] ref = Fixtures.csv("/reference/kde/cov3-" + scipyName + ".csv");
        double[][] kernel = Fixtures.csv("/reference/kde/cov3-" + scipyName + "-kernel.csv");
        GaussianKde kde = GaussianKde.builder(train).weights(w).rule(rule).build();
        double[][] h = kde.bandwidthMatrix();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double e = kernel[a][b];
                double got = h[a][b];
                assertTrue(Math.abs(got - e) <= 1e-12 * Math.abs(kernel[a][a]) + 1e-13,
                        "kernel covariance [" + a + "][" + b + "]: scipy " + e + ", dde4j " + got);
            }
        }
        double[][] q = Fixtures.columns(ref, 0, 3);
        double[] ld = kde.logDensity(q);
        for (int i = 0; i < q.length; i++) {
            assertRelative(ref[i][3], ld[i], rule + " query " + i);
        }
    }

    @Test
    void matrixBandwidthEqualsScipyCovarianceExplicitly() {
        // the same kernel given as a matrix: exercises the Cholesky whitening path directly
        double[][] trainW = Fixtures.csv("/reference/kde/cov3-train.csv");
        double[][] kernel = Fixtures.csv("/reference/kde/cov3-scott-kernel.csv");
        double[][] ref = Fixtures.csv("/reference/kde/cov3-scott.csv");
        GaussianKde kde = GaussianKde.builder(Fixtures.columns(trainW, 0, 3)).weights(Fixtures.column(trainW, 3))
                .bandwidthMatrix(kernel).build();
        double[] ld = kde.logDensity(Fixtures.columns(ref, 0, 3));
        for (int i = 0; i < ref.length; i++) {
            assertRelative(ref[i][3], ld[i], "query " + i);
        }
    }
}
