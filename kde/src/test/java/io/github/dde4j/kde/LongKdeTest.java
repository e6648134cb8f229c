package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Benchmark-sized checks (run with {@code mvn -Plong verify}). */
@Tag("long")
class LongKdeTest {

    @Test
    void benchmarkCellsAreExactAgainstBruteForce() {
        GaussianKdeBruteForceTest.assertBenchmarkSettingExact(100_000, 2_000, 7);
    }

    @Test
    void leaveOneOutOnLargeDataUsesTheRowSampleAndStaysSensible() {
        int n = 40_000;
        double[][] data = Fixtures.normal(2718, n, 1, 3.0);
        Bandwidths.LeaveOneOut loo = Bandwidths.leaveOneOut(data, null);
        double reference = 1.06 * 3.0 * Math.pow(n, -0.2);
        double h = loo.bandwidth()[0];
        assertTrue(h > 0.7 * reference && h < 1.4 * reference, "LOO h " + h + " vs normal reference " + reference);
    }

    @Test
    void samplingGoodnessOfFitLarge() {
        double[][] data = Fixtures.clusters(3, 500, 2, 5, 2.0, 0.4);
        GaussianKde kde = GaussianKde.of(data, BandwidthRule.SCOTT_COVARIANCE);
        double[][] s = kde.sample(20_000, RandomSources.seeded(99));
        for (double[] v : new double[][] {{1, 0}, {0, 1}, {0.8, 0.6}}) {
            double p = SamplingTest.ksPValue(kde, s, v);
            assertTrue(p > 1e-3, "KS p-value " + p);
        }
    }
}
