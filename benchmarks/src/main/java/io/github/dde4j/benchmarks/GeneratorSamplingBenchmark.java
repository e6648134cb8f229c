package io.github.dde4j.benchmarks;

import io.github.dde4j.generator.Generator;
import java.io.IOException;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Generator sampling throughput: one operation streams {@link #ROWS} rows of a width-128,
 * two-hidden-layer float32 generator through {@link Generator#sample(long, long,
 * io.github.dde4j.core.data.RowSink)} into a blackhole. rows/s = ROWS / (seconds per op).
 * {@code java -jar benchmarks/target/benchmarks.jar GeneratorSampling}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class GeneratorSamplingBenchmark {

    /** Rows per operation. */
    public static final long ROWS = 1L << 20;

    /** Dimension d (= latent dimension). */
    @Param({"2", "4", "64"})
    public int d;

    private Generator generator;

    /** Builds the untrained float32 generator once per trial. */
    @Setup
    public void setUp() {
        generator = GeneratorBenchmark.benchmarkGenerator(d, 128, 1);
    }

    /**
     * Streams ROWS rows into the blackhole.
     *
     * @param bh JMH's sink
     * @throws IOException never (the sink does no I/O)
     */
    @Benchmark
    public void sample(Blackhole bh) throws IOException {
        generator.sample(ROWS, 3L, (rows, count) -> bh.consume(rows[count - 1][0]));
    }
}
