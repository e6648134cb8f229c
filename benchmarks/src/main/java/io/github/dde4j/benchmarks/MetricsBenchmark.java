package io.github.dde4j.benchmarks;

import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.metrics.EnergyDistance;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.metrics.SlicedWasserstein;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two-sample metrics the convergence checks and reports use, on n = m standard-normal rows in
 * d = 2 and 10: unbiased MMD^2 (bandwidth 1), energy distance, sliced Wasserstein-1 (128
 * directions) and the median-heuristic bandwidth. All are O(n m) pair sums over every processor
 * (sliced Wasserstein: O(n log n) per direction).
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar MetricsBenchmark
 *   java -jar benchmarks/target/benchmarks.jar MetricsBenchmark -p n=2000 -p d=2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MetricsBenchmark {

    /** Rows per sample (n = m). */
    @Param({"2000", "10000"})
    public int n;

    /** Dimension d. */
    @Param({"2", "10"})
    public int d;

    private double[][] x;
    private double[][] y;

    /** Draws the two standard-normal samples once per trial. */
    @Setup
    public void setUp() {
        x = MultivariateGaussian.standard(d).sample(n, 1L);
        y = MultivariateGaussian.standard(d).sample(n, 2L);
    }

    /**
     * The unbiased MMD^2 at bandwidth 1.
     *
     * @return MMD^2
     */
    @Benchmark
    public double mmd2() {
        return Mmd.unbiased(x, y, 1.0);
    }

    /**
     * The energy distance.
     *
     * @return the energy distance
     */
    @Benchmark
    public double energy() {
        return EnergyDistance.of(x, y);
    }

    /**
     * The sliced Wasserstein-1 distance over 128 projections.
     *
     * @return the sliced W1
     */
    @Benchmark
    public double slicedWasserstein() {
        return SlicedWasserstein.of(x, y, 128, 3L);
    }

    /**
     * The median heuristic bandwidth of the pooled samples.
     *
     * @return the bandwidth
     */
    @Benchmark
    public double medianBandwidth() {
        return Mmd.medianBandwidth(x, y);
    }
}
