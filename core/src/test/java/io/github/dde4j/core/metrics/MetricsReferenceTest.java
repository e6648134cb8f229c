package io.github.dde4j.core.metrics;

import static io.github.dde4j.core.TestData.assertClose;
import static io.github.dde4j.core.TestData.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.TestData;
import io.github.dde4j.core.dist.MultivariateGaussian;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Against SciPy/NumPy values in src/test/resources/reference/metrics (see the README there). */
class MetricsReferenceTest {

    private static final double[][] X = TestData.csv("/reference/metrics/x.csv");
    private static final double[][] Y = TestData.csv("/reference/metrics/y.csv");
    private static final Map<String, Double> EXPECTED = expected();

    private static Map<String, Double> expected() {
        Map<String, Double> m = new HashMap<>();
        try (InputStream in = MetricsReferenceTest.class.getResourceAsStream("/reference/metrics/expected.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                m.put(f[0], Double.parseDouble(f[1]));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    private static double ref(String name) {
        Double v = EXPECTED.get(name);
        if (v == null) {
            throw new IllegalStateException("no reference value " + name);
        }
        return v;
    }

    private static double[] col(double[][] x, int j) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i][j];
        }
        return out;
    }

    private static double[][] asColumn(double[] u) {
        double[][] out = new double[u.length][];
        for (int i = 0; i < u.length; i++) {
            out[i] = new double[] {u[i]};
        }
        return out;
    }

    @Test
    void mmdMatchesNumpy() {
        // sums of ~10^4 terms of size <= 1: rounding ~1e-15 relative to the sums, which are O(1)
        for (String h : new String[] {"0.5", "1.0", "2.0"}) {
            assertClose(ref("mmd2_unbiased_h" + h), Mmd.unbiased(X, Y, Double.parseDouble(h)), 0, 1e-13, "mmd h=" + h);
        }
        assertClose(ref("median_bandwidth"), Mmd.medianBandwidth(X, Y), 1e-15, 0, "median");
        Mmd.Result r = Mmd.unbiasedMedianHeuristic(X, Y);
        assertClose(ref("mmd2_unbiased_median"), r.mmd2(), 0, 1e-13, "mmd median");
    }

    @Test
    void energyDistanceMatchesNumpyAndScipy() {
        assertClose(ref("energy_v"), EnergyDistance.vStatistic(X, Y), 1e-12, 1e-14, "V");
        assertClose(ref("energy_v"), EnergyDistance.of(X, Y), 1e-12, 1e-14, "default is V");
        assertClose(ref("energy_u"), EnergyDistance.uStatistic(X, Y), 1e-12, 1e-14, "U");
        for (int j = 0; j < 3; j++) {
            assertClose(ref("energy_v_1d_col" + j), EnergyDistance.of(asColumn(col(X, j)), asColumn(col(Y, j))), 1e-10, 1e-14,
                    "scipy energy_distance^2 col " + j);
        }
    }

    @Test
    void oneDimensionalDistancesMatchScipy() {
        for (int j = 0; j < 3; j++) {
            assertClose(ref("wasserstein1_col" + j), Distances1D.wasserstein1(col(X, j), col(Y, j)), 1e-12, 1e-15, "W1 col " + j);
            assertClose(ref("ks_col" + j), Distances1D.ks(col(X, j), col(Y, j)), 1e-15, 1e-15, "KS col " + j);
        }
        MarginalDistances md = MarginalDistances.of(X, Y);
        for (int j = 0; j < 3; j++) {
            assertClose(ref("wasserstein1_col" + j), md.wasserstein1()[j], 1e-12, 1e-15, "marginal W1");
            assertClose(ref("ks_col" + j), md.ks()[j], 1e-15, 1e-15, "marginal KS");
        }
        assertClose(Math.max(ref("ks_col0"), Math.max(ref("ks_col1"), ref("ks_col2"))), md.maxKs(), 0, 0, "max KS");
    }

    @Test
    void tiesAndUnequalSizes() {
        double[] u = col(TestData.csv("/reference/metrics/ties_u.csv"), 0);
        double[] v = col(TestData.csv("/reference/metrics/ties_v.csv"), 0);
        assertClose(ref("ties_wasserstein1"), Distances1D.wasserstein1(u, v), 1e-12, 1e-15, "W1 ties");
        assertClose(ref("ties_ks"), Distances1D.ks(u, v), 1e-15, 1e-15, "KS ties");
        assertClose(ref("ties_energy_v"), EnergyDistance.of(asColumn(u), asColumn(v)), 1e-10, 1e-14, "energy ties");
        // sliced W1 in 1-D: every direction is +-1, so it is exactly W1
        assertClose(ref("ties_wasserstein1"), SlicedWasserstein.of(asColumn(u), asColumn(v), 7, 3L), 1e-12, 1e-15, "SW1 1-D");
    }

    @Test
    void correlationDifferenceMatchesNumpy() {
        CorrelationDifference c = CorrelationDifference.of(X, Y);
        assertClose(ref("corr_frobenius"), c.frobenius(), 1e-12, 0, "frobenius");
        assertClose(ref("corr_maxabs"), c.maxAbs(), 1e-12, 0, "max abs");
        assertEquals(1.0, c.correlationX()[2][2]);
    }

    @Test
    void slicedWassersteinEqualsTheAverageOfProjectedW1() {
        double[][] dirs = SlicedWasserstein.directions(3, 16, 99L);
        double sum = 0;
        for (double[] dir : dirs) {
            assertClose(1.0, dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2], 1e-14, 0, "unit direction");
            double[] a = new double[X.length];
            double[] b = new double[Y.length];
            for (int i = 0; i < X.length; i++) {
                a[i] = X[i][0] * dir[0] + X[i][1] * dir[1] + X[i][2] * dir[2];
            }
            for (int i = 0; i < Y.length; i++) {
                b[i] = Y[i][0] * dir[0] + Y[i][1] * dir[1] + Y[i][2] * dir[2];
            }
            sum += bruteW1(a, b);
        }
        assertClose(sum / 16, SlicedWasserstein.of(X, Y, 16, 99L), 1e-12, 0, "SW1");
    }

    /** W1 = integral |F_a - F_b| on a fine evaluation of both CDFs at all jump points. */
    private static double bruteW1(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        java.util.Arrays.sort(all);
        double s = 0;
        for (int k = 0; k + 1 < all.length; k++) {
            double t = all[k];
            int ca = 0;
            int cb = 0;
            for (double v : a) {
                ca += v <= t ? 1 : 0;
            }
            for (double v : b) {
                cb += v <= t ? 1 : 0;
            }
            s += Math.abs((double) ca / a.length - (double) cb / b.length) * (all[k + 1] - t);
        }
        return s;
    }

    @Test
    void parallelPathsAgreeWithBruteForce() {
        // 700 x 650 x 3 pair-coordinates is above the parallel threshold
        UniformRandomProvider rng = RandomSources.seeded(5);
        double[][] x = MultivariateGaussian.standard(3).sample(700, rng);
        double[][] y = MultivariateGaussian.isotropic(new double[] {0.2, 0, 0}, 1.1).sample(650, rng);
        double h = 0.9;
        double kxx = 0;
        double kyy = 0;
        double kxy = 0;
        double dxx = 0;
        double dyy = 0;
        double dxy = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i != j) {
                    double d2 = d2(x[i], x[j]);
                    kxx += Math.exp(-d2 / (2 * h * h));
                    dxx += Math.sqrt(d2);
                }
            }
            for (double[] yj : y) {
                double d2 = d2(x[i], yj);
                kxy += Math.exp(-d2 / (2 * h * h));
                dxy += Math.sqrt(d2);
            }
        }
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (i != j) {
                    double d2 = d2(y[i], y[j]);
                    kyy += Math.exp(-d2 / (2 * h * h));
                    dyy += Math.sqrt(d2);
                }
            }
        }
        double n = x.length;
        double m = y.length;
        double mmd = kxx / (n * (n - 1)) + kyy / (m * (m - 1)) - 2 * kxy / (n * m);
        assertClose(mmd, Mmd.unbiased(x, y, h), 0, 1e-12, "MMD");
        assertClose(2 * dxy / (n * m) - dxx / (n * n) - dyy / (m * m), EnergyDistance.vStatistic(x, y), 1e-10, 1e-13, "energy");
        assertEquals(Mmd.unbiased(x, y, h), Mmd.unbiased(x, y, h), "deterministic despite threads");
    }

    private static double d2(double[] a, double[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            s += (a[t] - b[t]) * (a[t] - b[t]);
        }
        return s;
    }

    @Test
    void medianHeuristicSubsamplesDeterministicallyAndStaysClose() {
        UniformRandomProvider rng = RandomSources.seeded(21);
        double[][] x = MultivariateGaussian.standard(2).sample(1200, rng);
        double[][] y = MultivariateGaussian.isotropic(new double[] {1, 0}, 1.5).sample(1100, rng);
        double sub = Mmd.medianBandwidth(x, y);
        assertEquals(sub, Mmd.medianBandwidth(x, y), "same inputs, same bandwidth");
        double[] all = new double[2300 * 2299 / 2];
        double[][] z = new double[2300][];
        System.arraycopy(x, 0, z, 0, 1200);
        System.arraycopy(y, 0, z, 1200, 1100);
        int c = 0;
        for (int a = 0; a < z.length; a++) {
            for (int b = a + 1; b < z.length; b++) {
                all[c++] = Math.sqrt(d2(z[a], z[b]));
            }
        }
        double exact = Mmd.select(all, all.length, all.length / 2); // select is checked against a sort below
        // the median of ~2e6 subsample distances: its sd is well under 1% of the median here
        assertClose(exact, sub, 0.03, 0, "subsampled median");
    }

    @Test
    void selectionFindsTheOrderStatisticsOfASort() {
        UniformRandomProvider rng = RandomSources.seeded(13);
        for (int n : new int[] {1, 2, 3, 10, 101, 1000}) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextInt(n / 3 + 1); // many ties
            }
            double[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            for (int k : new int[] {0, n / 2, n - 1}) {
                double[] w = a.clone();
                assertEquals(sorted[k], Mmd.select(w, n, k), "n=" + n + " k=" + k);
                for (int i = 0; i < k; i++) {
                    assertTrue(w[i] <= w[k]);
                }
                for (int i = k + 1; i < n; i++) {
                    assertTrue(w[i] >= w[k]);
                }
            }
        }
    }

    @Test
    void metricPropertiesHold() {
        // identical samples: W1 = KS = SW1 = 0 and energy V = 0; shifting one sample by c shifts W1 by |c|
        assertEquals(0.0, Distances1D.wasserstein1(col(X, 0), col(X, 0)));
        assertEquals(0.0, SlicedWasserstein.of(X, X, 8, 1L));
        assertClose(0.0, EnergyDistance.of(X, X), 0, 1e-14, "energy of identical samples");
        double[] shifted = col(X, 1).clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 2.5;
        }
        assertClose(2.5, Distances1D.wasserstein1(col(X, 1), shifted), 1e-14, 0, "W1 shift");
        assertEquals(1.0, Distances1D.ks(new double[] {0, 1}, new double[] {2, 3}));
        // MMD of two large samples from one distribution is near 0; from shifted ones clearly positive
        UniformRandomProvider rng = RandomSources.seeded(8);
        MultivariateGaussian g = MultivariateGaussian.standard(2);
        double same = Mmd.unbiasedMedianHeuristic(g.sample(800, rng), g.sample(800, rng)).mmd2();
        double diff = Mmd.unbiasedMedianHeuristic(g.sample(800, rng),
                MultivariateGaussian.isotropic(new double[] {1, 0}, 1).sample(800, rng)).mmd2();
        // under H0 the sd of MMD^2_u is O(1/n) ~ 1e-3
        assertTrue(Math.abs(same) < 5e-3, "same " + same);
        assertTrue(diff > 0.05, "diff " + diff);
        // a collapsed column: correlation defined as 0, not NaN
        double[][] flat = {{1, 0}, {2, 0}, {3, 0}};
        assertEquals(0.0, CorrelationDifference.of(flat, flat).frobenius());
    }

    @Test
    void rejectsBadInput() {
        double[][] a = {{0, 0}, {1, 1}};
        assertMessage(() -> Mmd.unbiased(a, new double[][] {{0, 0, 0}, {1, 1, 1}}, 1), "y has dimension 3 but x has dimension 2");
        assertMessage(() -> Mmd.unbiased(a, new double[][] {{0, 0}, {1, Double.NaN}}, 1), "y, row 1, column 1");
        assertMessage(() -> Mmd.unbiased(a, a, 0), "bandwidth");
        assertMessage(() -> Mmd.unbiased(a, new double[][] {{1, 1}}, 1), "y must have at least 2 rows");
        assertMessage(() -> Mmd.unbiased(new double[0][], a, 1), "x is empty");
        assertMessage(() -> Mmd.medianBandwidth(new double[][] {{1, 1}, {1, 1}}, new double[][] {{1, 1}}), "coincide");
        assertMessage(() -> EnergyDistance.uStatistic(a, new double[][] {{1, 1}}), "at least 2 rows");
        assertMessage(() -> SlicedWasserstein.of(a, a, 0, 1L), "projections");
        assertMessage(() -> Distances1D.wasserstein1(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1}), "u, row 1");
        assertMessage(() -> Distances1D.ks(new double[] {1}, new double[0]), "v is null or empty");
        assertMessage(() -> CorrelationDifference.of(new double[][] {{1, 2}}, a), "at least 2 rows");
    }
}
