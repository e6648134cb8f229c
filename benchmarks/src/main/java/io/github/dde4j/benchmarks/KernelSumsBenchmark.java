package io.github.dde4j.benchmarks;

import io.github.dde4j.dde.internal.Blas;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import io.github.dde4j.kde.GaussianKde;
import java.util.SplittableRandom;
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
 * One batch of a DDE's low-variance targets: a Gaussian KDE over n reference rows (two clusters,
 * spread 0.3, at +-1 in every column), built and evaluated (log density and score) at 512 noisy
 * rows, with the kernel engine's k-d tree and with its dense path through OpenBLAS's dgemm
 * (docs/kde.md, "Exactness"). The DDE's training does this once per step.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar KernelSumsBenchmark
 *   java -jar benchmarks/target/benchmarks.jar KernelSumsBenchmark -p d=30 -p n=512
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class KernelSumsBenchmark {

    /** Columns. */
    @Param({"4", "12", "30"})
    public int d;

    /** Reference rows. */
    @Param({"512", "1024"})
    public int n;

    /** Bandwidth (a DDE's sigma in standardised units). */
    @Param({"0.33"})
    public double sigma;

    private double[][] reference;
    private double[][] queries;

    /** Draws the reference rows (two clusters) and the queries near them once per trial. */
    @Setup
    public void setUp() {
        Nd4jRuntime.ensureInitialized();
        SplittableRandom rnd = new SplittableRandom(1);
        reference = new double[n][d];
        for (double[] r : reference) {
            double centre = rnd.nextBoolean() ? 1 : -1;
            for (int j = 0; j < d; j++) {
                r[j] = centre + 0.3 * gaussian(rnd);
            }
        }
        queries = new double[512][d];
        for (int i = 0; i < queries.length; i++) {
            for (int j = 0; j < d; j++) {
                queries[i][j] = reference[i % n][j] + sigma * gaussian(rnd);
            }
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller: enough for benchmark data
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /**
     * Builds the estimator and evaluates log density and score on the k-d tree path.
     *
     * @return one score value (so the work is not optimised away)
     */
    @Benchmark
    public double tree() {
        return GaussianKde.of(reference, sigma).evaluate(queries).score()[0][0];
    }

    /**
     * Builds the estimator and evaluates log density and score on the dense path (BLAS dgemm).
     *
     * @return one score value (so the work is not optimised away)
     */
    @Benchmark
    public double dense() {
        return GaussianKde.builder(reference).bandwidth(sigma).matrixProduct(Blas.DGEMM).build().evaluate(queries)
                .score()[0][0];
    }
}
