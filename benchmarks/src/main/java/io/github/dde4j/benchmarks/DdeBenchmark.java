package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.DdeTraining;
import io.github.dde4j.dde.Objective;
import io.github.dde4j.dde.nn.Activation;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import io.github.dde4j.dde.nn.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Speed of DDE training and inference, set up like the PyTorch reference that
 * {@code benchmarks/dde-side-by-side.sh} runs beside it, so that the two compare one to one:
 * MLP d -> width (x depth, softplus) -> 1, the paper's denoising loss mean ||grad f(x + eta) + eta / sigma^2||^2 at sigma 0.1 (with its second
 * backward pass), Adam 1e-3, data from eight Gaussians (d = 2) or a standard normal (d > 2).
 * A timed block is {@code steps} optimiser steps through the real trainer ({@link DdeTraining});
 * the result is the median over {@code repeats} blocks after a warm-up. Inference is the
 * unnormalised log density plus the score in one pass ({@link Dde#evaluate}) over 16384 points.
 *
 * <pre>
 *   DdeBenchmark.Result r = DdeBenchmark.run(DdeBenchmark.Settings.of(64, 256));
 *   System.out.println(r.toJson());
 *   // command line (what `dde4j bench dde` calls):
 *   java -cp ... io.github.dde4j.benchmarks.DdeBenchmark --width 64 --batch 256 --json
 *   java -cp ... io.github.dde4j.benchmarks.DdeBenchmark --grid        (the 2 x 2 table)
 * </pre>
 */
public final class DdeBenchmark {

    private DdeBenchmark() {
    }

    /**
     * What to measure.
     *
     * @param dim         input dimension d
     * @param width       hidden width
     * @param depth       hidden layers
     * @param batch       points per step
     * @param precision   float32 or float64
     * @param threads     ND4J/BLAS threads
     * @param warmupSteps untimed steps first (JIT, caches)
     * @param steps       steps per timed block
     * @param repeats     timed blocks
     */
    public record Settings(int dim, int width, int depth, int batch, Precision precision, int threads, int warmupSteps,
                           int steps, int repeats) {
        /**
         * Validates the settings.
         *
         * @param dim         input dimension d
         * @param width       hidden width
         * @param depth       hidden layers
         * @param batch       points per step
         * @param precision   float32 or float64
         * @param threads     ND4J/BLAS threads
         * @param warmupSteps untimed steps first
         * @param steps       steps per timed block
         * @param repeats     timed blocks
         */
        public Settings {
            if (dim < 1 || width < 1 || depth < 1 || batch < 1 || threads < 1 || warmupSteps < 0 || steps < 1
                    || repeats < 1 || precision == null) {
                throw new IllegalArgumentException("invalid benchmark settings: dim " + dim + ", width " + width
                        + ", depth " + depth + ", batch " + batch + ", threads " + threads + ", steps " + steps
                        + ", repeats " + repeats);
            }
        }

        /**
         * d = 2, 2 hidden layers, float32, 2 threads, 30 warm-up steps, 5 blocks of 100 steps.
         *
         * @param width hidden width
         * @param batch points per step
         * @return the settings
         */
        public static Settings of(int width, int batch) {
            return new Settings(2, width, 2, batch, Precision.FLOAT32, 2, 30, 100, 5);
        }

        /**
         * These settings with other step counts.
         *
         * @param warmup   untimed steps first
         * @param perBlock steps per timed block
         * @param blocks   timed blocks
         * @return these settings with other step counts
         */
        public Settings withSteps(int warmup, int perBlock, int blocks) {
            return new Settings(dim, width, depth, batch, precision, threads, warmup, perBlock, blocks);
        }

        /**
         * These settings with another thread count.
         *
         * @param n ND4J/BLAS threads
         * @return these settings with another thread count
         */
        public Settings withThreads(int n) {
            return new Settings(dim, width, depth, batch, precision, n, warmupSteps, steps, repeats);
        }
    }

    /**
     * Measured figures.
     *
     * @param settings            what was measured
     * @param msPerStep           median over blocks of the mean time per training step
     * @param msPerStepMin        fastest block
     * @param msPerStepMax        slowest block
     * @param inferencePointsPerSecond log density + score, points per second
     */
    public record Result(Settings settings, double msPerStep, double msPerStepMin, double msPerStepMax,
                         double inferencePointsPerSecond) {

        /**
         * One JSON line, with the same keys as the PyTorch reference where they mean the same.
         *
         * @return the line, without a line break
         */
        public String toJson() {
            Settings s = settings;
            return String.format(Locale.ROOT, "{\"peer\": \"dde4j-%s\", \"dim\": %d, \"width\": %d, \"depth\": %d,"
                            + " \"batch\": %d, \"threads\": %d, \"dtype\": \"%s\", \"ms_per_step\": %.4f,"
                            + " \"ms_per_step_min\": %.4f, \"ms_per_step_max\": %.4f,"
                            + " \"inference_points_per_s\": %.0f}",
                    io.github.dde4j.dde.DdeProvenance.currentVersion(), s.dim, s.width, s.depth, s.batch, s.threads,
                    s.precision == Precision.FLOAT32 ? "float32" : "float64", msPerStep, msPerStepMin, msPerStepMax,
                    inferencePointsPerSecond);
        }
    }

    /**
     * Runs one measurement.
     *
     * @param s what to measure
     * @return the figures
     */
    public static Result run(Settings s) {
        Nd4jRuntime.ensureInitialized();
        Nd4jRuntime.setThreads(s.threads());
        UniformRandomProvider rng = RandomSources.seeded(0);
        double[][] data = s.dim() == 2 ? EightGaussians.standard().sample(100_000, rng) : BenchData.standardNormal(rng, 100_000, s.dim());
        long total = (long) s.warmupSteps() + (long) s.steps() * s.repeats();
        DdeConfig cfg = DdeConfig.builder().hidden(s.depth(), s.width()).activation(Activation.SOFTPLUS)
                .objective(Objective.DENOISING).sigma(0.1).batchSize(s.batch()).steps(total).learningRate(1e-3)
                .schedule(io.github.dde4j.dde.nn.LearningRateSchedule.constant()).standardize(false)
                .precision(s.precision()).threads(s.threads()).build();
        DdeTraining run = new DdeTrainer(cfg).start(data);
        run.runSteps(s.warmupSteps(), null);
        double[] blocks = new double[s.repeats()];
        for (int r = 0; r < s.repeats(); r++) {
            long t0 = System.nanoTime();
            run.runSteps(s.steps(), null);
            blocks[r] = (System.nanoTime() - t0) / 1e6 / s.steps();
        }
        Dde dde = run.result();
        double[][] pts = Arrays.copyOf(data, 16384);
        double[] lp = new double[pts.length];
        double[][] sc = new double[pts.length][s.dim()];
        dde.evaluate(pts, lp, sc); // warm-up
        int reps = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            dde.evaluate(pts, lp, sc);
            reps++;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < 500_000_000L && reps < 50);
        double pps = (double) reps * pts.length / (elapsed / 1e9);
        double[] sorted = blocks.clone();
        Arrays.sort(sorted);
        return new Result(s, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], pps);
    }

    /**
     * The grid: width {64, 256} x batch {256, 1024}, other settings as {@code base}.
     *
     * @param base the settings other than width and batch
     * @return one result per (width, batch), widths first
     */
    public static List<Result> runGrid(Settings base) {
        List<Result> out = new ArrayList<>();
        for (int width : new int[] {64, 256}) {
            for (int batch : new int[] {256, 1024}) {
                out.add(run(new Settings(base.dim(), width, base.depth(), batch, base.precision(), base.threads(),
                        base.warmupSteps(), base.steps(), base.repeats())));
            }
        }
        return out;
    }

    /**
     * Command line: {@code --width W --batch B [--depth L] [--dim D] [--threads T] [--steps S]
     * [--repeats R] [--float64] [--json] [--grid]}.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        BenchArgs a = new BenchArgs(args, Set.of("--width", "--batch", "--depth", "--dim", "--threads", "--steps", "--repeats"),
                Set.of("--float64", "--json", "--grid"));
        Settings base = Settings.of(64, 256);
        Settings s = new Settings(a.integer("--dim", base.dim()), a.integer("--width", base.width()),
                a.integer("--depth", base.depth()), a.integer("--batch", base.batch()),
                a.has("--float64") ? Precision.FLOAT64 : base.precision(), a.integer("--threads", base.threads()),
                base.warmupSteps(), a.integer("--steps", base.steps()), a.integer("--repeats", base.repeats()));
        boolean json = a.has("--json");
        List<Result> results = a.has("--grid") ? runGrid(s) : List.of(run(s));
        for (Result r : results) {
            if (json) {
                System.out.println(r.toJson());
            } else {
                System.out.printf(Locale.ROOT, "width %4d batch %5d: %8.3f ms/step (min %.3f, max %.3f), inference %,.0f points/s%n",
                        r.settings().width(), r.settings().batch(), r.msPerStep(), r.msPerStepMin(), r.msPerStepMax(),
                        r.inferencePointsPerSecond());
            }
        }
    }
}
