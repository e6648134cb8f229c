package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.ScalarField;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

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
 * <p>The level DDEs ({@link DataDdeLevels}: 3 x 64 softplus, fewer steps at coarser levels) are a
 * deterministic function of the rows, the levels and the seed, so a resumed run fits the same DDEs
 * again instead of storing them, and a caller may start them ahead, while the data DDE is fitted.
 */
final class DataDdeTarget implements GeneratorTarget {

    private final ScalarField base;
    private final double sigmaP;
    private final float[] rows;
    private final int n;
    private final int d;
    /** Fits started ahead (may be null), then the fits in use once {@link #prepare} ran. */
    private DataDdeLevels prepared;
    private DataDdeLevels.Fitted fitted;
    /** The trust floor of f_p itself (the level fits hold theirs). */
    private Double baseFloor;

    /**
     * @param base   f_p in working units
     * @param sigmaP its noise level (working units)
     * @param rows   the training rows in working units (copied)
     * @param ahead  level fits started ahead ({@link DataDdeLevels#fitInBackground}), or null
     */
    DataDdeTarget(ScalarField base, double sigmaP, double[][] rows, DataDdeLevels ahead) {
        Checks.requirePoints(rows, base.dimension(), "rows");
        this.base = base;
        this.sigmaP = Checks.requirePositive(sigmaP, "sigmaP");
        this.n = rows.length;
        this.d = rows[0].length;
        this.rows = DataDdeLevels.toFloats(rows);
        if (ahead != null && !java.util.Arrays.equals(ahead.workingRows(), this.rows)) {
            throw new IllegalArgumentException("the level DDEs were started on other rows than the target's"
                    + " (pass the same rows and the data DDE's standardizer)");
        }
        this.prepared = ahead;
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
        return DataDdeLevels.sameLevel(s, sigmaP);
    }

    /**
     * Fits a DDE of the rows at every level above sigma_p, or waits for the fits started ahead when
     * they are for these levels and this seed (fits started for others are stopped and redone here).
     */
    @Override
    public void prepare(double[] levelsToUse, long seed) {
        if (prepared == null || !prepared.matches(rows, sigmaP, levelsToUse, seed)) {
            if (prepared != null) {
                prepared.close();
            }
            prepared = DataDdeLevels.fitNow(rows, d, sigmaP, levelsToUse, seed);
        }
        fitted = prepared.get();
        if (baseFloor == null) {
            baseFloor = DataDdeLevels.floor(base, rows, d, sigmaP, RandomSources.stream(seed, 500));
        }
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
        Double fl = sharesKdeBias() ? (atBase(s) ? baseFloor : fitted.floors().get(s)) : null;
        INDArray trusted = fl == null ? null : value.gte(fl).castTo(y.dataType());
        return new Smoothed(score, value, trusted);
    }

    private ScalarField field(double s) {
        if (atBase(s)) {
            return base;
        }
        DdeLearner f = fitted == null ? null : fitted.fields().get(s);
        if (f == null) {
            throw new IllegalStateException("no data DDE at noise level " + s + " (levels fitted: "
                    + (fitted == null ? "none" : fitted.fields().keySet()) + ", plus sigma_p " + sigmaP
                    + "); the trainer prepares the levels of its configuration, which must be fixed (anneal false)");
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
