package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast, pruned, parallel evaluation against the plain-loop oracle {@link BruteForce}.
 *
 * <p>Tolerance: both sides compute the exponents -q/2 with relative rounding error of a few ulp
 * (so an absolute error of ~1e-15 |q|, and |log p| is at least q_min/2 - log terms), the
 * log-sum-exp adds n ulp at most, and pruning leaves out at most 1e-15 of the mass. Hence
 * |difference| <= 1e-12 max(1, |log p|) holds with a wide margin while still catching any wrong
 * term, a wrong normalisation (>= 1e-3) or a pruned point that mattered.
 */
class GaussianKdeBruteForceTest {

    static final double TOL = 1e-12;

    static Stream<Arguments> grid() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int d : new int[] {1, 2, 5, 10}) {
            for (double h : new double[] {0.01, 0.1, 0.5, 2.0, 20.0}) {
                b.add(Arguments.of(d, h));
            }
        }
        return b.build();
    }

    /** Queries near the data, in the tails and very far away. */
    static double[][] queries(int d, long seed) {
        double[][] near = Fixtures.normal(seed, 60, d, 1.0);
        double[][] mid = Fixtures.normal(seed + 1, 20, d, 5.0);
        double[][] far = Fixtures.normal(seed + 2, 10, d, 50.0);
        double[][] q = new double[near.length + mid.length + far.length + 2][];
        int i = 0;
        for (double[][] part : new double[][][] {near, mid, far}) {
            for (double[] row : part) {
                q[i++] = row;
            }
        }
        q[i] = new double[d];
        java.util.Arrays.fill(q[i++], 1e3);
        q[i] = new double[d];
        q[i][0] = -1e4;
        return q;
    }

    static void assertClose(double expected, double actual, String what) {
        double tol = TOL * Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tol,
                () -> what + ": expected " + expected + ", got " + actual + " (diff " + (actual - expected) + ")");
    }

    /** The batch log density of every query against the brute-force sum; returns the batch. */
    static double[] assertMatchesBruteForce(GaussianKde kde, BruteForce bf, double[][] q, String label) {
        double[] ld = kde.logDensity(q);
        for (int i = 0; i < q.length; i++) {
            assertClose(bf.logDensity(q[i]), ld[i], label + "query " + i);
        }
        return ld;
    }

    @ParameterizedTest(name = "d={0}, h={1}")
    @MethodSource("grid")
    void isotropicMatchesBruteForce(int d, double h) {
        double[][] data = Fixtures.clusters(10L * d, 1500, d, 7, 3.0, 0.5);
        double[][] q = queries(d, 99);
        GaussianKde kde = GaussianKde.of(data, h);
        double[] ld = assertMatchesBruteForce(kde, new BruteForce(data, null, BruteForce.isotropic(d, h)), q, "");
        // the one-point path (no query blocks, no reordering) agrees with the batch
        for (int i = 0; i < q.length; i += 9) {
            assertEquals(ld[i], kde.logDensity(q[i]), 1e-13 * Math.max(1, Math.abs(ld[i])));
        }
    }

    @Test
    void pruningHeavyCaseMatchesBruteForceAndNoPruning() {
        // 30000 points in tight clusters, h = 0.01: almost everything is pruned for every query
        double[][] data = Fixtures.clusters(5, 30_000, 2, 50, 2.0, 0.05);
        double[][] q = Fixtures.clusters(6, 400, 2, 50, 2.0, 0.06);
        GaussianKde fast = GaussianKde.of(data, 0.01);
        GaussianKde exact = GaussianKde.builder(data).bandwidth(0.01).tolerance(0).build();
        double[] a = fast.logDensity(q);
        double[] b = exact.logDensity(q);
        BruteForce bf = new BruteForce(data, null, BruteForce.isotropic(2, 0.01));
        for (int i = 0; i < q.length; i++) {
            assertClose(b[i], a[i], "pruned vs unpruned, query " + i);
            if (i % 20 == 0) {
                assertClose(bf.logDensity(q[i]), a[i], "query " + i);
            }
        }
    }

    @Test
    void standardNormalBenchmarkSettingMatchesBruteForce() {
        assertBenchmarkSettingExact(20_000, 300, 3); // on a smaller n; LongKdeTest runs the full size
    }

    /**
     * The KDE benchmark's setting (standard-normal points and queries, h = 0.1) in d = 2 and 10:
     * n points, m queries, every {@code every}-th query checked against brute force.
     */
    static void assertBenchmarkSettingExact(int n, int m, int every) {
        for (int d : new int[] {2, 10}) {
            double[][] data = Fixtures.normal(1000 + d, n, d, 1.0);
            double[][] q = Fixtures.normal(2000 + d, m, d, 1.0);
            double[] ld = GaussianKde.of(data, 0.1).logDensity(q);
            BruteForce bf = new BruteForce(data, null, BruteForce.isotropic(d, 0.1));
            for (int i = 0; i < q.length; i += every) {
                assertClose(bf.logDensity(q[i]), ld[i], "d=" + d + ", query " + i);
            }
        }
    }

    @Test
    void perDimensionAndFullMatrixBandwidths() {
        double[][] data = Fixtures.clusters(3, 2000, 3, 4, 2.0, 0.7);
        double[][] q = queries(3, 5);
        double[] hs = {0.05, 0.3, 1.5};
        double[][] diag = {{hs[0] * hs[0], 0, 0}, {0, hs[1] * hs[1], 0}, {0, 0, hs[2] * hs[2]}};
        double[] a = GaussianKde.builder(data).bandwidth(hs).build().logDensity(q);
        BruteForce bfDiag = new BruteForce(data, null, diag);
        double[][] full = Fixtures.fullBandwidth3();
        double[] b = GaussianKde.builder(data).bandwidthMatrix(full).build().logDensity(q);
        BruteForce bfFull = new BruteForce(data, null, full);
        for (int i = 0; i < q.length; i++) {
            assertClose(bfDiag.logDensity(q[i]), a[i], "diagonal, query " + i);
            assertClose(bfFull.logDensity(q[i]), b[i], "full, query " + i);
        }
    }

    @Test
    void weightedMatchesBruteForce() {
        double[][] data = Fixtures.clusters(8, 3000, 4, 5, 2.0, 0.5);
        double[] w = new double[data.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 == 0) ? 0.0 : 1.0 + (i % 13);
        }
        double[][] q = queries(4, 11);
        double[][] full = {{0.04, 0.01, 0, 0}, {0.01, 0.09, 0.02, 0}, {0, 0.02, 0.05, 0.01}, {0, 0, 0.01, 0.02}};
        GaussianKde kde = GaussianKde.builder(data).weights(w).bandwidthMatrix(full).build();
        assertMatchesBruteForce(kde, new BruteForce(data, w, full), q, "");
    }

    @Test
    void weightsSpanningHundredsOfOrdersOfMagnitude() {
        // the nearest rows carry weights down to 1e-300, so the first exponents seen are far from
        // the largest term: exercises the overflow-triggered change of reference exponent
        double[][] data = Fixtures.clusters(31, 2000, 2, 4, 2.0, 0.3);
        double[] w = new double[data.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.pow(10, -300.0 * ((i * 7919) % 1000) / 999.0);
        }
        double[][] q = queries(2, 32);
        for (double h : new double[] {0.01, 0.3}) {
            GaussianKde kde = GaussianKde.builder(data).weights(w).bandwidth(h).build();
            assertMatchesBruteForce(kde, new BruteForce(data, w, BruteForce.isotropic(2, h)), q, "h=" + h + " ");
        }
    }

    @Test
    void nearestRowsWithNegligibleWeightForceAChangeOfReference() {
        // 64 rows right at the query with weight 1e-300 fill the leaves visited first; 64 rows
        // 0.045 away (exponent -10 at h = 0.01) with weight 1 hold all the mass: their terms are
        // e^680 times the first reference and must trigger the rescaling without overflow
        double[][] data = new double[128][];
        double[] w = new double[128];
        for (int i = 0; i < 64; i++) {
            data[i] = new double[] {1e-4 * Math.sin(i), 1e-4 * Math.cos(i)};
            w[i] = 1e-300;
            data[64 + i] = new double[] {0.045 + 1e-4 * Math.sin(i), 1e-4 * Math.cos(i)};
            w[64 + i] = 1.0;
        }
        double[][] q = {{0, 0}, {1e-5, -1e-5}, {0.02, 0}};
        GaussianKde kde = GaussianKde.builder(data).weights(w).bandwidth(0.01).build();
        BruteForce bf = new BruteForce(data, w, BruteForce.isotropic(2, 0.01));
        double[] ld = kde.logDensity(q);
        for (int i = 0; i < q.length; i++) {
            assertClose(bf.logDensity(q[i]), ld[i], "query " + i);
            assertClose(bf.logDensity(q[i]), kde.logDensity(q[i]), "single query " + i);
        }
    }

    @Test
    void leaveOneOutMatchesBruteForce() {
        double[][] data = Fixtures.clusters(12, 800, 3, 3, 2.0, 0.6);
        double[] w = Fixtures.cyclicWeights(data.length, 0.5, 5);
        for (double[] weights : new double[][] {null, w}) {
            GaussianKde kde = GaussianKde.builder(data).weights(weights).bandwidth(0.2).build();
            BruteForce bf = new BruteForce(data, weights, BruteForce.isotropic(3, 0.2));
            double[] loo = kde.leaveOneOutLogDensity();
            for (int i = 0; i < data.length; i += 7) {
                assertClose(bf.leaveOneOut(i), loo[i], "row " + i);
            }
        }
    }

    @Test
    void callerArraysAreNotModifiedOrRetained() {
        double[][] data = Fixtures.normal(1, 200, 2, 1.0);
        double[][] copy = io.github.dde4j.core.Checks.copy(data);
        double[][] q = Fixtures.normal(2, 50, 2, 1.0);
        double[][] qCopy = io.github.dde4j.core.Checks.copy(q);
        GaussianKde kde = GaussianKde.of(data, 0.3);
        double[] before = kde.logDensity(q);
        kde.score(q);
        for (int i = 0; i < q.length; i++) {
            assertTrue(java.util.Arrays.equals(qCopy[i], q[i]));
        }
        for (int i = 0; i < data.length; i++) {
            assertTrue(java.util.Arrays.equals(copy[i], data[i]));
            data[i][0] += 100; // later changes by the caller must not reach the model
        }
        double[] after = kde.logDensity(q);
        for (int i = 0; i < q.length; i++) {
            assertEquals(before[i], after[i], 0.0);
        }
    }
}
