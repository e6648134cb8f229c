package io.github.dde4j.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The benchmarks' command lines: {@code --name value} options and {@code --name} switches. */
final class BenchArgs {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();

    /**
     * Parses {@code args}; an unknown name, or an option without its value, fails naming it and
     * listing the known ones.
     */
    BenchArgs(String[] args, Set<String> options, Set<String> switchNames) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (switchNames.contains(a)) {
                switches.add(a);
            } else if (options.contains(a) && i + 1 < args.length) {
                values.put(a, args[++i]);
            } else {
                Set<String> known = new TreeSet<>(options);
                known.addAll(switchNames);
                throw new IllegalArgumentException((options.contains(a) ? "no value after " : "unknown option ") + a
                        + "; known: " + String.join(" ", known));
            }
        }
    }

    boolean has(String name) {
        return switches.contains(name);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    long longInteger(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
    }

    double real(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    /** The path given for {@code name}, or null. */
    Path path(String name) {
        return values.containsKey(name) ? Path.of(values.get(name)) : null;
    }
}
