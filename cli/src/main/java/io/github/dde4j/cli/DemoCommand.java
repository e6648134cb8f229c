package io.github.dde4j.cli;

import io.github.dde4j.core.data.AtomicFiles;
import io.github.dde4j.core.data.CsvWriter;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.DataTable;
import io.github.dde4j.core.data.Split;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.core.progress.TrainingHistory;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.core.toy.Toys;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.GeneratorConfig;
import io.github.dde4j.generator.GeneratorTrainer;
import io.github.dde4j.generator.Refinement;
import io.github.dde4j.kde.BandwidthRule;
import io.github.dde4j.kde.GaussianKde;
import io.github.dde4j.plots.Box;
import io.github.dde4j.plots.DensityMap;
import io.github.dde4j.plots.TrainingCurves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dde4j demo}: the whole method on built-in data, in a few minutes. On the eight-Gaussians
 * toy and on Old Faithful (bundled) it fits an exact KDE and a DDE, trains a generator on the toy,
 * and writes density maps, training curves, generated rows and a report (held-out log-likelihood
 * in nats per row, MMD, timings) into a folder.
 */
@Command(name = "demo", description = {"Run the method on built-in data (eight Gaussians, Old Faithful): KDE, DDE, generator;",
        "writes density plots, training curves, samples and a report into a folder."})
