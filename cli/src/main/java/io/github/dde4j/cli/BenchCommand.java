package io.github.dde4j.cli;

import io.github.dde4j.benchmarks.GeneratorBenchmark;
import io.github.dde4j.core.data.CsvWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in benchmarks. {@code bench sample} measures what {@code dde4j sample} does: rows from
 * a small generator (d = 4) streamed to a CSV file, in rows per second. {@code bench dde} and
 * {@code bench kde} run the benchmarks module's programmatic benchmarks.
 */
@Command(name = "bench", description = {"Run a built-in benchmark: dde (ms per training step), kde "
        + "(exact log density), sample (CSV rows per second from a d=4 generator).",
        "With --json, one JSON line per case."})
final class BenchCommand extends Subcommand {

    enum What { dde, kde, sample }

    @Parameters(index = "0", paramLabel = "dde|kde|sample", description = "Which benchmark: ${COMPLETION-CANDIDATES}.")
    What what;

    @Option(names = "--width", split = ",", paramLabel = "W", description = "Hidden width(s) of the networks (dde: default 64,256; sample: default 64).")
    List<Integer> widths;

    @Option(names = "--batch", split = ",", paramLabel = "B", description = "Batch size(s) (dde: default 256,1024; sample: rows per generated batch, default 8192).")
    List<Integer> batches;

    @Option(names = "--rows", paramLabel = "N", description = "sample: rows to write (default ${DEFAULT-VALUE}).", defaultValue = "5000000")
    long rows;

    @Option(names = "--dim", paramLabel = "D", description = "sample: dimension of the rows (default ${DEFAULT-VALUE}).", defaultValue = "4")
    int dim;

    @Option(names = "--digits", paramLabel = "K", description = "sample: significant digits per cell (default ${DEFAULT-VALUE}).", defaultValue = "7")
    int digits;

    @Option(names = "--repeats", paramLabel = "R", description = "Timed repetitions after one warm-up (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int repeats;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000", description = "kde: training points (default ${DEFAULT-VALUE}).")
    int kdeN;

    @Option(names = "--m", paramLabel = "M", defaultValue = "10000", description = "kde: query points (default ${DEFAULT-VALUE}).")
    int kdeM;

    @Option(names = "--dims", split = ",", paramLabel = "D", description = "kde: dimensions (default 2,10).")
    List<Integer> kdeDims;

    @Option(names = "--bandwidth", paramLabel = "H", defaultValue = "0.1", description = "kde: bandwidth (default ${DEFAULT-VALUE}).")
    double kdeBandwidth;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "200", description = "dde: timed training steps per block (default ${DEFAULT-VALUE}; --repeats blocks, median reported).")
    int ddeSteps;

    @Option(names = "--json", description = "One JSON line per case.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = messages();
        List<Map<String, Object>> results = switch (what) {
            case sample -> benchSample();
            case dde -> Benchmarks.dde(widths, batches, ddeSteps, repeats);
            case kde -> Benchmarks.kde(kdeN, kdeM, kdeDims == null ? List.of(2, 10) : kdeDims, kdeBandwidth, repeats);
        };
        for (Map<String, Object> r : results) {
            out.println(json ? Json.line(r) : human(r));
        }
        out.flush();
        return 0;
    }

    private static String human(Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        r.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append("  ");
            }
            b.append(k).append('=').append(v instanceof Double x ? String.format(Locale.ROOT, "%.4g", x) : v);
        });
        return b.toString();
    }

    private List<Map<String, Object>> benchSample() throws IOException {
        if (rows < 1 || dim < 1 || repeats < 1) {
            throw new UserException("--rows, --dim and --repeats must be >= 1");
        }
        int width = widths == null || widths.isEmpty() ? 64 : widths.get(0);
        int batch = batches == null || batches.isEmpty() ? 8192 : batches.get(0);
        RowSource source = RowSources.benchmarkGenerator(dim, width, 42L);
        Path dir = Files.createTempDirectory("dde4j-bench");
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            Path file = dir.resolve("rows.csv");
            runOnce(source, Math.min(rows, 500_000), batch, file); // warm-up: JIT and native libraries
            double best = Double.POSITIVE_INFINITY;
            long bytes = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                runOnce(source, rows, batch, file);
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.min(best, s);
                bytes = Files.size(file);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "sample");
            m.put("source", source.description());
            m.put("d", dim);
            m.put("width", width);
            m.put("batch", batch);
            m.put("rows", rows);
            m.put("digits", digits);
            m.put("threads", Runtime.getRuntime().availableProcessors());
            m.put("seconds", best);
            m.put("rows_per_second", rows / best);
            m.put("mb_per_second", bytes / best / 1e6);
            // where the time goes: the generator alone (the benchmarks module's generator case, rows summed
            // and discarded, its default batch) and the CSV writer alone
            long n2 = Math.min(rows, 2_000_000);
            m.put("generator_only_rows_per_second", GeneratorBenchmark.sampling(dim, width, n2).rowsPerSecond());
            double[][] pre = new double[batch][];
            source.stream(batch, 9L, batch, (r, c) -> {
                for (int i = 0; i < c; i++) {
                    pre[i] = r[i].clone();
                }
            });
            long w0 = System.nanoTime();
            try (CsvWriter w = new CsvWriter(java.nio.file.Files.newOutputStream(file), digits)) {
                for (long done = 0; done < n2; done += batch) {
                    w.accept(pre, (int) Math.min(batch, n2 - done));
                }
            }
            m.put("writer_only_rows_per_second", n2 / ((System.nanoTime() - w0) / 1e9));
            out.add(m);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return out;
    }

    private void runOnce(RowSource source, long n, int batch, Path file) throws IOException {
        CsvWriter.write(file, digits, w -> SampleCommand.writeRows(source, n, 7L, batch, w));
    }
}
