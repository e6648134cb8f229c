package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The score grad_x log p against the closed form (brute force) and central finite differences. */
class ScoreTest {

    @Test
    void matchesClosedFormBruteForce() {
        for (int d : new int[] {1, 2, 5, 10}) {
            double[][] data = Fixtures.clusters(40 + d, 2000, d, 5, 2.0, 0.5);
            double[][] q = GaussianKdeBruteForceTest.queries(d, 41);
            for (double h : new double[] {0.05, 0.4, 3.0}) {
                GaussianKde kde = GaussianKde.of(data, h);
                BruteForce bf = new BruteForce(data, null, BruteForce.isotropic(d, h));
                double[][] s = kde.score(q);
                for (int i = 0; i < q.length; i++) {
                    double[] e = bf.score(q[i]);
                    for (int k = 0; k < d; k++) {
                        // score = (posterior mean - x)/h^2; both terms ~ |x|/h^2, cancellation error ~ ulp of that
                        double scale = (Math.abs(q[i][k]) + 10) / (h * h);
                        double tol = 1e-12 * scale + 1e-10 * Math.abs(e[k]);
                        int ii = i;
                        int kk = k;
                        assertTrue(Math.abs(s[i][k] - e[k]) <= tol,
                                () -> "d=" + d + " h=" + h + " query " + ii + " coord " + kk + ": " + e[kk] + " vs " + s[ii][kk]);
                    }
                }
            }
        }
    }

    @Test
    void fullMatrixWeightedScoreMatchesBruteForce() {
        WeightedFullMatrix c = WeightedFullMatrix.of(77, 1500, 4);
        double[][] s = c.kde.score(c.queries);
        for (int i = 0; i < c.queries.length; i++) {
            assertScore(c.bruteForce.score(c.queries[i]), s[i], c.queries[i], i);
        }
    }

    /** evaluate() gives both in one pass: the brute-force log density and score, weighted, full matrix. */
    @Test
    void evaluateMatchesBruteForceLogDensityAndScore() {
        WeightedFullMatrix c = WeightedFullMatrix.of(79, 1200, 3);
        GaussianKde.Evaluation ev = c.kde.evaluate(c.queries);
        for (int i = 0; i < c.queries.length; i++) {
            double lp = c.bruteForce.logDensity(c.queries[i]);
            assertTrue(Math.abs(ev.logDensity()[i] - lp) <= 1e-10 * (1 + Math.abs(lp)),
                    "query " + i + ": log density " + lp + " vs " + ev.logDensity()[i]);
            assertScore(c.bruteForce.score(c.queries[i]), ev.score()[i], c.queries[i], i);
        }
    }

    /**
     * A KDE with cyclic weights (period {@code weightPeriod}) and the full 3 x 3 bandwidth matrix on
     * {@code n} clustered rows, its brute force, and queries (seed + 1).
     */
    private record WeightedFullMatrix(GaussianKde kde, BruteForce bruteForce, double[][] queries) {
        static WeightedFullMatrix of(long seed, int n, int weightPeriod) {
            double[][] data = Fixtures.clusters(seed, n, 3, 4, 2.0, 0.6);
            double[] w = Fixtures.cyclicWeights(data.length, 1, weightPeriod);
            double[][] full = Fixtures.fullBandwidth3();
            return new WeightedFullMatrix(GaussianKde.builder(data).weights(w).bandwidthMatrix(full).build(),
                    new BruteForce(data, w, full), GaussianKdeBruteForceTest.queries(3, seed + 1));
        }
    }

    /** A 3-d score against the brute force's: cancellation error at the scale (|x| + 10) / h^2, with 100 bounding 1/h^2. */
    private static void assertScore(double[] expected, double[] actual, double[] query, int i) {
        double scale = (Math.abs(query[0]) + Math.abs(query[1]) + Math.abs(query[2]) + 10) * 100;
        for (int k = 0; k < 3; k++) {
            assertTrue(Math.abs(actual[k] - expected[k]) <= 1e-12 * scale + 1e-10 * Math.abs(expected[k]),
                    "query " + i + " coord " + k + ": " + expected[k] + " vs " + actual[k]);
        }
    }

    /**
     * Central differences: error = delta^2/6 |f'''| + eps |f| / delta. With kernel scale h the
     * third derivative is ~ 1/h^3 |x-mean|^3/h^3-ish near the data; delta = 1e-4 h gives a
     * truncation error ~1e-8/h and a rounding error ~1e-12 |log p|/h, so 1e-5 relative to
     * (|score| + 1/h) is a safe but still sharp bound.
     */
    @Test
    void matchesCentralFiniteDifferences() {
        double[][] data = Fixtures.clusters(90, 500, 3, 3, 1.5, 0.5);
        double[][] full = Fixtures.fullBandwidth3();
        GaussianKde kde = GaussianKde.builder(data).bandwidthMatrix(full).build();
        double h = 0.2;
        double[][] q = Fixtures.normal(91, 40, 3, 2.0);
        double[][] s = kde.score(q);
        for (int i = 0; i < q.length; i++) {
            for (int k = 0; k < 3; k++) {
                double delta = 1e-4 * h;
                double[] plus = q[i].clone();
                double[] minus = q[i].clone();
                plus[k] += delta;
                minus[k] -= delta;
                double fd = (kde.logDensity(plus) - kde.logDensity(minus)) / (2 * delta);
                double tol = 1e-5 * (Math.abs(fd) + 1 / h);
                assertTrue(Math.abs(fd - s[i][k]) <= tol, "query " + i + " coord " + k + ": fd " + fd + " vs " + s[i][k]);
            }
        }
    }

    @Test
    void farTailScoreIsFiniteAndPointsToNearestData() {
        // at x far away the posterior puts all mass on the nearest row: score = (x_nn - x)/h^2
        double[][] data = {{0, 0}, {1, 0}, {0, 1}};
        GaussianKde kde = GaussianKde.of(data, 0.01);
        double[] s = kde.score(new double[] {1e4, 0});
        assertTrue(Math.abs(s[0] - (1 - 1e4) / 1e-4) <= 1e-9 * 1e8, "score x: " + s[0]);
        assertTrue(Math.abs(s[1]) <= 1e-6, "score y: " + s[1]);
    }
}
