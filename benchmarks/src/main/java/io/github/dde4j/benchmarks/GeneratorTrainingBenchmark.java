package io.github.dde4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generator training: one operation is 20 generator steps (default multi-scale objective, qModel
 * KDE, batch 512, hidden 128 x 3) against a closed-form Gaussian target of dimension d, so the
 * time is the generator's own work. steps/s = 20 / (seconds per op).
 * {@code java -jar benchmarks/target/benchmarks.jar GeneratorTraining}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class GeneratorTrainingBenchmark {

    /** Dimension d of the target and the generator. */
    @Param({"2", "64"})
    public int d;

    /**
     * Twenty generator training steps.
     *
     * @return steps per second (so the work is not optimised away)
     */
    @Benchmark
    public double twentySteps() {
        return GeneratorBenchmark.training(d, 128, 512, 20).stepsPerSecond();
    }
}
