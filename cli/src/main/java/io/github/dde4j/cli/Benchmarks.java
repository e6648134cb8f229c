package io.github.dde4j.cli;

import io.github.dde4j.benchmarks.DdeBenchmark;
import io.github.dde4j.benchmarks.KdeBenchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        List<Map<String, Object>> out = new ArrayList<>();
        for (int w : ws) {
            for (int b : bs) {
                DdeBenchmark.Settings s;
                try {
                    s = DdeBenchmark.Settings.of(w, b).withSteps(20, steps, repeats);
                } catch (IllegalArgumentException e) {
                    throw new UserException(e.getMessage());
                }
                DdeBenchmark.Result r = DdeBenchmark.run(s);
                out.add(row("benchmark", "dde", "d", s.dim(), "layers", s.depth(), "width", w,
                        "batch", b, "steps", steps, "repeats", repeats, "ms_per_step", r.msPerStep(),
                        "ms_per_step_min", r.msPerStepMin(), "ms_per_step_max", r.msPerStepMax(),
                        "inference_points_per_second", r.inferencePointsPerSecond(), "threads", s.threads()));
            }
        }
        return out;
    }

    /**
     * Exact KDE log density of m standard-normal queries against n standard-normal training points
     * at bandwidth h, for each dimension; the accuracy against the unpruned sum is part of the result.
     */
    static List<Map<String, Object>> kde(int n, int m, List<Integer> dims, double h, int repeats) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int d : dims) {
            var o = KdeBenchmark.Options.standardNormal(n, m, d, h, 0);
            o = new KdeBenchmark.Options(o.train(), o.queries(), h, repeats, 50, o.label());
            var r = KdeBenchmark.run(o);
            out.add(row("benchmark", "kde", "n", r.n(), "m", r.m(), "d", r.d(), "bandwidth", r.bandwidth(),
                    "seconds", r.seconds(), "cold_seconds", r.coldSeconds(), "queries_per_second", r.m() / r.seconds(),
                    "max_rel_error", r.maxRelativeError(), "threads", r.threads()));
        }
        return out;
    }

    /** An ordered row from alternating names and values. */
    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
