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
        double[][] data = Fixtures.clusters(77, 1500, 3, 4, 2.0, 0.6);
        double[] w = Fixtures.cyclicWeights(data.length, 1, 4);
        double[][] full = Fixtures.fullBandwidth3();
        GaussianKde kde = GaussianKde.builder(data).weights(w).bandwidthMatrix(full).build();
        BruteForce bf = new BruteForce(data, w, full);
        double[][] q = GaussianKdeBruteForceTest.queries(3, 78);
        double[][] s = kde.score(q);
        for (int i = 0; i < q.length; i++) {
            double[] e = bf.score(q[i]);
            for (int k = 0; k < 3; k++) {
                double scale = (Math.abs(q[i][0]) + Math.abs(q[i][1]) + Math.abs(q[i][2]) + 10) * 100;
                assertTrue(Math.abs(s[i][k] - e[k]) <= 1e-12 * scale + 1e-10 * Math.abs(e[k]),
                        "query " + i + " coord " + k + ": " + e[k] + " vs " + s[i][k]);
            }
        }
    }

    /** evaluate() gives both in one pass: the brute-force log density and score, weighted, full matrix. */
    @Test
    void evaluateMatchesBruteForceLogDensityAndScore() {
        double[][] data = Fixtures.clusters(79, 1200, 3, 4, 2.0, 0.6);
        double[] w = Fixtures.cyclicWeights(data.length, 1, 3);
        double[][] full = Fixtures.fullBandwidth3();
        GaussianKde kde = GaussianKde.builder(data).weights(w).bandwidthMatrix(full).build();
        BruteForce bf = new BruteForce(data, w, full);
        double[][] q = GaussianKdeBruteForceTest.queries(3, 80);
        GaussianKde.Evaluation ev = kde.evaluate(q);
        for (int i = 0; i < q.length; i++) {
            double lp = bf.logDensity(q[i]);
            assertTrue(Math.abs(ev.logDensity()[i] - lp) <= 1e-10 * (1 + Math.abs(lp)),
                    "query " + i + ": log density " + lp + " vs " + ev.logDensity()[i]);
            double[] e = bf.score(q[i]);
            for (int k = 0; k < 3; k++) {
                double scale = (Math.abs(q[i][0]) + Math.abs(q[i][1]) + Math.abs(q[i][2]) + 10) * 100;
                assertTrue(Math.abs(ev.score()[i][k] - e[k]) <= 1e-12 * scale + 1e-10 * Math.abs(e[k]),
                        "query " + i + " coord " + k + ": " + e[k] + " vs " + ev.score()[i][k]);
            }
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
