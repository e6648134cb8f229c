package io.github.dde4j.core.toy;

import static io.github.dde4j.core.TestData.assertClose;
import static io.github.dde4j.core.TestData.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.TestData;
import io.github.dde4j.core.dist.GaussianMixture;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Seeded goodness-of-fit tests of the toy samplers (alpha = 1e-4 each, fixed seeds, so a failure
 * means a wrong sampler, not bad luck) and checks of the closed-form densities.
 */
class ToysTest {

    private static final double ALPHA = 1e-4;

    private static double ksPValue(RealDistribution dist, double[] values) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(dist, values);
    }

    private static double chiSquarePValue(long[] counts) {
        double[] expected = new double[counts.length];
        long n = Arrays.stream(counts).sum();
        Arrays.fill(expected, (double) n / counts.length);
        return new ChiSquareTest().chiSquareTest(expected, counts);
    }

    /**
     * Midpoint rule over [-L, L]^2 of exp(log p). For a density smoothed at scale s the rule's
     * error is of order exp(-2 pi^2 s^2 / step^2) (aliasing of its Fourier transform), below 1e-40
     * for the steps used here, and the truncated tails are beyond 6.5 s; so any deviation from 1
     * larger than rounding is a wrong normalising constant.
     */
    private static double integrate(Density p, double half, double step) {
        int k = (int) Math.round(2 * half / step);
        double s = 0;
        double[] x = new double[2];
        for (int i = 0; i < k; i++) {
            x[0] = -half + (i + 0.5) * step;
            for (int j = 0; j < k; j++) {
                x[1] = -half + (j + 0.5) * step;
                s += Math.exp(p.logDensity(x));
            }
        }
        return s * step * step;
    }

    private static void checkScore(Density p, double[][] xs, double tol) {
        double[][] s = p.score(xs);
        for (int i = 0; i < xs.length; i++) {
            double[] fd = TestData.numericalGradient(p, xs[i], 1e-5);
            for (int j = 0; j < 2; j++) {
                assertClose(fd[j], s[i][j], tol, tol, "score at " + Arrays.toString(xs[i]) + " col " + j);
            }
        }
    }

    @Test
    void registryKnowsEveryToyAndItsAliases() {
        assertEquals(List.of("8gaussians", "2spirals", "checkerboard", "rings", "moons"), Toys.names());
        for (String name : Toys.names()) {
            Toy t = Toys.byName(name);
            assertEquals(name, t.name());
            assertEquals(2, t.dimension());
            assertArrayEquals(t.sample(50, 9L), t.sample(50, 9L), "reproducible from the seed");
            assertFalse(Arrays.deepEquals(t.sample(50, 9L), t.sample(50, 10L)));
            assertEquals(0, t.sample(0, 1L).length);
            assertMessage(() -> t.sample(-1, 1L), "n must be >= 0");
            assertMessage(() -> t.sample(5, (org.apache.commons.rng.UniformRandomProvider) null), "rng is null");
        }
        assertEquals("8gaussians", Toys.byName("Eight-Gaussians").name());
        assertEquals("2spirals", Toys.byName("two_spirals").name());
        assertEquals("moons", Toys.byName("TWO MOONS").name());
        assertMessage(() -> Toys.byName("swissroll"), "unknown toy 'swissroll'; known toys: 8gaussians, 2spirals, checkerboard, rings, moons");
        assertThrows(UnsupportedOperationException.class, () -> Toys.byName("moons").smoothedDensity(0.1));
        assertThrows(UnsupportedOperationException.class, () -> Toys.byName("2spirals").density());
        assertMessage(() -> Toys.byName("rings").smoothedDensity(0), "sigma");
        assertMessage(() -> Toys.byName("checkerboard").smoothedDensity(-1), "sigma");
        assertMessage(() -> Toys.byName("8gaussians").smoothedDensity(Double.NaN), "sigma");
        assertMessage(() -> EightGaussians.of(2, 0), "sd");
        assertMessage(() -> Rings.of(new double[] {1, -1}, 0.1), "radii[1]");
        assertMessage(() -> TwoMoons.of(-0.1), "noise");
    }

    @Test
    void eightGaussiansMatchTheTorchReferenceAndPassGoodnessOfFit() {
        EightGaussians g = EightGaussians.standard();
        assertEquals(2.0, g.radius());
        assertEquals(0.2, g.sd());
        double[][] c = EightGaussians.centres(2.0);
        assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(2)}, c[1], 1e-15);
        int n = 16_000;
        double[][] xs = g.sample(n, 2024L);
        long[] counts = new long[8];
        double[] radial = new double[n];
        for (int i = 0; i < n; i++) {
            // nearest centre = angular sector (misassignment needs a 3.8 sd excursion)
            int k = Math.floorMod((int) Math.round(Math.atan2(xs[i][1], xs[i][0]) / (Math.PI / 4)), 8);
            counts[k]++;
            double dx = xs[i][0] - c[k][0];
            double dy = xs[i][1] - c[k][1];
            radial[i] = (dx * dx + dy * dy) / (2 * 0.04); // ~ Exp(1) for a 2-D Gaussian
        }
        assertTrue(chiSquarePValue(counts) > ALPHA, "component counts");
        double[] shares = Toys.modeShares(xs, Toys.eightGaussians().means());
        for (int k = 0; k < 8; k++) {
            assertEquals(counts[k] / (double) n, shares[k], 1e-15, "mode share = sector share");
        }
        assertArrayEquals(new double[] {0, 1}, Toys.modeShares(new double[][] {{5, 5}}, new double[][] {{0, 0}, {4, 4}}));
        assertTrue(ksPValue(new ExponentialDistribution(null, 1.0), radial) > ALPHA, "radial distribution");
    }

    @Test
    void eightGaussiansSmoothedDensityIsTheConvolvedMixture() {
        GaussianMixture s = EightGaussians.standard().smoothedDensity(0.1);
        for (double[] v : s.variances()) {
            assertArrayEquals(new double[] {0.05, 0.05}, v, 1e-15);
        }
        assertClose(1.0, integrate(s, 4, 0.1), 0, 1e-9, "integrates to 1");
        checkScore(s, new double[][] {{0, 0}, {2, 0.1}, {1.3, 1.5}}, 1e-5);
    }

    @Test
    void checkerboardPassesGoodnessOfFit() {
        Checkerboard b = Checkerboard.standard();
        Density p = b.density();
        int n = 16_000;
        double[][] xs = b.sample(n, 77L);
        long[] counts = new long[8];
        double[] fracX = new double[n];
        double[] fracY = new double[n];
        for (int i = 0; i < n; i++) {
            assertEquals(-Math.log(32), p.logDensity(xs[i]), "on the board: " + Arrays.toString(xs[i]));
            int ci = (int) Math.floor(xs[i][0] / 2) + 2;
            int cj = (int) Math.floor(xs[i][1] / 2) + 2;
            counts[ci * 2 + cj / 2]++;
            fracX[i] = xs[i][0] / 2 - Math.floor(xs[i][0] / 2);
            fracY[i] = xs[i][1] / 2 - Math.floor(xs[i][1] / 2);
        }
        assertTrue(chiSquarePValue(counts) > ALPHA, "squares equally likely " + Arrays.toString(counts));
        UniformRealDistribution u = new UniformRealDistribution(null, 0, 1);
        assertTrue(ksPValue(u, fracX) > ALPHA, "uniform within squares (x)");
        assertTrue(ksPValue(u, fracY) > ALPHA, "uniform within squares (y)");
        assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(new double[] {1, -1}), "off the board");
        assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(new double[] {4.5, 0.5}), "outside");
    }

    @Test
    void checkerboardSmoothedDensityMatchesScipyAndIntegratesToOne() {
        double[][] ref = TestData.csv("/reference/toy/checkerboard_smoothed_logpdf.csv");
        for (double[] r : ref) {
            double lp = Checkerboard.standard().smoothedDensity(r[0]).logDensity(new double[] {r[1], r[2]});
            // erfc vs log_ndtr: ~1e-14 relative in the density, so 1e-12 absolute in log
            // near the board; in the far tails the log is huge and agrees to 1e-12 relative
            assertClose(r[3], lp, 1e-12, 1e-12, "sigma " + r[0] + " at (" + r[1] + ", " + r[2] + ")");
        }
        Density s = Checkerboard.standard().smoothedDensity(0.3);
        assertClose(1.0, integrate(s, 6, 0.1), 0, 1e-9, "integrates to 1");
        checkScore(s, new double[][] {{0.1, 0.2}, {2.1, -0.3}, {-4.2, 3.9}, {7, 7}}, 1e-5);
        // the score is finite far from the board and points back towards it
        double[][] far = Checkerboard.standard().smoothedDensity(0.1).score(new double[][] {{50, 0}});
        assertTrue(far[0][0] < 0 && Double.isFinite(far[0][0]));
    }

    @Test
    void ringsPassGoodnessOfFit() {
        Rings r = Rings.standard();
        double[] radii = r.radii();
        int n = 16_000;
        double[][] xs = r.sample(n, 31L);
        long[] counts = new long[4];
        double[] angle = new double[n];
        for (int i = 0; i < n; i++) {
            double rho = Math.hypot(xs[i][0], xs[i][1]);
            int best = 0;
            for (int k = 1; k < 4; k++) {
                if (Math.abs(rho - radii[k]) < Math.abs(rho - radii[best])) {
                    best = k;
                }
            }
            counts[best]++;
            angle[i] = Math.atan2(xs[i][1], xs[i][0]);
        }
        assertTrue(chiSquarePValue(counts) > ALPHA, "rings equally likely");
        assertTrue(ksPValue(new UniformRealDistribution(null, -Math.PI, Math.PI), angle) > ALPHA, "uniform angle");
    }

    @Test
    void ringsDensityMatchesScipyBesselAndIntegratesToOne() {
        double[][] ref = TestData.csv("/reference/toy/rings_logpdf.csv");
        for (double[] row : ref) {
            Density p = row[0] == 0 ? Rings.standard().density() : Rings.standard().smoothedDensity(row[0]);
            double lp = p.logDensity(new double[] {row[1], row[2]});
            assertClose(row[3], lp, 1e-11, 1e-11, "sigma " + row[0] + " at (" + row[1] + ", " + row[2] + ")");
        }
        Density s = Rings.standard().smoothedDensity(0.2);
        assertClose(1.0, integrate(s, 5, 0.08), 0, 1e-9, "integrates to 1");
        checkScore(s, new double[][] {{0.3, 0.1}, {2.0, -1.0}, {0, 3.2}, {-5, 4}}, 1e-5);
        checkScore(Rings.standard().density(), new double[][] {{0.5, 0.5}, {2.9, 0.1}}, 1e-4);
        assertArrayEquals(new double[] {0, 0}, s.score(new double[][] {{0, 0}})[0], "symmetric centre");
    }

    @Test
    void moonsLieOnTheirArcsWithUniformParameter() {
        int n = 8000;
        double[][] xs = TwoMoons.of(0).sample(n, 5L);
        long[] counts = new long[2];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double x = xs[i][0];
            double y = xs[i][1];
            if (y >= 0 && Math.abs(Math.hypot(x, y) - 1) < 1e-12) {
                counts[0]++;
                t[i] = Math.atan2(y, x);
            } else {
                assertClose(1.0, Math.hypot(1 - x, 0.5 - y), 0, 1e-12, "lower arc");
                counts[1]++;
                t[i] = Math.atan2(0.5 - y, 1 - x);
            }
        }
        assertTrue(chiSquarePValue(counts) > ALPHA, "moons equally likely");
        assertTrue(ksPValue(new UniformRealDistribution(null, 0, Math.PI), t) > ALPHA, "uniform along the arc");
        // with noise: the mean is (1/2, 1/4) exactly; coordinate sds are < 1, so 5 se < 5/sqrt(n)
        double[][] noisy = TwoMoons.standard().sample(n, 6L);
        double mx = Arrays.stream(noisy).mapToDouble(p -> p[0]).average().orElseThrow();
        double my = Arrays.stream(noisy).mapToDouble(p -> p[1]).average().orElseThrow();
        assertClose(0.5, mx, 0, 5 / Math.sqrt(n), "mean x");
        assertClose(0.25, my, 0, 5 / Math.sqrt(n), "mean y");
    }

    @Test
    void spiralsFollowTheirCurveWithTheRightArcLengthLaw() {
        int n = 8000;
        double[][] xs = TwoSpirals.of(0, 0).sample(n, 12L);
        long[] arms = new long[2];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 3 * Math.hypot(xs[i][0], xs[i][1]);
            double cx = -t * Math.cos(t) / 3;
            double cy = t * Math.sin(t) / 3;
            boolean plus = Math.abs(xs[i][0] - cx) + Math.abs(xs[i][1] - cy) < 1e-9;
            boolean minus = Math.abs(xs[i][0] + cx) + Math.abs(xs[i][1] + cy) < 1e-9;
            assertTrue(plus || minus, "on a spiral arm: " + Arrays.toString(xs[i]));
            arms[plus ? 0 : 1]++;
            u[i] = Math.pow(t / (3 * Math.PI), 2); // t = sqrt(U) 3 pi, so this is U(0,1)
        }
        assertTrue(chiSquarePValue(arms) > ALPHA, "arms equally likely");
        assertTrue(ksPValue(new UniformRealDistribution(null, 0, 1), u) > ALPHA, "radius law");
        for (double[] p : TwoSpirals.standard().sample(1000, 1L)) {
            // |t| <= 3 pi, jitter <= 0.5/3 per coordinate, noise 0.1 (6 sd)
            assertTrue(Math.hypot(p[0], p[1]) < Math.PI + 0.25 + 0.85);
        }
    }

    @Test
    void modesAreTheGeneratingComponents() {
        // eight Gaussians: the sector equals the component drawn, except for > 3.8 sd excursions
        int n = 8000;
        int[] comp = new int[n];
        double[][] xs = Toys.eightGaussians().sample(n, io.github.dde4j.core.RandomSources.seeded(3), comp);
        EightGaussians eg = EightGaussians.standard();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            agree += eg.mode(xs[i]) == comp[i] ? 1 : 0;
        }
        // P(misassigned) = 2 P(Z > 3.83) = 1.3e-4 per point: expect ~1 of 8000
        assertTrue(agree >= n - 10, agree + " of " + n);
        // noise-free moons and spirals: the mode is exactly the arc / arm the point lies on
        TwoMoons moons = TwoMoons.of(0);
        for (double[] p : moons.sample(2000, 4L)) {
            assertEquals(p[1] >= 0 && Math.abs(Math.hypot(p[0], p[1]) - 1) < 1e-12 ? 0 : 1, moons.mode(p));
        }
        TwoSpirals spirals = TwoSpirals.of(0, 0);
        for (double[] p : spirals.sample(2000, 4L)) {
            double t = 3 * Math.hypot(p[0], p[1]);
            boolean plus = Math.abs(p[0] + t * Math.cos(t) / 3) + Math.abs(p[1] - t * Math.sin(t) / 3) < 1e-9;
            if (t > 0.1) { // the arms meet at the origin
                assertEquals(plus ? 0 : 1, spirals.mode(p), java.util.Arrays.toString(p));
            }
        }
        Checkerboard board = Checkerboard.standard();
        assertEquals(board.mode(new double[] {-3, -3}), board.mode(new double[] {-30, -30}), "nearest square off the board");
        assertEquals(2, Rings.standard().mode(new double[] {0, 1.4}));
    }

    @Test
    void samplesCoverEveryModeEvenly() {
        int n = 4000;
        for (Toy toy : Toys.all()) {
            double[] shares = Toys.modeShares(toy, toy.sample(n, 99L));
            assertEquals(toy.modeCount(), shares.length);
            double p = 1.0 / shares.length;
            for (double s : shares) {
                // 5 binomial standard errors plus 1% for points assigned across a boundary by the noise
                assertClose(p, s, 0, 5 * Math.sqrt(p * (1 - p) / n) + 0.01, toy.name() + " " + java.util.Arrays.toString(shares));
            }
        }
    }
}
