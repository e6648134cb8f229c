package io.github.dde4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.dist.MultivariateGaussian;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rough timings of the metrics at n = m = 10,000 (run with {@code mvn -o -pl core -Plong test}).
 * The bound is deliberately loose: it catches an accidental O(n^2) allocation or a lost parallel
 * path ("minutes, not seconds"), not a few percent.
 */
@Tag("long")
class MetricsTimingTest {

    @Test
    void tenThousandByTenThousandTakesSeconds() {
        for (int d : new int[] {2, 10}) {
            double[][] x = MultivariateGaussian.standard(d).sample(10_000, 1L);
            double[][] y = MultivariateGaussian.standard(d).sample(10_000, 2L);
            Mmd.unbiased(x, y, 1.0); // warm-up
            long t0 = System.nanoTime();
            double mmd = Mmd.unbiased(x, y, 1.0);
            long t1 = System.nanoTime();
            double e = EnergyDistance.of(x, y);
            long t2 = System.nanoTime();
            double sw = SlicedWasserstein.of(x, y, 128, 3L);
            long t3 = System.nanoTime();
            double h = Mmd.medianBandwidth(x, y);
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "d=%d n=m=10000: MMD^2 %.2f s, energy %.2f s, SW1(128) %.2f s, median bandwidth %.2f s"
                    + " (values %.3g %.3g %.3g %.3g)%n", d, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                    mmd, e, sw, h);
            assertTrue((t1 - t0) / 1e9 < 60, "MMD took minutes");
        }
    }
}
