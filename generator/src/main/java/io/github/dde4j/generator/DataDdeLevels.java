package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.ScalarField;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DDEs of a table's rows at the generator's noise levels above the data DDE's sigma_p: what
 * {@link GeneratorTarget#ofDde(io.github.dde4j.dde.Dde, double[][])} fits before the first
 * generator step. They depend only on the rows, the levels and the seed, not on the data DDE, so
 * they can be fitted while the data DDE is: {@link #fitInBackground} starts them on their own thread
 * and {@link GeneratorTarget#ofDde(io.github.dde4j.dde.Dde, double[][], DataDdeLevels)} waits for
 * them at the first generator step. On two cores this hides most of their cost (docs/generator.md,
 * "Where the time goes"): at these sizes one fit does not gain from a second BLAS thread.
 *
 * <p>The fits are the same, bit for bit, as those the target makes itself.
 */
public final class DataDdeLevels implements AutoCloseable {

    /**
     * Steps of the level DDE just above sigma_p; a level s coarser than that one, s_1, gets
     * LEVEL_STEPS s_1 / s steps (at least {@link #MIN_LEVEL_STEPS}): the smoothed density is smoother
     * there. Measured on eight Gaussians (docs/generator.md, "Target from data DDEs"): 400 steps at
     * every level left the generator's rows 0.51 nats below true rows in mean log density (the ring
     * check allows 0.5), 1,000 at every level 0.37.
     */
    static final int LEVEL_STEPS = 1000;
    static final int MIN_LEVEL_STEPS = 300;
    static final int LEVEL_BATCH = 512;

    /**
     * Share of the level's own training points (rows plus N(0, s^2 I) noise) whose DDE value lies
     * below the trust floor. A softplus network grows linearly far from its training points, so its
     * score there does not pull a stray generator row back, while the KDE q-model's pushes it away
     * from the other rows: measured on penguins (4-D, 239 rows), a row escaped and the run diverged
     * at step 466 without the floor.
     */
    static final double TRUST_QUANTILE = 0.002;
    /** Points drawn per level to place the floor. */
    static final int TRUST_POINTS = 4096;

    /** The fitted DDEs and their trust floors, per level above sigma_p. */
    record Fitted(Map<Double, DdeLearner> fields, Map<Double, Double> floors) {
    }

    private final float[] rows;
    private final int d;
    private final double sigmaP;
    private final double[] levels;
    private final long seed;
    private final CompletableFuture<Fitted> fitted;
    private volatile boolean cancelled;

    private DataDdeLevels(float[] rows, int d, double sigmaP, double[] levels, long seed, boolean background) {
        this.rows = rows;
        this.d = d;
        this.sigmaP = sigmaP;
        this.levels = levels;
        this.seed = seed;
        for (double s : levels) {
            if (s < sigmaP && !sameLevel(s, sigmaP)) {
                throw new IllegalArgumentException("noise level " + s + " is below the data DDE's sigma " + sigmaP
                        + "; a DDE cannot be sharpened: set the generator's sigma to the DDE's");
            }
        }
        if (background) {
            this.fitted = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    fitted.complete(Nd4jRuntime.sharingThreads(this::fit));
                } catch (Throwable e) {
                    fitted.completeExceptionally(e);
                }
            }, "dde4j-level-ddes");
            t.setDaemon(true);
            t.start();
        } else {
            // at the thread count of fits made alongside, so that both ways give the same bits
            this.fitted = CompletableFuture.completedFuture(Nd4jRuntime.sharingThreads(this::fit));
        }
    }

    /**
     * Starts fitting, on a background thread, the DDEs that the generator of {@code config} needs
     * above its smallest level {@code config.sigma()} (which must be the data DDE's sigma), on
     * {@code rows} (caller units, copied) in the data DDE's standardised units, with the
     * configuration's seed. Returns at once. {@link #close()} stops the fit if the run is abandoned.
     *
     * @param standardizer the data DDE's standardiser: the one {@code DdeTrainer} fits to the same rows
     *                     ({@code Standardizer.fit(rows)}, or the identity when it does not standardise)
     */
    public static DataDdeLevels fitInBackground(double[][] rows, Standardizer standardizer, GeneratorConfig config) {
        Checks.requirePoints(rows, standardizer.dimension(), "rows");
        Nd4jRuntime.ensureInitialized();
        return new DataDdeLevels(toFloats(standardizer.transform(rows)), standardizer.dimension(), config.sigma(),
                sortedCopy(config.forDimension(standardizer.dimension()).levels(0)), config.seed(), true);
    }

    /**
     * The hold under which the caller fits its own model (the data DDE) while these fit: both run at
     * the shared thread count from start to end, so that neither result depends on which fit ends
     * first ({@link Nd4jRuntime#shareThreads()}). Close it when the caller's fit is done.
     */
    public Nd4jRuntime.SharedThreads alongside() {
        return Nd4jRuntime.shareThreads();
    }

    /** Fits on the calling thread (what a target without prepared levels does in its prepare). */
    static DataDdeLevels fitNow(float[] rows, int d, double sigmaP, double[] levels, long seed) {
        return new DataDdeLevels(rows, d, sigmaP, sortedCopy(levels), seed, false);
    }

    /** True if these are the fits for these working rows, sigma_p, levels and seed. */
    boolean matches(float[] workingRows, double sigmaP, double[] levels, long seed) {
        return this.seed == seed && sameLevel(this.sigmaP, sigmaP) && Arrays.equals(this.levels, sortedCopy(levels))
                && Arrays.equals(rows, workingRows);
    }

    float[] workingRows() {
        return rows;
    }

    /** Waits for the fits. */
    Fitted get() {
        try {
            return fitted.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Stops a background fit that is no longer needed (a later {@link #get} then fails) and waits for
     * it to end, at most one level DDE step: until then it holds the shared ND4J thread count, and a
     * fit begun after close would otherwise run at whichever count the stopping thread left.
     */
    @Override
    public void close() {
        cancelled = true;
        fitted.handle((result, failure) -> null).join();
    }

    static boolean sameLevel(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(a, b));
    }

    private Fitted fit() {
        Map<Double, DdeLearner> fields = new TreeMap<>();
        Map<Double, Double> floors = new TreeMap<>();
        double finest = Double.NaN;
        for (int i = 0; i < levels.length; i++) {
            double s = levels[i];
            if (sameLevel(s, sigmaP)) {
                continue;
            }
            if (Double.isNaN(finest)) {
                finest = s;
            }
            int steps = Math.max(MIN_LEVEL_STEPS, (int) Math.round(LEVEL_STEPS * finest / s));
            // stream numbers as the target has always used them: index i counts sigma_p too
            DdeLearner f = fitLevel(s, steps, RandomSources.stream(seed, 300 + i).nextLong(),
                    RandomSources.stream(seed, 400 + i));
            fields.put(s, f);
            floors.put(s, floor(f, rows, d, s, RandomSources.stream(seed, 500 + 1 + i)));
        }
        return new Fitted(Collections.unmodifiableMap(fields), Collections.unmodifiableMap(floors));
    }

    private DdeLearner fitLevel(double s, int steps, long initSeed, UniformRandomProvider rng) {
        int n = rows.length / d;
        DdeConfig cfg = DdeConfig.builder().hidden(3, 64).steps(steps).batchSize(LEVEL_BATCH).seed(initSeed)
                .adam(AdamConfig.of(2e-3).withSchedule(LearningRateSchedule.cosine(0))).build();
        DdeLearner f = DdeTrainer.learner(cfg, d);
        float[] batch = new float[LEVEL_BATCH * d];
        for (int step = 0; step < steps; step++) {
            if (cancelled) {
                throw new CancellationException("level DDE fits cancelled");
            }
            for (int i = 0; i < LEVEL_BATCH; i++) {
                System.arraycopy(rows, rng.nextInt(n) * d, batch, i * d, d);
            }
            f.step(Nd4j.create(batch, new long[] {LEVEL_BATCH, d}, 'c'), s, rng);
        }
        return f;
    }

    /** The {@link #TRUST_QUANTILE} quantile of f over the level's training distribution (rows plus noise). */
    static double floor(ScalarField f, float[] rows, int d, double s, UniformRandomProvider rng) {
        int n = rows.length / d;
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] pts = new float[TRUST_POINTS * d];
        for (int i = 0; i < TRUST_POINTS; i++) {
            int r = rng.nextInt(n) * d;
            for (int j = 0; j < d; j++) {
                pts[i * d + j] = (float) (rows[r + j] + s * g.sample());
            }
        }
        double[] v = f.value(Nd4j.create(pts, new long[] {TRUST_POINTS, d}, 'c')).castTo(DataType.DOUBLE)
                .toDoubleVector();
        Arrays.sort(v);
        return v[(int) Math.floor(TRUST_QUANTILE * (v.length - 1))];
    }

    static float[] toFloats(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) rows[i][j];
            }
        }
        return out;
    }

    private static double[] sortedCopy(double[] levels) {
        double[] s = levels.clone();
        Arrays.sort(s);
        return s;
    }
}
