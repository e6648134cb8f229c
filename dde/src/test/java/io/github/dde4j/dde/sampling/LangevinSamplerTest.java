package io.github.dde4j.dde.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class LangevinSamplerTest {

    private static final double[] MU = {1.0, -2.0};
    private static final double[][] SIGMA = {{1.0, 0.6}, {0.6, 0.5}};

    private static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += r[j] / x.length;
            }
        }
        return m;
    }

    private static double[][] covariance(double[][] x) {
        double[] m = mean(x);
        int d = m.length;
        double[][] c = new double[d][d];
        for (double[] r : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a][b] += (r[a] - m[a]) * (r[b] - m[b]) / (x.length - 1);
                }
            }
        }
        return c;
    }

    /** Mean and covariance within 4 Monte Carlo standard errors of (mu, c) for n iid draws. */
    private static void assertMoments(double[][] x, double[] mu, double[][] c, String what) {
        int n = x.length;
        double[] m = mean(x);
        double[][] s = covariance(x);
        for (int a = 0; a < mu.length; a++) {
            assertEquals(mu[a], m[a], 4 * Math.sqrt(c[a][a] / n), what + " mean " + a);
            for (int b = 0; b < mu.length; b++) {
                // var of a sample covariance entry of a Gaussian: (c_aa c_bb + c_ab^2) / n
                double se = Math.sqrt((c[a][a] * c[b][b] + c[a][b] * c[a][b]) / n);
                assertEquals(c[a][b], s[a][b], 4 * se, what + " covariance " + a + "," + b + " " + Arrays.deepToString(s));
            }
        }
    }

    @Test
    void unadjustedLangevinReachesItsKnownBiasedStationaryLawAndMalaRemovesTheBias() {
        MultivariateGaussian target = MultivariateGaussian.of(MU, SIGMA);
        double eps = 0.1;
        // ULA on N(mu, Sigma) with A = Sigma^-1: x' = (I - eps A/2)(x - mu) + mu + sqrt(eps) z has the
        // stationary covariance C = eps (I - (I - eps A/2)^2)^-1 = (A - (eps/4) A^2)^-1
        RealMatrix a = MatrixUtils.inverse(MatrixUtils.createRealMatrix(SIGMA));
        double[][] ulaCov = MatrixUtils.inverse(a.subtract(a.multiply(a).scalarMultiply(eps / 4))).getData();
        int n = 2000;
        // slowest contraction 1 - eps * lambda_min(A) / 2 = 0.964 per step: 250 steps forget the start
        MultivariateGaussian start = MultivariateGaussian.standard(2);
        double[][] ula = LangevinSampler.sample(LangevinTarget.of(target), n, start, LangevinSettings.plain(eps, 250),
                RandomSources.seeded(1));
        assertMoments(ula, MU, ulaCov, "ULA");
        // the test can tell: along Sigma's smallest eigenvector (eigenvalue 0.1, A's eigenvalue 10) the
        // ULA variance is 0.1 / (1 - eps * 10 / 4) = 0.1333, eight standard errors from 0.1
        double[] v = {0.5547002, -0.83205029};
        assertEquals(0.1 / (1 - eps * 10 / 4), projectedVariance(ula, v), 4 * 0.1333 * Math.sqrt(2.0 / n));

        List<LangevinStats> stats = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        stats.add(LangevinSampler.stream(LangevinTarget.of(target), n, start, LangevinSettings.mala(eps, 250),
                RandomSources.seeded(2), (r, count) -> {
                    for (int i = 0; i < count; i++) {
                        rows.add(r[i].clone());
                    }
                }));
        double[][] malaDraws = rows.toArray(new double[0][]);
        assertMoments(malaDraws, MU, SIGMA, "MALA");
        assertEquals(0.1, projectedVariance(malaDraws, v), 4 * 0.1 * Math.sqrt(2.0 / n));
        double acc = stats.get(0).acceptanceRate();
        assertTrue(acc > 0.5 && acc < 1.0, "acceptance " + acc);
        assertTrue(Double.isNaN(LangevinSampler.stream(LangevinTarget.of(target), 10, start, LangevinSettings.plain(eps, 2),
                RandomSources.seeded(2), (r, c) -> { }).acceptanceRate()));
    }

    private static double projectedVariance(double[][] x, double[] v) {
        double[][] c = covariance(x);
        double s = 0;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                s += v[a] * c[a][b] * v[b];
            }
        }
        return s;
    }

    /** KS test of MALA draws against a bimodal mixture's exact CDF. */
    @Test
    void malaPassesGoodnessOfFitOnABimodalMixture() {
        GaussianMixture mix = GaussianMixture.isotropic(new double[] {0.6, 0.4}, new double[][] {{-1.0}, {1.2}}, new double[] {0.6, 0.5});
        double[][] x = LangevinSampler.sample(LangevinTarget.of(mix), 3000, MultivariateGaussian.isotropic(new double[] {0}, 2.0),
                LangevinSettings.mala(0.3, 300), RandomSources.seeded(3));
        double[] v = Arrays.stream(x).mapToDouble(r -> r[0]).sorted().toArray();
        double dMax = 0;
        for (int i = 0; i < v.length; i++) {
            double f = 0.6 * phi((v[i] + 1.0) / 0.6) + 0.4 * phi((v[i] - 1.2) / 0.5);
            dMax = Math.max(dMax, Math.max(Math.abs(f - (double) i / v.length), Math.abs(f - (i + 1.0) / v.length)));
        }
        double p = 1 - new KolmogorovSmirnovTest().cdf(dMax, v.length);
        assertTrue(p > 1e-3, "KS D=" + dMax + " p=" + p);
    }

    private static double phi(double z) {
        return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
    }

    /**
     * Two modes far apart with weights 0.8 / 0.2: annealing from a wide noise level with the exact
     * noise-conditional score recovers the weights, while plain Langevin at the final level keeps
     * whatever split its start had.
     */
    @Test
    void annealedLangevinRecoversModeWeights() {
        GaussianMixture mix = GaussianMixture.isotropic(new double[] {0.8, 0.2}, new double[][] {{-3.0}, {3.0}}, 0.5);
        LangevinTarget nc = LangevinTarget.noiseConditional(1, (x, sigma) -> mix.convolved(sigma).score(x));
        // eps_i / sigma_i^2 = eps / sigma_L^2 = 0.1: a step well inside every level's smoothed modes
        double[] levels = LangevinSettings.geometricLevels(6.0, 0.3, 10);
        LangevinSettings settings = LangevinSettings.annealed(levels, 0.009, 60);
        assertEquals(0.009 * 400, settings.stepSizeAt(0), 1e-9);
        int n = 2000;
        MultivariateGaussian start = MultivariateGaussian.isotropic(new double[] {0}, 6.0);
        double[][] x = LangevinSampler.sample(nc, n, start, settings, RandomSources.seeded(4));
        double right = Arrays.stream(x).filter(r -> r[0] > 0).count() / (double) n;
        // binomial standard error sqrt(0.16/n) = 0.009; 0.01 more for the annealing's own error
        assertEquals(0.2, right, 4 * Math.sqrt(0.16 / n) + 0.01);
        double[][] plain = LangevinSampler.sample(nc, n, start, new LangevinSettings(List.of(0.3), 0.009, 300, false, 1024),
                RandomSources.seeded(4));
        double plainRight = Arrays.stream(plain).filter(r -> r[0] > 0).count() / (double) n;
        assertTrue(Math.abs(plainRight - 0.2) > 0.1, "plain Langevin should keep the start's 50/50 split: " + plainRight);
    }

    @Test
    void seededBlocksMakeRowsIndependentOfBatching() {
        MultivariateGaussian target = MultivariateGaussian.of(MU, SIGMA);
        MultivariateGaussian start = MultivariateGaussian.standard(2);
        int n = 2 * LangevinSampler.BLOCK + 100;
        List<double[]> a = streamed(target, start, LangevinSettings.mala(0.05, 10).withBatchSize(7), n);
        List<double[]> b = streamed(target, start, LangevinSettings.mala(0.05, 10).withBatchSize(500), n);
        // whole blocks are a prefix: the chains of a block depend on how many it runs
        List<double[]> prefix = streamed(target, start, LangevinSettings.mala(0.05, 10), LangevinSampler.BLOCK);
        assertEquals(n, a.size());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(a.get(i), b.get(i), "row " + i);
        }
        for (int i = 0; i < prefix.size(); i++) {
            assertArrayEquals(a.get(i), prefix.get(i), "row " + i);
        }
        // another seed, other rows
        List<double[]> other = new ArrayList<>();
        LangevinSampler.stream(LangevinTarget.of(target), 10, start, LangevinSettings.mala(0.05, 10), 6L,
                (rows, count) -> other.add(rows[0].clone()));
        assertFalse(Arrays.equals(a.get(0), other.get(0)));
    }

    /** A run from a later block (a distributed job's part) is those rows of the whole run. */
    @Test
    void aRunFromABlockIsThatPartOfTheWholeRun() {
        MultivariateGaussian target = MultivariateGaussian.of(MU, SIGMA);
        MultivariateGaussian start = MultivariateGaussian.standard(2);
        int n = 2 * LangevinSampler.BLOCK + 100;
        List<double[]> all = streamed(target, start, LangevinSettings.mala(0.05, 10), n);
        List<double[]> part = new ArrayList<>();
        LangevinSampler.stream(LangevinTarget.of(target), LangevinSampler.BLOCK, n - LangevinSampler.BLOCK, start,
                LangevinSettings.mala(0.05, 10), 5L, (rows, count) -> {
                    for (int i = 0; i < count; i++) {
                        part.add(rows[i].clone());
                    }
                });
        assertEquals(n - LangevinSampler.BLOCK, part.size());
        for (int i = 0; i < part.size(); i++) {
            assertArrayEquals(all.get(LangevinSampler.BLOCK + i), part.get(i), "row " + (LangevinSampler.BLOCK + i));
        }
        assertThrows(IllegalArgumentException.class, () -> LangevinSampler.stream(LangevinTarget.of(target), 5, 10,
                start, LangevinSettings.mala(0.05, 10), 5L, (rows, count) -> { }));
    }

    private static List<double[]> streamed(MultivariateGaussian target, MultivariateGaussian start, LangevinSettings s, int n) {
        List<double[]> out = new ArrayList<>();
        LangevinSampler.stream(LangevinTarget.of(target), n, start, s, 5L, (rows, count) -> {
            assertTrue(count <= LangevinSampler.BLOCK);
            for (int i = 0; i < count; i++) {
                out.add(rows[i].clone());
            }
        });
        return out;
    }

    @Test
    void deterministicStreamingAndInputsUntouched() {
        MultivariateGaussian target = MultivariateGaussian.of(MU, SIGMA);
        LangevinSettings s = LangevinSettings.plain(0.05, 20).withBatchSize(7);
        MultivariateGaussian start = MultivariateGaussian.standard(2);
        double[][] a = LangevinSampler.sample(LangevinTarget.of(target), 30, start, s, RandomSources.seeded(9));
        double[][] b = LangevinSampler.sample(LangevinTarget.of(target), 30, start, s, RandomSources.seeded(9));
        assertArrayEquals(a, b);
        int[] calls = {0};
        LangevinStats st = LangevinSampler.stream(LangevinTarget.of(target), 30, start, s, RandomSources.seeded(9), (rows, count) -> {
            assertTrue(count <= 7);
            for (int i = 0; i < count; i++) {
                assertArrayEquals(a[calls[0] * 7 + i], rows[i]);
            }
            calls[0]++;
        });
        assertEquals(5, calls[0]);
        assertEquals(30L * 20, st.scoreEvaluations());

        double[][] startPts = {{0, 0}, {5, 5}};
        double[][] copy = {{0, 0}, {5, 5}};
        double[][] out = LangevinSampler.run(LangevinTarget.of(target), startPts, s, RandomSources.seeded(1));
        assertArrayEquals(copy, startPts);
        assertEquals(2, out.length);
    }

    @Test
    void fusedEvaluationGivesTheSameChainsWithOneCallPerStep() {
        MultivariateGaussian target = MultivariateGaussian.of(MU, SIGMA);
        int[] calls = {0};
        LangevinTarget fused = LangevinTarget.fused(2, (x, logOut, scoreOut) -> {
            calls[0]++;
            if (logOut != null) {
                System.arraycopy(target.logDensity(x), 0, logOut, 0, x.length);
            }
            if (scoreOut != null) {
                double[][] sc = target.score(x);
                for (int i = 0; i < x.length; i++) {
                    scoreOut[i] = sc[i];
                }
            }
        });
        LangevinSettings s = LangevinSettings.mala(0.2, 25).withBatchSize(50);
        MultivariateGaussian start = MultivariateGaussian.standard(2);
        double[][] a = LangevinSampler.sample(fused, 100, start, s, RandomSources.seeded(5));
        double[][] b = LangevinSampler.sample(LangevinTarget.of(target), 100, start, s, RandomSources.seeded(5));
        assertArrayEquals(b, a);
        // 2 batches x (1 at the start + 25 proposals)
        assertEquals(2 * 26, calls[0]);
    }

    @Test
    void rejectsBadInputAndDivergence() {
        LangevinTarget scoreOnly = LangevinTarget.ofScore(1, x -> {
            double[][] s = new double[x.length][1];
            for (int i = 0; i < x.length; i++) {
                s[i][0] = -x[i][0];
            }
            return s;
        });
        MultivariateGaussian start = MultivariateGaussian.standard(1);
        assertThrows(IllegalArgumentException.class,
                () -> LangevinSampler.sample(scoreOnly, 5, start, LangevinSettings.mala(0.1, 5), RandomSources.seeded(1)));
        // eps = 10 on N(0, 1): x' = -4 x + noise, diverges geometrically
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LangevinSampler.sample(scoreOnly, 5, start, LangevinSettings.plain(10, 2000), RandomSources.seeded(1)));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LangevinSettings.plain(0, 5));
        assertThrows(IllegalArgumentException.class, () -> LangevinSettings.annealed(new double[] {1, -1}, 0.1, 5));
        assertThrows(IllegalArgumentException.class,
                () -> LangevinSampler.sample(scoreOnly, 5, MultivariateGaussian.standard(2), LangevinSettings.plain(0.1, 5), RandomSources.seeded(1)));
    }

    @Test
    void settingsRoundTripThroughJackson() throws Exception {
        ObjectMapper om = new ObjectMapper();
        LangevinSettings s = LangevinSettings.annealed(LangevinSettings.geometricLevels(1, 0.1, 4), 0.01, 50).withMetropolis(true);
        assertEquals(s, om.readValue(om.writeValueAsString(s), LangevinSettings.class));
    }
}
