package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.ScalarField;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The density p the generator should learn, seen through Gaussian smoothing: at noise level s the
 * generator step needs the score of p~_s = p * N(0, s^2 I) and, for the KL estimate, log p~_s up
 * to a constant. All points are in the trainer's working units.
 *
 * <p>Factories and what they compute at a level s:
 * <ul>
 *   <li>{@link #of(GaussianMixture)}, {@link #of(MultivariateGaussian)}: exact, the convolution of a
 *   Gaussian mixture with N(0, s^2 I) is the mixture with every covariance widened by s^2;</li>
 *   <li>{@link #ofData(double[][], int)} and {@link #ofSampler}: the Gaussian KDE with bandwidth s of M
 *   rows resampled from the data (or drawn from an exact sampler) at every generator step. With M
 *   equal to the generator's own KDE reference size the two score estimates have the same
 *   finite-sample bias, which therefore cancels at q = p (measured: see docs/generator.md; with an
 *   exact target score and a KDE q-score the generator ends over-dispersed);</li>
 *   <li>{@link #ofDde(ScalarField, double, int)}: a DDE f_p fitted at sigma_p is log p~_{sigma_p}
 *   up to a constant: exact at s = sigma_p. For s > sigma_p, p~_s = p~_{sigma_p} * N(0, tau^2 I) with
 *   tau^2 = s^2 - sigma_p^2, estimated by self-normalised Monte Carlo with M draws u_m = y + tau eps_m:
 *   score(y) ~ sum_m w_m grad f_p(u_m), w = softmax_m f_p(u_m), log p~_s(y) ~ logmeanexp_m f_p(u_m)
 *   (consistent, biased for finite M; the bias shrinks like 1/M). Levels below sigma_p are rejected;</li>
 *   <li>{@link #ofDensity(Density, int)}: any Density with a score, smoothed the same way from
 *   sigma_p = 0 (log p and its score at the draws).</li>
 *   <li>{@link #trainedAlongside(DdeLearner, double[][], double, int, int)}: a DDE f_p that the trainer
 *   steps on data batches before each generator step (step 1 of docs/method.md, "The generator loop").</li>
 * </ul>
 */
public interface GeneratorTarget {

    /** The dimension d. */
    int dimension();

    /** The smallest noise level this target supports (0 for exact targets). */
    double minimumSigma();

    /** grad_y log p~_s(y) for an n x d batch. */
    INDArray smoothedScore(INDArray y, double s, UniformRandomProvider rng);

    /** log p~_s(y) up to an additive constant (the same for every y at this s), length n. */
    INDArray smoothedLogDensity(INDArray y, double s, UniformRandomProvider rng);

    /**
     * Score and log density at level s together: what the generator step needs. The default calls
     * {@link #smoothedScore} and then {@link #smoothedLogDensity}; targets that can get both from one
     * pass override it: the KDE targets (one set of kernel weights w = softmax_j(-||y - r_j||^2 / 2s^2)
     * gives log p~ = logsumexp + const and score = (sum_j w_j r_j - y) / s^2) and the Monte Carlo
     * smoothed ones (one set of draws u_m and values f(u_m) gives both the softmax weights of the score
     * and the logmeanexp). A Monte Carlo target then uses one set of draws for both instead of two
     * independent ones, so it consumes the random stream once: the result equals the two separate
     * calls each given a generator in the same state.
     */
    default Smoothed smoothed(INDArray y, double s, UniformRandomProvider rng) {
        INDArray score = smoothedScore(y, s, rng);
        return new Smoothed(score, smoothedLogDensity(y, s, rng));
    }

    /**
     * The smoothed score (n x d) and log density (length n, up to the level's constant) at one level,
     * and optionally which points the target vouches for there.
     *
     * @param score      grad_y log p~_s(y)
     * @param logDensity log p~_s(y) + const
     * @param trusted    length n, 1 where the score can be trusted and 0 where not (a DDE far outside the
     *                   region it was trained on extrapolates); null means everywhere. The generator step
     *                   leaves untrusted points out of this level's gradient.
     */
    record Smoothed(INDArray score, INDArray logDensity, INDArray trusted) {

        /** Trusted everywhere. */
        public Smoothed(INDArray score, INDArray logDensity) {
            this(score, logDensity, null);
        }
    }

    /** Held-out samples for MMD / energy checks, or null if the target cannot provide them. */
    default double[][] referenceSamples(int n, UniformRandomProvider rng) {
        return null;
    }

    /**
     * Called once before the first generator step of a run (also a resumed one) with the noise
     * levels of the objective and the run's seed: targets that fit something per level do it here,
     * deterministically. The default does nothing.
     */
    default void prepare(double[] levels, long seed) {
    }

    /** Called once before each generator step (training targets take their DDE steps here). */
    default void beforeGeneratorStep(long step, UniformRandomProvider rng) {
    }

    /**
     * Whether this target's smoothed score is itself the Gaussian KDE of a fresh reference set of
     * rows ({@link #ofData}, {@link #ofSampler}). Then the KDE q-model, which estimates the
     * generator's score the same way, has the same finite-sample bias on both sides of the gradient
     * and it cancels; {@link GeneratorConfig.QModel#AUTO} picks the KDE q-model only for such targets.
     */
    default boolean sharesKdeBias() {
        return false;
    }

    /** A short description for model files and messages. */
    String describe();

    /** The exact smoothed Gaussian mixture. */
    static GeneratorTarget of(GaussianMixture mixture) {
        return new ClosedFormTarget(mixture, mixture::convolved,
                "gaussian-mixture(" + mixture.components() + " components, d=" + mixture.dimension() + ")");
    }

    /** The exact smoothed Gaussian. */
    static GeneratorTarget of(MultivariateGaussian gaussian) {
        return new ClosedFormTarget(gaussian, gaussian::smoothedDensity, "gaussian(d=" + gaussian.dimension() + ")");
    }

    /**
     * The smoothed empirical distribution of {@code rows} (copied): at each generator step
     * {@code referenceSize} rows are drawn with replacement and p~_s is their Gaussian KDE with
     * bandwidth s. Use the generator's {@code qReferenceSize} (as {@link GeneratorTrainer#trainOnData} does)
     * so that both sides of the KL gradient have the same finite-sample bias.
     */
    static GeneratorTarget ofData(double[][] rows, int referenceSize) {
        return new DataTarget(rows, referenceSize);
    }

    /**
     * A target known through an exact sampler (for example a closed-form Gaussian mixture):
     * KDE of {@code referenceSize} fresh draws per generator step, as {@link #ofData}.
     */
    static GeneratorTarget ofSampler(io.github.dde4j.core.Sampler sampler, int referenceSize) {
        return new SamplerTarget(sampler, referenceSize);
    }

    /** A frozen DDE fitted at {@code sigmaP}; levels above it by Monte Carlo with {@code mcSamples} draws. */
    static GeneratorTarget ofDde(ScalarField fp, double sigmaP, int mcSamples) {
        return new DdeTarget(fp, sigmaP, mcSamples);
    }

    /**
     * A fitted {@link io.github.dde4j.dde.Dde} as target, in its own standardised units (train with
     * {@code withStandardizer(dde.standardizer())}, or use {@link GeneratorTrainer#trainOnDde}): with
     * x = m + s y, f_w(y) = f(x) (the constant Jacobian does not matter) and grad_y f_w = s . grad_x f.
     * Exact at the DDE's sigma, Monte Carlo smoothed above it.
     */
    static GeneratorTarget ofDde(io.github.dde4j.dde.Dde dde, int mcSamples) {
        return new DdeTarget(workingUnits(dde), dde.sigma(), mcSamples);
    }

    /**
     * The product path: a fitted data {@link io.github.dde4j.dde.Dde} and the rows it was fitted to
     * ({@code rows} in the caller's units, copied), in the DDE's standardised units (train with
     * {@code withStandardizer(dde.standardizer())}, or use {@link GeneratorTrainer#trainOnDde(io.github.dde4j.dde.Dde, double[][])}).
     * At the DDE's sigma the target is the DDE itself; at every higher level of the generator's
     * objective, a DDE of the same rows fitted at that level before the first generator step (see
     * docs/generator.md, "Target from data DDEs"). The levels must be fixed (no annealing).
     */
    static GeneratorTarget ofDde(io.github.dde4j.dde.Dde dde, double[][] rows) {
        return ofDde(dde, rows, null);
    }

    /**
     * {@link #ofDde(io.github.dde4j.dde.Dde, double[][])} with the DDEs of the higher levels started
     * ahead ({@link DataDdeLevels#fitInBackground}, on the same rows with the generator's
     * configuration), typically while {@code dde} was being fitted; the first generator step waits
     * for them. {@code levels} may be null.
     */
    static GeneratorTarget ofDde(io.github.dde4j.dde.Dde dde, double[][] rows, DataDdeLevels levels) {
        Checks.requirePoints(rows, dde.dimension(), "rows");
        return new DataDdeTarget(workingUnits(dde), dde.sigma(), dde.standardizer().transform(rows), levels);
    }

    /**
     * {@code dde} seen in its standardised units: with x = m + s y, f_w(y) = f(x) (the constant
     * Jacobian does not matter) and grad_y f_w = s . grad_x f.
     */
    private static ScalarField workingUnits(io.github.dde4j.dde.Dde dde) {
        // the first ND4J call of a run that starts from a loaded DDE: ND4J must get its thread policy
        // first (passive OpenMP waiting), or its idle workers spin against the trainer (2-3x slower)
        io.github.dde4j.dde.nn.Nd4jRuntime.ensureInitialized();
        io.github.dde4j.core.data.Standardizer st = dde.standardizer();
        INDArray m = Nd4j.createFromArray(st.means()).reshape(1, st.dimension());
        INDArray sc = Nd4j.createFromArray(st.scales()).reshape(1, st.dimension());
        return new ScalarField() {
            @Override
            public int dimension() {
                return dde.dimension();
            }

            private INDArray toCaller(INDArray y) {
                return y.castTo(DataType.DOUBLE).mulRowVector(sc).addiRowVector(m);
            }

            @Override
            public INDArray value(INDArray y) {
                return dde.value(toCaller(y)).castTo(y.dataType());
            }

            @Override
            public INDArray inputGradient(INDArray y) {
                return dde.inputGradient(toCaller(y)).castTo(DataType.DOUBLE).muliRowVector(sc).castTo(y.dataType());
            }

            @Override
            public ValueAndGradient valueAndGradient(INDArray y) {
                ValueAndGradient vg = dde.valueAndGradient(toCaller(y));
                return new ValueAndGradient(vg.value().castTo(y.dataType()),
                        vg.gradient().castTo(DataType.DOUBLE).muliRowVector(sc).castTo(y.dataType()));
            }
        };
    }

    /** Any density with a score, smoothed by Monte Carlo with {@code mcSamples} draws per point. */
    static GeneratorTarget ofDensity(Density density, int mcSamples) {
        if (density instanceof GaussianMixture gm) {
            return of(gm);
        }
        if (density instanceof MultivariateGaussian g) {
            return of(g);
        }
        if (!density.hasScore()) {
            throw new IllegalArgumentException(density.getClass().getSimpleName()
                    + " has no score; the generator needs grad log p");
        }
        return new DensityTarget(density, mcSamples);
    }

    /**
     * A DDE trained alongside the generator: before each generator step the trainer runs
     * {@code stepsPerGeneratorStep} steps of {@code fp} on batches of {@code batchSize} rows drawn
     * from {@code data} (working units) at {@code sigmaP}.
     */
    static GeneratorTarget trainedAlongside(DdeLearner fp, double[][] data, double sigmaP, int stepsPerGeneratorStep,
                                            int batchSize) {
        return new AlongsideTarget(fp, data, sigmaP, stepsPerGeneratorStep, batchSize);
    }
}
