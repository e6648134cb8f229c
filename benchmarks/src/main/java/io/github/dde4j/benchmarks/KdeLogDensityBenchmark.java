package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.kde.GaussianKde;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
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
 * Exact Gaussian KDE log density of M = 10,000 standard-normal queries against N = 10,000 and
 * 100,000 standard-normal training points in d = 2 and 10, bandwidth 0.1 (the setting of
 * {@code benchmarks/kde-side-by-side.sh}). {@code fitAndEvaluate} includes building the index, as
 * the peers' timings do; {@code evaluate} reuses a fitted estimator. Uses every processor.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar KdeLogDensityBenchmark
 *   java -jar benchmarks/target/benchmarks.jar KdeLogDensityBenchmark -p n=100000 -p d=2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class KdeLogDensityBenchmark {

    /** Training points N. */
    @Param({"10000", "100000"})
    public int n;

    /** Dimension d. */
    @Param({"2", "10"})
    public int d;

    /** Queries M. */
    @Param({"10000"})
    public int m;

    /** Isotropic bandwidth h. */
    @Param({"0.1"})
    public double bandwidth;

    /** Seed of the standard-normal data. */
    @Param({"0"})
    public long seed;

    private double[][] train;
    private double[][] queries;
    private GaussianKde fitted;

    /** Draws the data and fits the estimator once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        train = BenchData.standardNormal(rng, n, d);
        queries = BenchData.standardNormal(rng, m, d);
        fitted = GaussianKde.of(train, bandwidth);
    }

    /**
     * Builds the index and evaluates the queries.
     *
     * @return the log densities
     */
    @Benchmark
    public double[] fitAndEvaluate() {
        return GaussianKde.of(train, bandwidth).logDensity(queries);
    }

    /**
     * Evaluates the queries with the estimator fitted in setUp.
     *
     * @return the log densities
     */
    @Benchmark
    public double[] evaluate() {
        return fitted.logDensity(queries);
    }
}
