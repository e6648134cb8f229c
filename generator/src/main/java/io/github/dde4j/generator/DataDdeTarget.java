package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.ScalarField;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The data's DDEs drive every noise level of the generator's objective. At the fitted DDE's own
 * level sigma_p the target is that DDE f_p (exact up to its training error). Above it,
 * p~_s = p * N(0, s^2 I) is the smoothed density of the same rows at a coarser scale, and a DDE
 * f_s of the rows at level s is fitted for it before the first generator step (by the same
 * denoising objective, low-variance targets over the batch), then frozen.
 *
 * <p>Why not smooth f_p by Monte Carlo (as {@link GeneratorTarget#ofDde(ScalarField, double, int)}
 * does when only the DDE is known): at level s the generator's noisy samples spread a distance s
 * around the data, where f_p, trained on points within about sigma_p of the data, is an
 * extrapolation; the Monte Carlo weights exp f_p(u) then follow the extrapolation. A DDE fitted at
 * level s is trained exactly where it is evaluated. It also costs one network pass per point
 * instead of M.
 *
 * <p>The level DDEs are small (3 x 64 softplus) and cheap to fit: the smoothed density gets
 * smoother as s grows, so coarser levels get fewer steps. Their fits are a deterministic function of the rows, the levels and the
 * seed, so a resumed run fits the same DDEs again instead of storing them.
 */
final class DataDdeTarget implements GeneratorTarget {

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

    private final ScalarField base;
    private final double sigmaP;
    private final float[] rows;
    private final int n;
    private final int d;
    private final Map<Double, DdeLearner> levels = new TreeMap<>();
    /** Per level (sigma_p included): the log density below which the level's DDE is not trusted. */
    private final Map<Double, Double> floors = new TreeMap<>();

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

    /**
     * @param base   f_p in working units
     * @param sigmaP its noise level (working units)
     * @param rows   the training rows in working units (copied)
     */
    DataDdeTarget(ScalarField base, double sigmaP, double[][] rows) {
        Checks.requirePoints(rows, base.dimension(), "rows");
        this.base = base;
        this.sigmaP = Checks.requirePositive(sigmaP, "sigmaP");
        this.n = rows.length;
        this.d = rows[0].length;
        this.rows = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                this.rows[i * d + j] = (float) rows[i][j];
            }
        }
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double minimumSigma() {
        return sigmaP;
    }

    private boolean atBase(double s) {
        return Math.abs(s - sigmaP) <= 1e-9 * Math.max(1, sigmaP);
    }

    /** Fits a DDE of the rows at every level above sigma_p that has none yet. */
    @Override
    public void prepare(double[] levelsToUse, long seed) {
        double[] sorted = levelsToUse.clone();
        java.util.Arrays.sort(sorted);
        double finest = Double.NaN;
        for (int i = 0; i < sorted.length; i++) {
            double s = sorted[i];
            if (s < sigmaP && !atBase(s)) {
                throw new IllegalArgumentException("noise level " + s + " is below the data DDE's sigma " + sigmaP
                        + "; a DDE cannot be sharpened: set the generator's sigma to the DDE's");
            }
            if (atBase(s)) {
                if (!floors.containsKey(sigmaP)) {
                    floors.put(sigmaP, floor(base, sigmaP, RandomSources.stream(seed, 500)));
                }
                continue;
            }
            if (Double.isNaN(finest)) {
                finest = s;
            }
            if (!levels.containsKey(s)) {
                int steps = Math.max(MIN_LEVEL_STEPS, (int) Math.round(LEVEL_STEPS * finest / s));
                DdeLearner f = fitLevel(s, steps, RandomSources.stream(seed, 300 + i).nextLong(),
                        RandomSources.stream(seed, 400 + i));
                levels.put(s, f);
                floors.put(s, floor(f, s, RandomSources.stream(seed, 500 + 1 + i)));
            }
        }
    }

    private DdeLearner fitLevel(double s, int steps, long initSeed, UniformRandomProvider rng) {
        DdeConfig cfg = DdeConfig.builder().hidden(3, 64).steps(steps).batchSize(LEVEL_BATCH).seed(initSeed)
                .adam(AdamConfig.of(2e-3).withSchedule(LearningRateSchedule.cosine(0))).build();
        DdeLearner f = DdeTrainer.learner(cfg, d);
        float[] batch = new float[LEVEL_BATCH * d];
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < LEVEL_BATCH; i++) {
                System.arraycopy(rows, rng.nextInt(n) * d, batch, i * d, d);
            }
            f.step(Nd4j.create(batch, new long[] {LEVEL_BATCH, d}, 'c'), s, rng);
        }
        return f;
    }

    /** The {@link #TRUST_QUANTILE} quantile of f over the level's training distribution (rows plus noise). */
    private double floor(ScalarField f, double s, UniformRandomProvider rng) {
        org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian g =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        float[] pts = new float[TRUST_POINTS * d];
        for (int i = 0; i < TRUST_POINTS; i++) {
            int r = rng.nextInt(n) * d;
            for (int j = 0; j < d; j++) {
                pts[i * d + j] = (float) (rows[r + j] + s * g.sample());
            }
        }
        double[] v = f.value(Nd4j.create(pts, new long[] {TRUST_POINTS, d}, 'c')).castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        java.util.Arrays.sort(v);
        return v[(int) Math.floor(TRUST_QUANTILE * (v.length - 1))];
    }

    /** Score, log density and the trust mask (value at or above the level's floor) from one field. */
    @Override
    public Smoothed smoothed(INDArray y, double s, UniformRandomProvider rng) {
        ScalarField f = field(s);
        ScalarField.ValueAndGradient vg = f.valueAndGradient(y);
        INDArray value = vg.value().castTo(y.dataType()).reshape(y.rows());
        INDArray score = vg.gradient().castTo(y.dataType());
        // the floor guards against the KDE q-model's push on stray rows; f_q learners (AUTO above
        // KDE_Q_MAX_DIMENSION) extrapolate as the target's DDEs do, and with the floor a rare
        // category's rows (2% of cars' missing-horsepower indicator) lost their mass
        Double fl = sharesKdeBias() ? floors.get(atBase(s) ? sigmaP : s) : null;
        INDArray trusted = fl == null ? null : value.gte(fl).castTo(y.dataType());
        return new Smoothed(score, value, trusted);
    }

    private ScalarField field(double s) {
        if (atBase(s)) {
            return base;
        }
        DdeLearner f = levels.get(s);
        if (f == null) {
            throw new IllegalStateException("no data DDE at noise level " + s + " (levels fitted: " + levels.keySet()
                    + ", plus sigma_p " + sigmaP + "); the trainer prepares the levels of its configuration, which"
                    + " must be fixed (anneal false)");
        }
        return f;
    }

    @Override
    public INDArray smoothedScore(INDArray y, double s, UniformRandomProvider rng) {
        return field(s).inputGradient(y).castTo(y.dataType());
    }

    @Override
    public INDArray smoothedLogDensity(INDArray y, double s, UniformRandomProvider rng) {
        return field(s).value(y).castTo(y.dataType()).reshape(y.rows());
    }

    /**
     * True in low dimensions: each DDE learns the Gaussian KDE of the rows at its level (its
     * low-variance targets are that KDE's score over a batch of the rows), so the target's score has
     * the finite-sample character of a KDE of reference rows, as {@link GeneratorTarget#ofData} does,
     * and {@link GeneratorConfig.QModel#AUTO} picks the KDE q-model, which met the checks at about
     * half the f_q learners' cost per step (docs/generator.md, "Choosing the q-model against a DDE
     * target"). Beyond {@link #KDE_Q_MAX_DIMENSION} the networks' smooth extrapolation no longer
     * matches the KDE's, and AUTO picks f_q learners.
     */
    @Override
    public boolean sharesKdeBias() {
        return d <= KDE_Q_MAX_DIMENSION;
    }

    /**
     * Up to this dimension AUTO pairs the data DDEs with the KDE q-model; above it with f_q learners.
     * Measured: the KDE q-model met the checks on eight Gaussians, faithful, airports (d = 2) and
     * penguins (d = 4), and diverged within 100 steps on encoded tables of 10 and more dimensions, as
     * it does against exact score targets from d = 8 (docs/generator.md).
     */
    static final int KDE_Q_MAX_DIMENSION = 4;

    /** Rows drawn with replacement from the training rows (for the Gaussian start and checks). */
    @Override
    public double[][] referenceSamples(int count, UniformRandomProvider rng) {
        double[][] out = new double[count][d];
        for (int i = 0; i < count; i++) {
            int r = rng.nextInt(n) * d;
            for (int j = 0; j < d; j++) {
                out[i][j] = rows[r + j];
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "data-dde(sigma=" + sigmaP + ", d=" + d + ", " + n + " rows, level DDEs 3x64)";
    }
}
