package io.github.dde4j.dde.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GridLogPartitionTest {

    /** The actual error is within the stated one, and the stated one is small. */
    private static void assertAccurate(LogZEstimate est, double truth, double maxStated) {
        double err = Math.abs(est.logZ() - truth);
        assertTrue(err <= est.standardError() + 1e-12, est + " truth " + truth + " err " + err);
        assertTrue(est.standardError() < maxStated, est.toString());
    }

    @ParameterizedTest
    @EnumSource(GridLogPartition.Rule.class)
    void gaussianInOneDimension(GridLogPartition.Rule rule) {
        UnnormalizedLogDensity f = UnnormalizedLogDensity.of(MultivariateGaussian.isotropic(new double[] {1.5}, 0.3)).shifted(-4);
        LogZEstimate est = new GridLogPartition(rule, 0, 1000).estimate(f, new double[] {-3}, new double[] {6});
        assertAccurate(est, -4, 1e-9);
        assertEquals(4001L, est.sampleCount());
    }

    @ParameterizedTest
    @EnumSource(GridLogPartition.Rule.class)
    void mixtureInTwoDimensionsOverABoxFromData(GridLogPartition.Rule rule) {
        GaussianMixture target = TestDensities.mixture(2);
        double[][] data = target.sample(3000, RandomSources.seeded(5));
        LogZEstimate est = new GridLogPartition(rule, 0, 8192).estimate(UnnormalizedLogDensity.of(target).shifted(7), data, 3.0);
        assertAccurate(est, 7, 1e-6);
        assertTrue(est.diagnostics().get("boundaryFraction") < 1e-6);
    }

    @Test
    void correlatedGaussianAndLogisticsInThreeDimensions() {
        MultivariateGaussian g = TestDensities.randomGaussian(3, 17);
        double[][] box = GridLogPartition.boxAround(g.sample(2000, RandomSources.seeded(3)), 0.0, 3.0);
        GridLogPartition grid = new GridLogPartition(GridLogPartition.Rule.SIMPSON, 0, 50_000);
        assertAccurate(grid.estimate(UnnormalizedLogDensity.of(g).shifted(0.5), box[0], box[1]), 0.5, 1e-3);

        double[] m = {0, 1, -1};
        double[] s = {0.5, 0.8, 1.0};
        LogZEstimate est = grid.estimate(TestDensities.logistics(m, s, -1), new double[] {-12, -12, -12}, new double[] {12, 12, 12});
        assertAccurate(est, TestDensities.logisticsLogZ(s, -1), 1e-3);
    }

    @Test
    void aBoxThatCutsMassOffSaysSo() {
        UnnormalizedLogDensity f = UnnormalizedLogDensity.of(MultivariateGaussian.standard(2));
        LogZEstimate est = GridLogPartition.defaults().estimate(f, new double[] {-1.5, -1.5}, new double[] {1.5, 1.5});
        // true integral over the box: (Phi(1.5) - Phi(-1.5))^2 = 0.8664^2, log = -0.2867
        assertTrue(est.logZ() < -0.28, est.toString());
        assertTrue(Math.abs(est.logZ()) <= est.standardError(), "stated error must cover the truncation: " + est);
        assertTrue(est.diagnostics().get("tailFraction") > 0.2, est.diagnostics().toString());
    }

    @Test
    void coarseGridErrorEstimateIsConservativeForTrapezoid() {
        // a few points only: the refinement difference dominates and must cover the true error
        UnnormalizedLogDensity f = UnnormalizedLogDensity.of(MultivariateGaussian.isotropic(new double[] {0.1}, 1.0));
        for (int n : new int[] {9, 13, 21}) {
            LogZEstimate est = new GridLogPartition(GridLogPartition.Rule.SIMPSON, n, 100).estimate(f, new double[] {-9}, new double[] {9});
            assertTrue(Math.abs(est.logZ()) <= est.standardError(), n + ": " + est);
        }
    }

    @Test
    void rejectsBadInput() {
        GridLogPartition grid = GridLogPartition.defaults();
        UnnormalizedLogDensity f4 = UnnormalizedLogDensity.of(MultivariateGaussian.standard(4));
        assertThrows(IllegalArgumentException.class, () -> grid.estimate(f4, new double[4], new double[] {1, 1, 1, 1}));
        UnnormalizedLogDensity f1 = UnnormalizedLogDensity.of(MultivariateGaussian.standard(1));
        assertThrows(IllegalArgumentException.class, () -> grid.estimate(f1, new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> grid.estimate(f1, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> new GridLogPartition(GridLogPartition.Rule.TRAPEZOID, 100, 10));
        UnnormalizedLogDensity bad = UnnormalizedLogDensity.of(1, x -> {
            double[] v = new double[x.length];
            v[0] = Double.POSITIVE_INFINITY;
            return v;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> grid.estimate(bad, new double[] {0}, new double[] {1}));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
    }
}