final class DemoCommand extends Subcommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "dde4j-demo", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Small training budgets (a smoke test; results are rough).")
    boolean quick;

    @Option(names = "--budget", paramLabel = "SECONDS",
            description = "Wall-time limit of each of the three training runs (default 50, with --quick 5).")
    Double budget;


    /** MALA steps on the DDE for a generator the budget stopped before it converged. */
    static final int DEMO_REFINE_STEPS = 20;

    private PrintWriter msg;
    private TrainingHistory history;

    /**
     * A listener for one training run: progress bar, history, and a stop at the time budget. The
     * history records the events under {@code label}, so two runs of the same phase (the DDE on
     * each data set) stay separate curves.
     */
    private TrainingListener listener(String label) {
        return listener(label, true);
    }

    /**
     * {@link #listener(String)}, with the stop at the time budget only if {@code stopAtBudget}: the
     * generator keeps its own clock ({@code GeneratorTrainer.withBudget}), which lets it take at least
     * one step after fitting its level DDEs and ends it as stopped by the budget, not cancelled.
     */
    private TrainingListener listener(String label, boolean stopAtBudget) {
        double seconds = stopAtBudget ? budgetSeconds() : Double.POSITIVE_INFINITY;
        long deadline = Double.isInfinite(seconds) ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        TrainingListener stop = new TrainingListener() {
            @Override
            public void onEvent(io.github.dde4j.core.progress.TrainingEvent event) {
            }

            @Override
            public boolean keepGoing() {
                return System.nanoTime() < deadline;
            }
        };
        lastStep.clear();
        TrainingListener steps = e -> {
            if (e instanceof io.github.dde4j.core.progress.TrainingEvent.Step st) {
                lastStep.put(st.phase(), st.step());
            }
        };
        TrainingListener labelled = e -> history.onEvent(relabel(e, label));
        return common.progress().andThen(labelled).andThen(steps).andThen(stop);
    }

    /** Wall-time limit of each training run. */
    private double budgetSeconds() {
        double seconds = budget != null ? budget : (quick ? 5 : 50);
        if (!(seconds > 0)) {
            throw new UserException("--budget must be > 0, got " + seconds);
        }
        return seconds;
    }

    private static io.github.dde4j.core.progress.TrainingEvent relabel(io.github.dde4j.core.progress.TrainingEvent e,
                                                                      String label) {
        String p = e.phase() + " (" + label + ")";
        if (e instanceof io.github.dde4j.core.progress.TrainingEvent.Step st) {
            return new io.github.dde4j.core.progress.TrainingEvent.Step(p, st.step(), st.totalSteps(), st.loss(), st.sigma(),
                    st.learningRate(), st.elapsedNanos());
        }
        if (e instanceof io.github.dde4j.core.progress.TrainingEvent.Started st) {
            return new io.github.dde4j.core.progress.TrainingEvent.Started(p, st.step(), st.totalSteps());
        }
        if (e instanceof io.github.dde4j.core.progress.TrainingEvent.Evaluation ev) {
            return new io.github.dde4j.core.progress.TrainingEvent.Evaluation(p, ev.step(), ev.metrics(), ev.elapsedNanos());
        }
        io.github.dde4j.core.progress.TrainingEvent.Finished f = (io.github.dde4j.core.progress.TrainingEvent.Finished) e;
        return new io.github.dde4j.core.progress.TrainingEvent.Finished(p, f.step(), f.reason(), f.elapsedNanos());
    }

    /** The last step number of each phase of the current run (the runs stop at their budget). */
    private final Map<String, Long> lastStep = new java.util.concurrent.ConcurrentHashMap<>();

    private long steps(String phase) {
        return lastStep.getOrDefault(phase, 0L);
    }
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        msg = messages();
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        report.put("dde4j", Dde4j.version());
        report.put("seed", seed);
        report.put("quick", quick);
        lines.add("# dde4j demo report");
        lines.add("");
        lines.add("dde4j " + Dde4j.version() + ", seed " + seed + (quick ? ", quick budgets" : "") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores. Log-likelihoods are held-out averages in nats per row.");
        TrainingHistory history = new TrainingHistory(5);
        this.history = history;

        eightGaussians();
        faithful();

        if (!history.events().isEmpty()) {
            try {
                TrainingCurves.of(history).writePng(dir.resolve("training-curves.png"));
                lines.add("");
                lines.add("Training curves: training-curves.png");
            } catch (IllegalArgumentException e) {
                // no step events recorded: nothing to draw
            }
        }
        double total = (System.nanoTime() - t0) / 1e9;
        report.put("total_seconds", total);
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Total time: %.1f s", total));
        AtomicFiles.writeString(dir.resolve("report.md"), String.join("\n", lines) + "\n");
        AtomicFiles.writeString(dir.resolve("report.json"), Json.pretty(report) + "\n");
        msg.println();
        msg.println(String.join("\n", lines));
        msg.println();
        msg.println("demo output written to " + dir.toAbsolutePath());
        msg.flush();
        return 0;
    }

    private void say(String s) {
        if (!common.quiet) {
            msg.println(s);
            msg.flush();
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double se(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }

    private Map<String, Object> ll(String name, double[] values, double seconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("log_likelihood", mean(values));
        r.put("se", se(values));
        r.put("seconds", seconds);
        lines.add(String.format(Locale.ROOT, "| %s | %.4f +- %.4f | %.1f s |", name, mean(values), se(values), seconds));
        return r;
    }

    private void eightGaussians() throws Exception {
        say("eight Gaussians: sampling, KDE, DDE, generator ...");
        EightGaussians toy = EightGaussians.standard();
        int n = quick ? 1000 : 2000;
        double[][] train = toy.sample(n, RandomSources.stream(seed, 1));
        double[][] test = toy.sample(n, RandomSources.stream(seed, 2));
        Map<String, Object> r = new LinkedHashMap<>();
        lines.add("");
        lines.add("## Eight Gaussians (2-D toy, " + n + " training and " + n + " held-out rows)");
        lines.add("");
        lines.add("| model | held-out log-likelihood | time |");
        lines.add("|---|---|---|");
        r.put("true_density", ll("true density (exact)", toy.density().logDensity(test), 0));

        KdeAndDde fitted = fitKdeAndDde("eight Gaussians", train, test, r);
        GaussianKde kde = fitted.kde();
        Dde ddeDensity = fitted.dde();

        if (ddeDensity == null) {
            lines.add("");
            lines.add("Generator: not trained (it learns from the DDE, which is not available).");
            report.put("eight_gaussians", r);
            return;
        }
        long t = System.nanoTime();
        // The product path with the library's defaults: the DDE above drives the generator (DDEs of the
        // rows are fitted at the coarser noise levels), which stops once its energy distance to the
        // training rows levels off, or at the time budget (its moving average is then the generator).
        GeneratorConfig gc = GeneratorConfig.defaults().toBuilder().seed(seed).sigma(ddeDensity.sigma())
                .steps(quick ? 60 : GeneratorConfig.defaults().steps()).build();
        Generator gen = new GeneratorTrainer(gc).withListener(listener("eight Gaussians", false))
                .withBudget(java.time.Duration.ofMillis((long) (budgetSeconds() * 1000))).trainOnDde(ddeDensity, train);
        double genSeconds = (System.nanoTime() - t) / 1e9;
        long genSteps = steps("generator");
        // a generator stopped by the budget before converging may still draw rows between the modes:
        // then its rows are refined by MALA steps on the DDE, and the report says so
        boolean converged = Boolean.TRUE.equals(gen.provenance().get("converged"));
        Refinement refinement = converged ? Refinement.NONE : Refinement.mala(DEMO_REFINE_STEPS);
        double[][] generated = gen.sample(n, seed + 5, refinement);
        Map<String, Object> q = Quality.compare(test, generated, List.of("x", "y"), seed);
        Map<String, Object> ref = Quality.compare(test, toy.sample(n, RandomSources.stream(seed, 3)), List.of("x", "y"), seed);
        double[][] many = gen.sample(10_000, seed + 6, refinement);
        double[] shares = Toys.modeShares(toy, many);
        double minShare = java.util.Arrays.stream(shares).min().orElse(0);
        double maxShare = java.util.Arrays.stream(shares).max().orElse(0);
        // Nearest-centre shares and MMD^2 at the median bandwidth cannot tell eight blobs from a ring
        // through them (a ring scores 12.5% everywhere); the true log density of the generated rows can:
        // between two modes it is several nats lower.
        double logPGenerated = mean(toy.density().logDensity(many));
        double logPTrue = mean(toy.density().logDensity(test));
        Map<String, Object> gr = new LinkedHashMap<>();
        gr.put("seconds", genSeconds);
        gr.put("steps", genSteps);
        gr.put("max_steps", gc.steps());
        gr.put("stop_reason", gen.provenance().get("stopReason"));
        gr.put("converged", gen.provenance().get("converged"));
        gr.put("target", "dde");
        gr.put("refinement_steps", refinement.steps());
        gr.put("mode_shares", shares);
        gr.put("true_log_density_of_generated", logPGenerated);
        gr.put("true_log_density_of_held_out", logPTrue);
        gr.put("mmd2", q.get("mmd2"));
        gr.put("energy_distance", q.get("energy_distance"));
        gr.put("mmd2_two_true_samples", ref.get("mmd2"));
        r.put("generator", gr);
        lines.add("");
        String how = converged ? "converged at step " + genSteps
                : "stopped by the time budget at step " + genSteps + " before converging; its rows are refined by "
                + DEMO_REFINE_STEPS + " MALA steps on the DDE (sample --refine " + DEMO_REFINE_STEPS + ")";
        lines.add(String.format(Locale.ROOT, "Generator (driven by the DDE; %s, %.1f s): the true density's average "
                        + "log density of 10,000 generated rows is %.3f (held-out true rows: %.3f); each of the 8 modes "
                        + "is nearest to %.1f%% to %.1f%% of them (12.5%% each for the true density); MMD^2 to held-out "
                        + "rows %.5f (two independent true samples: %.5f), energy distance %.5f.",
                how, genSeconds, logPGenerated, logPTrue, 100 * minShare, 100 * maxShare,
                (Double) q.get("mmd2"), (Double) ref.get("mmd2"), (Double) q.get("energy_distance")));

        writeCsv(dir.resolve("eight-gaussians-generated.csv"), List.of("x", "y"), many);
        Box box = new Box(-3.2, 3.2, -3.2, 3.2);
        DensityMap.Builder b = DensityMap.builder(box).title("Eight Gaussians: data, KDE, DDE, generator")
                .axisLabels("x", "y").contours(5)
                .samples("data (" + n + " rows)", train)
                .density("exact KDE", kde);
        if (ddeDensity != null) {
            b.density("DDE", ddeDensity);
        }
        b.samples("generator (10,000 rows)", many);
        b.build().writePng(dir.resolve("eight-gaussians.png"));
        lines.add("");
        lines.add("Density maps: eight-gaussians.png; generated rows: eight-gaussians-generated.csv");
        report.put("eight_gaussians", r);
    }

    private void faithful() throws Exception {
        say("Old Faithful: KDE, DDE ...");
        DataTable table;
        try (InputStream in = DemoCommand.class.getResourceAsStream("data/faithful.csv")) {
            if (in == null) {
                throw new IllegalStateException("faithful.csv is missing from the jar");
            }
            table = CsvReader.create().read(in, "faithful.csv");
        }
        Split<double[][]> split = Splits.trainTest(table.toArray(), 0.25, seed);
        double[][] train = split.train();
        double[][] test = split.test();
        Map<String, Object> r = new LinkedHashMap<>();
        lines.add("");
        lines.add("## Old Faithful (eruption and waiting time in minutes; " + train.length + " training and "
                + test.length + " held-out rows)");
        lines.add("");
        lines.add("| model | held-out log-likelihood | time |");
        lines.add("|---|---|---|");
        KdeAndDde fitted = fitKdeAndDde("faithful", train, test, r);
        GaussianKde kde = fitted.kde();
        Density ddeDensity = fitted.dde();
        DensityMap.Builder b = DensityMap.builder(Box.around(table.toArray(), 0.15)).title("Old Faithful: data, KDE, DDE")
                .axisLabels(table.columnNames().get(0) + " (min)", table.columnNames().get(1) + " (min)").contours(5)
                .samples("data", train)
                .density("exact KDE", kde).points("held-out", test);
        if (ddeDensity != null) {
            b.density("DDE", ddeDensity).points("held-out", test);
        }
        b.build().writePng(dir.resolve("faithful.png"));
        lines.add("");
        lines.add("Density maps: faithful.png");
        report.put("faithful", r);
    }

    private static void writeCsv(Path file, List<String> header, double[][] rows) throws IOException {
        CsvWriter.write(file, 7, w -> {
            w.writeHeader(header);
            for (double[] r : rows) {
                w.writeRow(r);
            }
        });
    }

    /** The exact KDE and (when training succeeds) the DDE of one data set, with a null DDE otherwise. */
    private record KdeAndDde(GaussianKde kde, Dde dde) {
    }

    /**
     * Fits the exact KDE (leave-one-out bandwidth) and a DDE on {@code train}, puts their held-out
     * log-likelihoods on {@code test} into {@code r} (keys "kde", "dde"), and reports a DDE failure as
     * a report line instead of failing the demo.
     */
    private KdeAndDde fitKdeAndDde(String phase, double[][] train, double[][] test, Map<String, Object> r)
            throws IOException {
        long t = System.nanoTime();
        GaussianKde kde = GaussianKde.of(train, BandwidthRule.LEAVE_ONE_OUT);
        r.put("kde", ll("exact KDE (leave-one-out bandwidth)", kde.logDensity(test), (System.nanoTime() - t) / 1e9));
        Dde ddeDensity = null;
        try {
            t = System.nanoTime();
            DdeSupport.Settings planned = new DdeSupport.Settings(Map.of(), null, quick ? 300 : null, seed);
            long scheduled = DdeSupport.config(planned).totalSteps(train.length);
            long steps = Schedules.stepsWithin(budgetSeconds(), scheduled, scheduled / 4,
                    l -> new DdeTrainer(DdeSupport.config(planned)).start(train).run(l));
            DdeSupport.Fitted f = DdeSupport.fit(train, new DdeSupport.Settings(Map.of(), null, (int) steps, seed),
                    listener(phase), null, 1);
            ddeDensity = f.dde();
            Map<String, Object> dr = ll("DDE (" + steps("dde") + " steps; normalised, log Z by grid)",
                    ddeDensity.logDensity(test), (System.nanoTime() - t) / 1e9);
            dr.put("steps", steps("dde"));
            r.put("dde", dr);
        } catch (UserException e) {
            lines.add("| DDE | not available: " + e.getMessage() + " | |");
        }
        return new KdeAndDde(kde, ddeDensity);
    }
}
