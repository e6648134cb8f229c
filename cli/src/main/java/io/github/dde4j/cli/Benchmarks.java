package io.github.dde4j.cli;

import io.github.dde4j.benchmarks.DdeBenchmark;
import io.github.dde4j.benchmarks.KdeBenchmark;

import java.util.List;
import java.util.Map;

/** Adapters from {@code dde4j bench} to the benchmarks module's programmatic benchmarks. */
final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * The benchmarks module's {@link DdeBenchmark} for each (width, batch): milliseconds per DDE training
     * step (d = 2, 2 hidden layers, float32, eight-Gaussians rows), median over {@code repeats}
     * blocks of {@code steps} steps after 20 warm-up steps, and inference throughput (log density
     * and score) in points per second.
     */
    static List<Map<String, Object>> dde(List<Integer> widths, List<Integer> batches, int steps, int repeats) {
        List<Integer> ws = widths == null || widths.isEmpty() ? List.of(64, 256) : widths;
        List<Integer> bs = batches == null || batches.isEmpty() ? List.of(256, 1024) : batches;
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int w : ws) {
            for (int b : bs) {
                DdeBenchmark.Settings s;
                try {
                    s = DdeBenchmark.Settings.of(w, b).withSteps(20, steps, repeats);
                } catch (IllegalArgumentException e) {
                    throw new UserException(e.getMessage());
                }
                DdeBenchmark.Result r = DdeBenchmark.run(s);
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("benchmark", "dde");
                row.put("d", s.dim());
                row.put("layers", s.depth());
                row.put("width", w);
                row.put("batch", b);
                row.put("steps", steps);
                row.put("repeats", repeats);
                row.put("ms_per_step", r.msPerStep());
                row.put("ms_per_step_min", r.msPerStepMin());
                row.put("ms_per_step_max", r.msPerStepMax());
                row.put("inference_points_per_second", r.inferencePointsPerSecond());
                row.put("threads", s.threads());
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
            var o = KdeBenchmark.Options.standardNormal(n, m, d, h, 0);
            o = new KdeBenchmark.Options(o.train(), o.queries(), h, repeats, 50, o.label());
            var r = KdeBenchmark.run(o);
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
