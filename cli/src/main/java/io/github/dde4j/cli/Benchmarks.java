package io.github.dde4j.cli;

import java.util.List;
import java.util.Map;

/** Adapters to the modules' benchmarks. */
final class Benchmarks {

    private Benchmarks() {
    }

    static List<Map<String, Object>> dde(List<Integer> widths, List<Integer> batches, Common common) {
        throw new UserException("bench dde is not available yet");
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
