package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import io.github.dde4j.dde.normalize.LogZEstimate;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.FitCheckpoint;
import io.github.dde4j.generator.GeneratorCheckpoint;
import io.github.dde4j.generator.GeneratorConfig;
import io.github.dde4j.generator.GeneratorTarget;
import io.github.dde4j.generator.GeneratorTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
 * {@code dde4j fit}: trains a DDE on a CSV file (and with {@code --generator} a generator), and
 * writes one model file. Training checkpoints go to {@code M.zip.ckpt}; a run that was killed
 * resumes from there when started again with the same data and settings.
 */
@Command(name = "fit", description = {"Train a DDE (and with --generator a generator) on a CSV file: numbers, or a typed table (text"
        + " categories, integers, dates, identifiers, empty cells; see docs/tables.md).",
        "Hyperparameters come from flags or a JSON/YAML file (--config); --data and --out suffice."})
final class FitCommand extends Subcommand {

    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "Training data (CSV with a header row).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "M.zip", description = "Model file to write.")
    Path out;

    @Option(names = "--sigma", paramLabel = "S|auto",
            description = "Noise level of the DDE in standardised (for typed tables: encoded) units, or auto (default): the"
                    + " leave-one-out bandwidth of the exact KDE of the training rows.")
    String sigma;

    @Option(names = "--metadata", paramLabel = "M.json|M.yaml",
            description = "Column types, categories, date formats, bounds and missing-value tokens (see docs/tables.md);"
                    + " the data is then read as a typed table.")
    Path metadata;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 0).")
    Long seed;

    @Option(names = "--generator", description = "Also train a generator (fast sampling with 'dde4j sample').")
    Boolean generator;

    @Option(names = "--generator-target", paramLabel = "dde|data",
            description = "What the generator learns from: the fitted DDE (default; DDEs of the rows at the generator's"
                    + " coarser noise levels are fitted with it) or the KDE of the rows (data).")
    String generatorTarget;

    @Option(names = "--budget", paramLabel = "SECONDS",
            description = "Time budget for training (DDE and generator): schedules are sized to fit it, and a run"
                    + " still improving when it runs out stops and says so. Default: no budget.")
    Double budget;

    @Option(names = "--columns", split = ",", paramLabel = "a,b", description = "Columns to use (default: all).")
    List<String> columns;

    @Option(names = "--config", paramLabel = "cfg.json|yaml",
            description = "Settings file: columns, sigma, seed, steps, generator_steps, generator (true or an object of generator settings), dde (an object of DDE settings).")
    Path config;

    @Option(names = "--steps", paramLabel = "N", description = "DDE training steps at most (default 6000; the validation plateau usually stops the DDE well before).")
    Integer steps;

    @Option(names = "--generator-steps", paramLabel = "N", description = "Generator training steps.")
    Integer generatorSteps;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "200",
            description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Resume from M.zip.ckpt when it matches this job (default); --no-resume starts over.")
    boolean resume;

    /** Testing aid: fail after this many training steps, as if the job had been killed. */
    @Option(names = "--interrupt-after-steps", hidden = true, paramLabel = "N")
    Long interruptAfterSteps;

    /** The generator's level DDEs, fitted on a second thread while the data DDE is (null when not needed). */
    private io.github.dde4j.generator.DataDdeLevels levelsAhead;

    @Override
    public Integer call() throws Exception {
        try {
            return fit();
        } finally {
            if (levelsAhead != null) {
                levelsAhead.close(); // a failed or interrupted job must not leave the fits running
            }
        }
    }

    private int fit() throws Exception {
        PrintWriter msg = messages();
        JsonNode cfg = readConfig(config);
        FitChecks.beforeWork(this, cfg); // settings, output, lock, checkpoint: refused before any work
        List<String> cols = columns != null ? columns : listOf(cfg.get("columns"));
        long sd = seed != null ? seed : cfg.path("seed").asLong(0);
        String sigmaText = sigma != null ? sigma : (cfg.hasNonNull("sigma") ? cfg.get("sigma").asText() : "auto");
        Double sg = NoiseLevel.parse(sigmaText);
        Integer st = steps != null ? steps : (cfg.hasNonNull("steps") ? cfg.get("steps").asInt() : null);
        boolean withGen = generator != null ? generator : (cfg.path("generator").isObject() || cfg.path("generator").asBoolean(false));
        String chosenTarget = generatorTarget != null ? generatorTarget
                : (cfg.hasNonNull("generator_target") ? cfg.get("generator_target").asText() : null);
        if (chosenTarget != null && !chosenTarget.equals("dde") && !chosenTarget.equals("data")) {
            throw new UserException("--generator-target must be dde or data, got '" + chosenTarget + "'");
        }
        Double budgetSeconds = budget != null ? budget : (cfg.hasNonNull("budget") ? cfg.get("budget").asDouble() : null);
        if (budgetSeconds != null && !(budgetSeconds > 0 && budgetSeconds < 1e9)) {
            throw new UserException("--budget must be a number of seconds > 0, got " + budgetSeconds);
        }
        if (sg != null && !(sg > 0 && sg < Double.POSITIVE_INFINITY)) {
            throw new UserException("sigma must be finite and > 0, got " + sg);
        }
        if (st != null && st < 1) {
            throw new UserException("steps must be >= 1, got " + st);
        }
        UserException.requireAtLeast("--checkpoint-every", checkpointEvery, 1);
        Inputs.requireFile(data);
        if (metadata != null) {
            Inputs.requireFile(metadata);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserException("output folder does not exist: " + parent);
        }

        long t0 = System.nanoTime();
        // all-numeric files keep the numeric path; text, dates or empty cells (or --metadata) make a typed table
        Tables.Typed typed = metadata != null ? Tables.read(data, cols, metadata) : null;
        Inputs.Table table;
        if (typed == null) {
            try {
                table = Inputs.readForFit(data, cols);
            } catch (io.github.dde4j.core.data.CsvFormatException e) {
                if (e.row() == 0 || e.column() == null) {
                    throw e;
                }
                typed = Tables.read(data, cols, null);
                table = null;
            }
        } else {
            table = null;
        }
        if (typed != null) {
            // dequantised encoding (docs/tables.md), seeded from --seed
            table = new Inputs.Table(typed.encoder().encodedNames(),
                    typed.encoder().encode(typed.text(), io.github.dde4j.core.RandomSources.stream(sd, 7)));
        }
        String genTarget = chosenTarget != null ? chosenTarget : "dde";
        double[][] rows = table.rows();
        if (rows.length < 10) {
            throw new UserException(data + " has " + rows.length + " data rows; at least 10 are needed to fit a model");
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = budgetSeconds == null ? Long.MAX_VALUE : t0 + (long) (budgetSeconds * 1e9);
        // rows held out from training for the convergence figures (energy distance, log-likelihood)
        double[][] heldOut = null;
        double[][] all = rows;
        io.github.dde4j.core.data.Split<double[][]> split = null;
        if (rows.length >= HOLD_OUT_MIN_ROWS) {
            split = io.github.dde4j.core.data.Splits.trainTest(rows, HOLD_OUT_FRACTION, sd);
            rows = split.train();
            heldOut = split.test();
        }
        if (!common.quiet) {
            if (typed == null) {
                msg.printf(Locale.ROOT, "read %d rows x %d columns (%s) in %.1f s%n", rows.length, table.dimension(),
                        String.join(", ", table.columns()), readSeconds);
            } else {
                msg.printf(Locale.ROOT, "read %d rows x %d columns in %.1f s: a typed table, encoded in %d dimensions%n",
                        rows.length, typed.schema().columns().size(), readSeconds, table.dimension());
                Tables.describe(typed.encoder()).forEach(msg::println);
            }
            msg.flush();
        }

        Map<String, Object> ddeCfg = cfg.hasNonNull("dde") ? Json.MAPPER.convertValue(cfg.get("dde"), Map.class) : Map.of();
        if (typed != null && !ddeCfg.containsKey("standardize")) {
            // the encoded rows are standardised already; the DDE keeps them as they are, so sigma is in encoded units
            ddeCfg = new LinkedHashMap<>(ddeCfg);
            ddeCfg.put("standardize", false);
        }
        NoiseLevel noise = NoiseLevel.choose(sg, ddeCfg, rows, DdeSupport.config(new DdeSupport.Settings(ddeCfg, sg, st, sd)));
        if (!common.quiet) {
            msg.println(noise.line(typed != null));
            msg.flush();
        }
        DdeSupport.Settings settings = new DdeSupport.Settings(ddeCfg, noise.sigma(), st, sd);
        GeneratorConfig genCfg = withGen ? generatorConfig(cfg, sd) : null;
        if (budgetSeconds != null) {
            // the DDE's schedule is sized to its share of the budget (a trial run measures the step rate)
            double ddeShare = (withGen ? DDE_BUDGET_SHARE : 0.9) * budgetSeconds;
            io.github.dde4j.dde.DdeConfig planned = DdeSupport.config(settings);
            long scheduled = planned.totalSteps(rows.length);
            double[][] trialRows = rows;
            long fits = Schedules.stepsWithin(ddeShare, scheduled, scheduled / 8,
                    l -> new io.github.dde4j.dde.DdeTrainer(planned).start(trialRows).run(l));
            settings = new DdeSupport.Settings(settings.config(), settings.sigma(), (int) fits, settings.seed());
        }

        Path ckpt = Checkpoints.pathFor(out);
        String fingerprint = fingerprint(table, settings, genCfg, genTarget);
        FitCheckpoint found = resume ? Checkpoints.read(ckpt, fingerprint) : null;
        if (found != null && !common.quiet) {
            msg.println("resuming from checkpoint " + ckpt);
            msg.flush();
        }
        Checkpoints.Slot state = new Checkpoints.Slot(ckpt, found != null ? found : FitCheckpoint.start(fingerprint));
        TrainingListener listener = common.progress();
        if (interruptAfterSteps != null) {
            long[] seen = {0};
            listener = listener.andThen(e -> {
                if (e instanceof io.github.dde4j.core.progress.TrainingEvent.Step && ++seen[0] >= interruptAfterSteps) {
                    throw new UserException("interrupted after " + seen[0] + " training steps (--interrupt-after-steps)");
                }
            });
        }

        ConvergenceReport ddeReport = new ConvergenceReport("dde");
        // the generator's level DDEs need only the rows: fitted on a second thread while f_p is
        io.github.dde4j.dde.DdeConfig ddeConfig = DdeSupport.config(settings);
        levelsAhead = genCfg != null && genTarget.equals("dde") && ddeConfig.sigma().isFixed()
                ? io.github.dde4j.generator.DataDdeLevels.fitInBackground(rows, ddeConfig.standardizer(rows),
                        atSigma(genCfg, ddeConfig.sigma().start()))
                : null;
        Dde dde;
        double ddeSeconds;
        if (state.current().fittedDde().isPresent()) {
            // the normalised DDE in the dde module's own file format (log Z included)
            dde = state.current().fittedDde().get();
            ddeSeconds = state.current().ddeSeconds();
        } else {
            DdeSupport.Fitted f;
            try (Nd4jRuntime.SharedThreads alongside = levelsAhead != null ? levelsAhead.alongside() : () -> { }) {
                f = DdeSupport.fit(rows, settings, listener.andThen(ddeReport)
                        .andThen(Schedules.deadline(deadline)), state, checkpointEvery);
            }
            dde = f.dde();
            ddeSeconds = f.seconds();
            Dde fitted = dde;
            state.update(c -> c.withFittedDde(fitted, ddeSeconds));
        }
        LogZEstimate logZ = dde.logZ().orElseThrow();
        if (!common.quiet) {
            String held = heldOut == null ? "" : String.format(Locale.ROOT, "; held-out log-likelihood %.4f nats/row",
                    mean(dde.logDensity(heldOut)));
            // a DDE that ran its whole schedule ended with its learning rate decayed to 0: a normal end
            msg.println(ddeReport.line("DDE", ddeSeconds, Map.of("train_loss_ema", "training loss"),
                    ddeReport.outcome().equals("budget") ? "for a closer fit give it more time (--budget)" : "") + String.format(Locale.ROOT,
                    "; log Z = %.4f +- %.4f (%s)", logZ.logZ(), logZ.standardError(), logZ.method()) + held);
            msg.flush();
        }

        Generator gen = null;
        double genSeconds = 0;
        if (genCfg != null) {
            long g0 = System.nanoTime();
            ConvergenceReport genReport = new ConvergenceReport(GeneratorTrainer.PHASE);
            gen = trainGenerator(rows, heldOut, genCfg, genTarget, dde, listener.andThen(genReport), state,
                    deadline);
            genSeconds = (System.nanoTime() - g0) / 1e9;
            if (!common.quiet) {
                Map<String, String> figures = new LinkedHashMap<>();
                figures.put("energy", heldOut != null ? "energy distance to held-out rows" : "energy distance to training rows");
                // what a perfect generator would score: the yardstick for the figure before it
                figures.put("energy_floor", "the smoothed training rows'");
                figures.put("mmd2", "MMD^2");
                figures.put("kl", "KL estimate");
                msg.println(genReport.line("generator (target: " + genTarget + ")", genSeconds, figures,
                        budgetSeconds != null ? "give it more time (--budget)" : "allow more steps (--generator-steps)"));
                msg.flush();
            }
        }
        if (typed != null && gen != null) {
            typed = Tables.calibrate(typed, gen, sd, common.quiet ? null : msg);
        } else if (typed != null && !common.quiet && Tables.needsCalibration(typed)) {
            msg.println("note: without a generator 'dde4j sample' decodes Langevin rows by the largest label and missing"
                    + " above one half, so rare labels and missing cells come out too rarely; --generator calibrates them"
                    + " (docs/tables.md)");
        }
        Map<String, Object> quality = null;
        if (typed != null && gen != null) {
            quality = TableQuality.ofGenerator(typed, split, gen, sd);
            if (!common.quiet) {
                msg.println(TableQuality.line(quality));
                msg.flush();
            }
        }

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("data_file", data.getFileName().toString());
        info.put("rows", all.length);
        info.put("training_rows", rows.length);
        info.put("held_out_rows", heldOut == null ? 0 : heldOut.length);
        info.put("sigma", dde.sigma());
        info.put("sigma_rule", noise.rule());
        if (quality != null) {
            info.put("quality", quality);
        }
        if (gen != null) {
            info.put("generator_target", genTarget);
        }
        info.put("seed", sd);
        info.put("dde_seconds", ddeSeconds);
        info.put("generator_seconds", genSeconds);
        info.put("dde_config", settings.config());
        info.put("data_gaussian", gaussian(rows));
        ModelFile.write(out, typed == null
                ? new ModelFile.Contents(table.allColumns(), dde, gen, info, table.constants())
                : ModelFile.Contents.ofTable(dde, gen, info, typed.encoder()));
        Files.deleteIfExists(ckpt);
        if (!common.quiet) {
            msg.printf(Locale.ROOT, "wrote %s (%s%s) in %.1f s total%n", out, "DDE", gen != null ? " + generator" : "",
                    (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    private Generator trainGenerator(double[][] rows, double[][] heldOut, GeneratorConfig genCfg, String genTarget,
                                     Dde dde, TrainingListener listener, Checkpoints.Slot state,
                                     long deadline) throws IOException {
        // the generator works in the DDE's standardised units; its smallest noise level is the DDE's
        Standardizer s = dde.standardizer();
        genCfg = atSigma(genCfg, dde.sigma());
        // the data target's KDE reference set has the generator's own reference size: equal sizes give
        // the two score estimates the same finite-sample bias, which cancels
        GeneratorTarget target = genTarget.equals("data") ? GeneratorTarget.ofData(s.transform(rows), genCfg.qReferenceSize())
                : GeneratorTarget.ofDde(dde, rows, levelsAhead);
        GeneratorTrainer trainer = new GeneratorTrainer(genCfg).withListener(listener).withStandardizer(s)
                .withDataDde(dde).withCheckpoints(checkpointEvery, c -> {
                    try {
                        state.update(f -> f.withGenerator(c));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        if (heldOut != null) {
            trainer = trainer.withValidation(heldOut);
        }
        if (deadline != Long.MAX_VALUE) {
            trainer = trainer.withBudget(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        GeneratorCheckpoint resumeFrom = state.current().generator().orElse(null);
        return resumeFrom != null ? trainer.resume(target, resumeFrom) : trainer.train(target);
    }

    /** The generator's configuration with its smallest level at the data DDE's sigma. */
    private static GeneratorConfig atSigma(GeneratorConfig genCfg, double sigma) {
        // an automatic sigmaMax stays automatic: the trainer sizes it to the dimension (and to sigma)
        return genCfg.toBuilder().sigma(sigma).sigmaMax(genCfg.sigmaMaxAuto() ? GeneratorConfig.AUTO_SIGMA_MAX
                : Math.max(genCfg.sigmaMax(), sigma)).build();
    }

    private GeneratorConfig generatorConfig(JsonNode cfg, long sd) throws IOException {
        ObjectNode merged = Json.MAPPER.valueToTree(GeneratorConfig.defaults());
        if (cfg.path("generator").isObject()) {
            cfg.get("generator").fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        }
        merged.put("seed", sd);
        Integer gs = generatorSteps != null ? generatorSteps
                : (cfg.hasNonNull("generator_steps") ? cfg.get("generator_steps").asInt() : null);
        if (gs != null) {
            merged.put("steps", gs);
        }
        try {
            return Json.MAPPER.treeToValue(merged, GeneratorConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserException("invalid generator settings: " + rootMessage(e));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Reads a JSON or YAML settings file (an empty object when there is none). */
    static JsonNode readConfig(Path file) throws IOException {
        if (file == null) {
            return Json.MAPPER.createObjectNode();
        }
        Inputs.requireFile(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper m = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : Json.MAPPER;
        JsonNode n;
        try {
            n = m.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserException("cannot parse " + file + ": " + e.getOriginalMessage());
        }
        if (n == null || n.isMissingNode() || n.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!n.isObject()) {
            throw new UserException(file + " must hold an object of settings (key: value)");
        }
        var known = java.util.Set.of("columns", "sigma", "seed", "steps", "generator", "generator_steps", "dde",
                "generator_target", "budget");
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new UserException(file + ": unknown setting '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        });
        return n;
    }

    private static List<String> listOf(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else {
            for (String s : n.asText().split(",")) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private String fingerprint(Inputs.Table t, DdeSupport.Settings s, GeneratorConfig g, String genTarget)
            throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("data", data.toAbsolutePath().toString());
        f.put("size", Files.size(data));
        f.put("modified", Files.getLastModifiedTime(data).toMillis());
        f.put("columns", t.columns());
        f.put("metadata", metadata == null ? null : metadata.toAbsolutePath().toString());
        f.put("settings", s);
        f.put("generator", g);
        f.put("generator_target", genTarget);
        f.put("checkpoint_every", checkpointEvery);
        return Integer.toHexString(Json.MAPPER.writeValueAsString(f).hashCode())
                + Long.toHexString(Json.MAPPER.writeValueAsString(f).chars().asLongStream().reduce(17, (a, b) -> a * 31 + b));
    }

    /** Rows held out for the convergence figures when the table has at least this many rows. */
    static final int HOLD_OUT_MIN_ROWS = 200;
    /** Share of the rows held out. */
    static final double HOLD_OUT_FRACTION = 0.1;
    /** The DDE's share of a time budget when a generator is trained too. */
    static final double DDE_BUDGET_SHARE = 0.4;

    private static double mean(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        return m;
    }

    /** Mean and covariance of the rows: the start of Langevin chains for models without a generator. */
    static Map<String, Object> gaussian(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] r : rows) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += (r[a] - mean[a]) * (r[b] - mean[b]) / Math.max(1, n - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                cov[a][b] = cov[b][a];
            }
            cov[a][a] = Math.max(cov[a][a], 1e-12 * (1 + mean[a] * mean[a]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("covariance", cov);
        return m;
    }
}
