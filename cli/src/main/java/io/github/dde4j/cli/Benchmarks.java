package io.github.dde4j.cli;

import java.util.List;
import java.util.Map;

/** Adapters to the modules' benchmarks. */
final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * Milliseconds per DDE training step for each (width, batch): 2 hidden layers, d = 2, float32,
     * on 4096 eight-Gaussians rows (the low-variance objective with the whole set as reference is
     * part of the step); then inference throughput (log density and score) in points per second.
     */
    static List<Map<String, Object>> dde(List<Integer> widths, List<Integer> batches, int steps) {
        List<Integer> ws = widths == null || widths.isEmpty() ? List.of(64, 256) : widths;
        List<Integer> bs = batches == null || batches.isEmpty() ? List.of(256, 1024) : batches;
        double[][] data = io.github.dde4j.core.toy.EightGaussians.standard().sample(4096, io.github.dde4j.core.RandomSources.seeded(1));
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int w : ws) {
            for (int b : bs) {
                io.github.dde4j.dde.DdeConfig cfg = io.github.dde4j.dde.DdeConfig.builder().hidden(2, w).batchSize(b)
                        .steps(steps + 20L).seed(1).build();
                io.github.dde4j.dde.DdeTraining run = new io.github.dde4j.dde.DdeTrainer(cfg).start(data);
                run.runSteps(20, null); // warm-up: JIT, native libraries, workspaces
                long t0 = System.nanoTime();
                run.runSteps(steps, null);
                double ms = (System.nanoTime() - t0) / 1e6 / steps;
                io.github.dde4j.dde.Dde dde = run.result();
                int m = 65536;
                double[][] q = io.github.dde4j.core.toy.EightGaussians.standard().sample(m, io.github.dde4j.core.RandomSources.seeded(2));
                double[] ld = new double[m];
                double[][] sc = new double[m][2];
                dde.evaluate(q, ld, sc);
                long t1 = System.nanoTime();
                dde.evaluate(q, ld, sc);
                double inf = m / ((System.nanoTime() - t1) / 1e9);
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("benchmark", "dde");
                row.put("d", 2);
                row.put("layers", 2);
                row.put("width", w);
                row.put("batch", b);
                row.put("steps", steps);
                row.put("ms_per_step", ms);
                row.put("inference_points_per_second", inf);
                row.put("threads", io.github.dde4j.dde.nn.Nd4jRuntime.threads());
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Exact KDE log density of m standard-normal queries against n standard-normal training points
     * at bandwidth h, for each dimension; the accuracy against brute force is part of the result.
     */
    static List<Map<String, Object>> kde(int n, int m, List<Integer> dims, double h, int repeats) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int d : dims) {
            var o = io.github.dde4j.kde.bench.KdeBenchmark.Options.standardNormal(n, m, d, h, 0);
            o = new io.github.dde4j.kde.bench.KdeBenchmark.Options(o.train(), o.queries(), h, repeats, 50, o.label());
            var r = io.github.dde4j.kde.bench.KdeBenchmark.run(o);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("benchmark", "kde");
            row.put("n", r.n());
            row.put("m", r.m());
            row.put("d", r.d());
            row.put("bandwidth", r.bandwidth());
            row.put("seconds", r.seconds());
            row.put("cold_seconds", r.coldSeconds());
            row.put("queries_per_second", r.m() / r.seconds());
            row.put("max_rel_error", r.maxRelativeError());
            row.put("threads", r.threads());
            out.add(row);
        }
        return out;
    }
}
