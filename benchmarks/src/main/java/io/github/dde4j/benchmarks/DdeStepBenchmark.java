package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.DdeTraining;
import io.github.dde4j.dde.Objective;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One DDE training step (forward, score, second backward pass, Adam) in the set-up of the PyTorch
 * reference of {@code benchmarks/dde-side-by-side.sh}: d = 2, 2 hidden softplus layers, float32, denoising loss at
 * sigma 0.1, eight-Gaussian data, {@code threads} threads. Compare with
 * {@code benchmarks/dde-side-by-side.sh}, which runs {@code DdeBenchmark} and PyTorch in one go.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar DdeStepBenchmark
 *   java -jar benchmarks/target/benchmarks.jar DdeStepBenchmark -p width=256 -p batch=1024
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DdeStepBenchmark {

    /** Hidden width. */
    @Param({"64", "256"})
    public int width;

    /** Rows per training step. */
    @Param({"256", "1024"})
    public int batch;

    /** ND4J/BLAS threads. */
    @Param({"2"})
    public int threads;

    private DdeTraining run;

    /** Builds the training run (eight-Gaussian data, denoising objective) once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        Nd4jRuntime.ensureInitialized();
        double[][] data = EightGaussians.standard().sample(100_000, RandomSources.seeded(0));
        DdeConfig cfg = DdeConfig.builder().hidden(2, width).objective(Objective.DENOISING).sigma(0.1)
                .batchSize(batch).steps(Long.MAX_VALUE / 2).learningRate(1e-3)
                .schedule(LearningRateSchedule.constant()).standardize(false).threads(threads)
                // no early stop: a stopped run's step does nothing, which JMH would time as a nanosecond
                .earlyStopping(null).build();
        run = new DdeTrainer(cfg).start(data);
    }

    /**
     * One optimiser step.
     *
     * @return the step's loss (so the work is not optimised away)
     */
    @Benchmark
    public double step() {
        run.runSteps(1, null);
        return run.lastLoss();
    }
}
