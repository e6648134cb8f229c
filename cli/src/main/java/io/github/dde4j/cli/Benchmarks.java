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

    static List<Map<String, Object>> kde(Common common) {
        throw new UserException("bench kde is not available yet");
    }
}
