package io.github.dde4j.cli;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.MultivariateGaussian;

import java.util.ArrayList;
import java.util.List;

/** Row sources that do not come from a model file. */
final class RowSources {

    private RowSources() {
    }

    static List<String> names(int d) {
        List<String> n = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            n.add("x" + j);
        }
        return n;
    }

    /**
     * The source used by {@code bench sample}: the benchmarks module's generator
     * ({@link io.github.dde4j.benchmarks.GeneratorBenchmark#benchmarkGenerator}, untrained, float32).
     */
    static RowSource benchmarkGenerator(int d, int width, long seed) {
        io.github.dde4j.dde.nn.Nd4jRuntime.ensureInitialized();
        var g = io.github.dde4j.benchmarks.GeneratorBenchmark.benchmarkGenerator(d, width, seed);
        return new RowSource.FromStart(names(d), "generator MLP " + d + "-" + width + "-" + width + "-" + d
                + " (float32, untrained)", (n, s, batch, sink) -> g.sample(n, s, sink, batch));
    }

    /** Standard normal rows: a baseline for the writer alone. */
    static RowSource gaussian(int d) {
        MultivariateGaussian g = MultivariateGaussian.standard(d);
        return new RowSource.FromStart(names(d), "standard normal (writer only)", (n, seed, batch, sink) -> {
            var rng = RandomSources.seeded(seed);
            for (long done = 0; done < n; ) {
                int b = (int) Math.min(batch, n - done);
                double[][] rows = g.sample(b, rng);
                sink.accept(rows, b);
                done += b;
            }
        });
    }
}
