package io.github.dde4j.cli;

import io.github.dde4j.core.Density;
import io.github.dde4j.dde.normalize.LogZEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dde4j evaluate}: a model against held-out rows. The average log-likelihood uses the
 * normalised DDE, log p(x) = f(x) - log Z; its standard error combines the spread over rows,
 * sd(log p(x_i)) / sqrt(n), with the standard error of log Z (which shifts every row alike):
 * se = sqrt(sd^2 / n + se(log Z)^2). Sample quality compares generated rows (the generator, or
 * Langevin sampling) with the held-out rows ({@link Quality}).
 */
@Command(name = "evaluate", description = {"Evaluate a model on held-out rows: normalised average log-likelihood "
        + "(nats per row, with its standard error) and two-sample quality of generated rows "
        + "(MMD, energy distance, per-column marginal distances, correlation difference)."})
final class EvaluateCommand extends Subcommand {

    @Mixin
    ModelOption model;

    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "Held-out rows (CSV with the model's columns).")
    Path data;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--generated-rows", paramLabel = "N", defaultValue = "2000",
            description = "Generated rows compared with the data (default ${DEFAULT-VALUE}).")
    int generatedRows;

    @Mixin
    GeneratedRowsSeed seed;

    @Option(names = "--no-quality", description = "Skip the two-sample quality metrics (no sampling).")
    boolean noQuality;

    @Override
    public Integer call() throws Exception {
        UserException.requireAtLeast("--generated-rows", generatedRows, 2);
        Inputs.requireFile(model.path);
        Inputs.requireFile(data);
        Models.Loaded m = Models.load(model.path);
        if (!noQuality) {
            Models.requireHeapFor("--generated-rows", generatedRows, m.columns().size());
        }
        double[][] rows = m.encoder() != null ? Tables.encode(m.encoder(), data) : Inputs.read(data, m.columns()).rows();
        if (rows.length < 2) {
            throw new UserException(data + " has 1 data row; evaluate needs at least 2 rows (for the standard error "
                    + "and the two-sample comparison)");
        }
        Map<String, Object> r = evaluate(m, rows, generatedRows, seed.value, !noQuality, common);
        r.put("model", model.path.toString());
        r.put("data", data.toString());
        PrintWriter out = messages();
        out.println(json ? Json.line(r) : human(r, m));
        out.flush();
        return 0;
    }

    /** The metrics as a map (JSON keys). */
    static Map<String, Object> evaluate(Models.Loaded m, double[][] rows, int generated, long seed, boolean quality,
                                        Common common) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", rows.length);
        r.put("columns", m.columns());
        // the DDE's noise level in standardised units, and what drove the generator ("dde" or "data";
        // model files written before the DDE-driven generator trained theirs on the data's KDE)
        if (m.contents.dde() != null) {
            r.put("sigma", m.contents.dde().sigma());
        }
        if (m.contents.generator() != null) {
            r.put("generator_target", String.valueOf(m.contents.info().getOrDefault("generator_target", "data")));
        }
        Optional<Density> density = m.density();
        if (density.isPresent()) {
            long t0 = System.nanoTime();
            double[] ld = density.get().logDensity(rows);
            double mean = 0;
            for (double v : ld) {
                mean += v / ld.length;
            }
            double ss = 0;
            for (double v : ld) {
                ss += (v - mean) * (v - mean);
            }
            double sdRows = ld.length > 1 ? Math.sqrt(ss / (ld.length - 1)) : Double.NaN;
            double seRows = sdRows / Math.sqrt(ld.length);
            LogZEstimate z = m.contents.logZ();
            r.put("log_likelihood", mean);
            if (m.encoder() != null) {
                // a density over the encoded rows (docs/tables.md), not over the table's own units
                r.put("log_likelihood_units", "encoded");
            }
            r.put("log_likelihood_se", standardError(seRows, z));
            r.put("log_likelihood_se_rows", seRows);
            r.put("log_z", z.logZ());
            r.put("log_z_se", z.standardError());
            r.put("log_z_method", z.method());
            r.put("log_likelihood_seconds", (System.nanoTime() - t0) / 1e9);
        }
        if (quality) {
            long t0 = System.nanoTime();
            RowSource src = m.rowSource(null, false, common);
            double[][] gen = src.draw(generated, seed);
            r.put("sampler", src.description());
            r.put("generated_rows", generated);
            r.putAll(Quality.compare(rows, gen, m.columns(), seed));
            r.put("quality_seconds", (System.nanoTime() - t0) / 1e9);
        }
        return r;
    }

    /**
     * The standard error of the average log-likelihood: the rows' {@code seRows} combined with log
     * Z's, which shifts every row alike.
     */
    static double standardError(double seRows, LogZEstimate z) {
        return Math.sqrt(seRows * seRows + z.standardError() * z.standardError());
    }

    @SuppressWarnings("unchecked")
    private static String human(Map<String, Object> r, Models.Loaded m) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "model %s on %s (%d rows, columns %s)%n", r.get("model"), r.get("data"),
                (Integer) r.get("rows"), String.join(", ", m.columns())));
        if (r.containsKey("log_likelihood")) {
            b.append(String.format(Locale.ROOT, "  average log-likelihood  %.4f +- %.4f nats per row%s (log Z %.4f +- %.4f, %s)%n",
                    (Double) r.get("log_likelihood"), (Double) r.get("log_likelihood_se"),
                    r.containsKey("log_likelihood_units") ? " of the encoded rows" : "", (Double) r.get("log_z"),
                    (Double) r.get("log_z_se"), r.get("log_z_method")));
        }
        if (r.containsKey("mmd2")) {
            b.append(String.format(Locale.ROOT, "  generated rows          %d by %s%n", (Integer) r.get("generated_rows"), r.get("sampler")));
            b.append(String.format(Locale.ROOT, "  MMD^2                   %.5f (bandwidth %.3g, standardised columns)%n",
                    (Double) r.get("mmd2"), (Double) r.get("mmd_bandwidth")));
            b.append(String.format(Locale.ROOT, "  energy distance         %.5f%n", (Double) r.get("energy_distance")));
            b.append(String.format(Locale.ROOT, "  sliced W1               %.5f%n", (Double) r.get("sliced_w1")));
            b.append(String.format(Locale.ROOT, "  correlation difference  %.4f (Frobenius), %.4f (max abs)%n",
                    (Double) r.get("correlation_frobenius"), (Double) r.get("correlation_max_abs")));
            b.append("  per column              W1 (column units)  W1/sd   KS\n");
            Map<String, Map<String, Object>> marg = (Map<String, Map<String, Object>>) r.get("marginals");
            marg.forEach((col, v) -> b.append(String.format(Locale.ROOT, "    %-20s  %12.5g  %7.4f  %6.4f%n", col,
                    (Double) v.get("w1"), (Double) v.get("w1_over_sd"), (Double) v.get("ks"))));
        }
        return b.toString().stripTrailing();
    }
}
