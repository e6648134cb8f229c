package io.github.dde4j.dde.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Long statistical checks of Langevin sampling (run with {@code mvn -Plong verify}). */
@Tag("long")
class LangevinLongTest {

    /**
     * Eight Gaussians (radius 2, sd 0.1) with unequal weights: annealed Langevin with the exact
     * noise-conditional score and a final MALA-free level puts mass on the modes in proportion to
     * their weights (chi-square test on the mode counts, alpha = 0.001).
     */
    @Test
    void annealedLangevinOnEightGaussiansMatchesTheModeWeights() {
        double[][] means = new double[8][2];
        double[] w = new double[8];
        for (int k = 0; k < 8; k++) {
            means[k][0] = 2 * Math.cos(k * Math.PI / 4);
            means[k][1] = 2 * Math.sin(k * Math.PI / 4);
            w[k] = 1 + (k % 3);
        }
        GaussianMixture mix = GaussianMixture.isotropic(w, means, 0.1);
        LangevinTarget nc = LangevinTarget.noiseConditional(2, (x, s) -> mix.convolved(s).score(x));
        LangevinSettings settings = LangevinSettings.annealed(LangevinSettings.geometricLevels(3.0, 0.1, 12), 0.001, 200);
        int n = 8000;
        double[][] x = LangevinSampler.sample(nc, n, MultivariateGaussian.isotropic(new double[2], 3.0), settings,
                RandomSources.seeded(21));
        long[] counts = new long[8];
        for (double[] p : x) {
            double angle = Math.atan2(p[1], p[0]);
            int k = (int) Math.floorMod(Math.round(angle / (Math.PI / 4)), 8);
            counts[k]++;
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[] expected = new double[8];
        for (int k = 0; k < 8; k++) {
            expected[k] = n * w[k] / total;
        }
        double p = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(p > 1e-3, "mode counts " + java.util.Arrays.toString(counts) + " p=" + p);
    }
}
