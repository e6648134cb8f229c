package io.github.dde4j.generator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.dde4j.core.Checks;
import io.github.dde4j.dde.nn.Activation;
import io.github.dde4j.generator.nn.MlpGenerator;
import java.util.List;

/**
 * Hyperparameters of {@link GeneratorTrainer}: validated on construction, immutable, and
 * round-trip through Jackson (a record). {@link #defaults()} gives the measured defaults
 * (docs/generator.md), {@code with...} methods change one field.
 *
 * <p>The objective at generator step t is a weighted sum of KL terms over the noise levels
 * {@link #levels(long)}: sum_s KL(q~_s || p~_s). With {@code levels = 1} and {@code anneal} true
 * the single level decays geometrically from {@code sigmaMax} to {@code sigma} over the first
 * {@code annealFraction} of the steps; with {@code levels > 1} the levels are fixed and spaced
 * geometrically from {@code sigmaMax} down to {@code sigma} (multi-scale objective).
 *
 * @param latentDimension  k; 0 means k = d
 * @param hidden           hidden widths of the MLP generator
 * @param activation       hidden activation
 * @param skip             NONE, IDENTITY (g = z + MLP) or AFFINE (g = zA + c + MLP); skips need k = d
 * @param init             RANDOM, IDENTITY (skip map = identity) or GAUSSIAN (skip map = the affine map of a
 *                         Gaussian fitted to target samples, when the target can provide them)
 * @param outputScale      scale of the MLP's output layer at initialisation (small with a skip)
 * @param batchSize        generator batch B
 * @param steps            maximum number of generator steps
 * @param learningRate     Adam learning rate of the generator
 * @param schedule         CONSTANT, COSINE (to {@code finalLearningRateFraction} of the start) or STEP (x0.3 at
 *                         60% and 85%)
 * @param finalLearningRateFraction end of the cosine schedule as a fraction of {@code learningRate}
 * @param sigma            smallest noise level (working units)
 * @param sigmaMax         largest noise level (>= sigma), or 0 (the default): sized to the dimension d by
 *                         {@link #forDimension}, max(1, sqrt(d)/2, sigma) standardised units
 * @param levels           number of noise levels in the objective (1 = single scale)
 * @param anneal           with one level: anneal sigma from sigmaMax to sigma
 * @param annealFraction   fraction of the steps over which sigma is annealed
 * @param qModel           how the generator's own smoothed score is estimated: KDE (exact KDE of a fresh batch of
 *                         generator samples), DDE (one DdeLearner f_q per level, docs/method.md "The generator loop") or AUTO
 *                         (the default: KDE when the target's score is itself a KDE of reference rows, DDE
 *                         otherwise; see {@link #qModelFor})
 * @param qReferenceSize   generator samples in the KDE reference set (qModel KDE)
 * @param qSteps           f_q steps per generator step (qModel DDE)
 * @param mcSamples        Monte Carlo draws per point when smoothing a DDE or density target above its own level
 * @param evalEvery        evaluation interval in generator steps (0 = never)
 * @param evalSamples      generated and reference samples per evaluation
 * @param patience         cool down and stop after this many evaluations without relative improvement of
 *                         {@code minDelta} in the energy distance (three times as many early in a run far from its
 *                         floor: GeneratorTrainer; 0 = never)
 * @param minDelta         relative improvement that resets the patience counter
 * @param targetMmd2       stop when MMD^2 falls below this (0 = never)
 * @param maxLossFactor    divergence: the generator output exceeds this many target standard deviations
 * @param doublePrecision  float64 instead of float32
 * @param seed             seed of every random draw of the run
 * @param levelWeightPower level weights w_s proportional to s^power, normalised to sum 1 (0 = equal weights;
 *                         2 gives every level a gradient of similar size, since score differences scale like 1/s^2)
 * @param emaDecay         the trained generator is the exponential moving average of the parameters with this
 *                         decay per step (0 = the last step's parameters); the convergence checks evaluate it
 */
public record GeneratorConfig(
        int latentDimension,
        List<Integer> hidden,
        Activation activation,
        MlpGenerator.Skip skip,
        Init init,
        double outputScale,
        int batchSize,
        int steps,
        double learningRate,
        Schedule schedule,
        double finalLearningRateFraction,
        double sigma,
        double sigmaMax,
        int levels,
        boolean anneal,
        double annealFraction,
        QModel qModel,
        int qReferenceSize,
        int qSteps,
        int mcSamples,
        int evalEvery,
        int evalSamples,
        int patience,
        double minDelta,
        double targetMmd2,
        double maxLossFactor,
        boolean doublePrecision,
        long seed,
        double levelWeightPower,
        double emaDecay) {

    /** Initialisation of the generator's skip map. */
    public enum Init { RANDOM, IDENTITY, GAUSSIAN }

    /** Learning-rate schedule. */
    public enum Schedule { CONSTANT, COSINE, STEP }

    /** Estimator of the generator's smoothed score grad log q~_s. */
    public enum QModel { KDE, DDE, AUTO }

    public GeneratorConfig {
        Checks.requireAtLeast(latentDimension, 0, "latentDimension");
        if (hidden == null) {
            throw new IllegalArgumentException("hidden is null");
        }
        hidden = List.copyOf(hidden);
        for (int i = 0; i < hidden.size(); i++) {
            Checks.requireAtLeast(hidden.get(i), 1, "hidden[" + i + "]");
        }
        if (activation == null || skip == null || init == null || schedule == null || qModel == null) {
            throw new IllegalArgumentException("activation, skip, init, schedule and qModel must be set");
        }
        if (skip == MlpGenerator.Skip.NONE && init != Init.RANDOM) {
            throw new IllegalArgumentException("init " + init + " needs a skip (IDENTITY or AFFINE), skip is NONE");
        }
        if (init == Init.GAUSSIAN && skip != MlpGenerator.Skip.AFFINE) {
            throw new IllegalArgumentException("init GAUSSIAN needs skip AFFINE, got " + skip);
        }
        if (!(outputScale >= 0 && outputScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("outputScale must be finite and >= 0, got " + outputScale);
        }
        Checks.requireAtLeast(batchSize, 2, "batchSize");
        Checks.requireAtLeast(steps, 1, "steps");
        Checks.requirePositive(learningRate, "learningRate");
        if (!(finalLearningRateFraction >= 0 && finalLearningRateFraction <= 1)) {
            throw new IllegalArgumentException("finalLearningRateFraction must be in [0, 1], got " + finalLearningRateFraction);
        }
        Checks.requirePositive(sigma, "sigma");
        if (!(sigmaMax == AUTO_SIGMA_MAX || sigmaMax > 0 && sigmaMax < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigmaMax must be > 0, or 0 for the dimension's own, got " + sigmaMax);
        }
        if (sigmaMax != AUTO_SIGMA_MAX && sigmaMax < sigma) {
            throw new IllegalArgumentException("sigmaMax " + sigmaMax + " must be >= sigma " + sigma);
        }
        Checks.requireAtLeast(levels, 1, "levels");
        if (!(annealFraction > 0 && annealFraction <= 1)) {
            throw new IllegalArgumentException("annealFraction must be in (0, 1], got " + annealFraction);
        }
        Checks.requireAtLeast(qReferenceSize, 2, "qReferenceSize");
        Checks.requireAtLeast(qSteps, 1, "qSteps");
        Checks.requireAtLeast(mcSamples, 1, "mcSamples");
        Checks.requireAtLeast(evalEvery, 0, "evalEvery");
        Checks.requireAtLeast(evalSamples, 2, "evalSamples");
        Checks.requireAtLeast(patience, 0, "patience");
        if (!(minDelta >= 0 && minDelta < 1)) {
            throw new IllegalArgumentException("minDelta must be in [0, 1), got " + minDelta);
        }
        if (!(targetMmd2 >= 0 && targetMmd2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("targetMmd2 must be finite and >= 0, got " + targetMmd2);
        }
        Checks.requirePositive(maxLossFactor, "maxLossFactor");
        Checks.requireFinite(levelWeightPower, "levelWeightPower");
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("emaDecay must be in [0, 1), got " + emaDecay);
        }
    }

    /** The weights of the levels {@link #levels(long)} at step t: s^levelWeightPower, normalised. */
    public double[] levelWeights(long t) {
        double[] lv = levels(t);
        double[] w = new double[lv.length];
        double sum = 0;
        for (int i = 0; i < lv.length; i++) {
            w[i] = Math.pow(lv[i], levelWeightPower);
            sum += w[i];
        }
        for (int i = 0; i < lv.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The measured defaults (see docs/generator.md): the f_p/f_q loop over 4 levels from max(1, sqrt(d)/2)
     * down to 0.1 standardised units ({@link #forDimension}), learning rate 1e-2 (cosine to 5 percent over at most 2,000 steps), the generator
     * taken as the moving average of its parameters (decay 0.99), and a convergence check every 50 steps
     * that stops the run once the energy distance of the averaged generator's rows to the reference rows
     * has not improved by 2 percent in 4 checks.
     */
    public static GeneratorConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.latentDimension = latentDimension;
        b.hidden = hidden;
        b.activation = activation;
        b.skip = skip;
        b.init = init;
        b.outputScale = outputScale;
        b.batchSize = batchSize;
        b.steps = steps;
        b.learningRate = learningRate;
        b.schedule = schedule;
        b.finalLearningRateFraction = finalLearningRateFraction;
        b.sigma = sigma;
        b.sigmaMax = sigmaMax;
        b.levels = levels;
        b.anneal = anneal;
        b.annealFraction = annealFraction;
        b.qModel = qModel;
        b.qReferenceSize = qReferenceSize;
        b.qSteps = qSteps;
        b.mcSamples = mcSamples;
        b.evalEvery = evalEvery;
        b.evalSamples = evalSamples;
        b.patience = patience;
        b.minDelta = minDelta;
        b.targetMmd2 = targetMmd2;
        b.maxLossFactor = maxLossFactor;
        b.doublePrecision = doublePrecision;
        b.seed = seed;
        b.levelWeightPower = levelWeightPower;
        b.emaDecay = emaDecay;
        return b;
    }

    /**
     * The q-model a run on {@code target} uses: {@link #qModel()} unless it is AUTO, which picks KDE
     * when the target's smoothed score is itself the KDE of a fresh reference set
     * ({@link GeneratorTarget#sharesKdeBias()}: data and sampler targets), so that the KDE q-score's
     * finite-sample bias appears on both sides of the gradient and cancels, and DDE (f_q learners)
     * for targets given by an exact or DDE score. Against those the KDE q-score's bias is one-sided:
     * it spreads the generator out, and with the defaults the run diverged within 36..44 steps on a
     * standard Gaussian target in d = 8, 16 and 64 and within 257 steps in d = 4, while f_q learners
     * fitted the 16-D Gaussian (docs/generator.md, "Choosing the q-model").
     */
    public QModel qModelFor(GeneratorTarget target) {
        if (qModel != QModel.AUTO) {
            return qModel;
        }
        return target.sharesKdeBias() ? QModel.KDE : QModel.DDE;
    }

    /** {@code sigmaMax} meaning "sized to the dimension" ({@link #forDimension}). */
    public static final double AUTO_SIGMA_MAX = 0.0;

    /**
     * This configuration with an automatic {@code sigmaMax} replaced by the value for {@code d}
     * columns, max(1, sqrt(d)/2, sigma); unchanged when sigmaMax is set. Why sqrt(d): in standardised
     * units, rows of two separated clusters lie a distance of order sqrt(d) apart, so the coarsest
     * level must grow with d for its smoothed densities to overlap; then the objective there pulls
     * mass towards every cluster, and the generator does not start by dropping one. Measured on five
     * Gaussian clusters in 30 columns (docs/generator.md, "The largest noise level"): with 1.0 the
     * generator sat with one cluster empty and another doubled (energy 0.48 against a floor of
     * 0.024) for 1,700 steps; with sqrt(30)/2 = 2.74 it reached 0.06 by step 150. From 1 to 4
     * columns the value is 1.0, as before.
     */
    public GeneratorConfig forDimension(int d) {
        Checks.requireAtLeast(d, 1, "d");
        if (sigmaMax != AUTO_SIGMA_MAX) {
            return this;
        }
        return toBuilder().sigmaMax(Math.max(sigma, Math.max(1.0, Math.sqrt(d) / 2))).build();
    }

    /** Whether {@code sigmaMax} waits for {@link #forDimension}. */
    @JsonIgnore
    public boolean sigmaMaxAuto() {
        return sigmaMax == AUTO_SIGMA_MAX;
    }

    /**
     * The noise levels of the objective at generator step {@code t} (0-based), largest first.
     *
     * @throws IllegalStateException with an automatic sigmaMax: call {@link #forDimension} first
     */
    @JsonIgnore
    public double[] levels(long t) {
        if (sigmaMaxAuto() && (levels > 1 || anneal)) {
            throw new IllegalStateException("sigmaMax is automatic (0): size it with forDimension(d) first");
        }
        if (levels == 1) {
            if (!anneal) {
                return new double[] {sigma};
            }
            double horizon = annealFraction * steps;
            double frac = Math.min(1.0, t / Math.max(1.0, horizon));
            return new double[] {sigmaMax * Math.pow(sigma / sigmaMax, frac)};
        }
        double[] out = new double[levels];
        for (int i = 0; i < levels; i++) {
            out[i] = sigmaMax * Math.pow(sigma / sigmaMax, (double) i / (levels - 1));
        }
        return out;
    }

    /** The learning rate at generator step {@code t} (0-based). */
    public double learningRateAt(long t) {
        double frac = Math.min(1.0, (double) t / steps);
        switch (schedule) {
            case CONSTANT:
                return learningRate;
            case COSINE: {
                double lo = learningRate * finalLearningRateFraction;
                return lo + 0.5 * (learningRate - lo) * (1 + Math.cos(Math.PI * frac));
            }
            case STEP:
                return learningRate * (frac < 0.6 ? 1.0 : frac < 0.85 ? 0.3 : 0.09);
            default:
                throw new AssertionError(schedule);
        }
    }

    /** Sets the level weighting exponent. */
    public GeneratorConfig withLevelWeightPower(double p) {
        return toBuilder().levelWeightPower(p).build();
    }

    /** Sets the maximum number of steps. */
    public GeneratorConfig withSteps(int v) {
        return toBuilder().steps(v).build();
    }

    /** Sets the seed. */
    public GeneratorConfig withSeed(long v) {
        return toBuilder().seed(v).build();
    }

    /** Sets the noise levels: smallest {@code sigma}, largest {@code sigmaMax}, {@code levels} of them, annealing. */
    public GeneratorConfig withSigma(double sigma, double sigmaMax, int levels, boolean anneal) {
        return toBuilder().sigma(sigma).sigmaMax(sigmaMax).levels(levels).anneal(anneal).build();
    }

    /** Sets the optimiser: learning rate and schedule. */
    public GeneratorConfig withLearningRate(double lr, Schedule schedule) {
        return toBuilder().learningRate(lr).schedule(schedule).build();
    }

    /** Sets the architecture. */
    public GeneratorConfig withNetwork(List<Integer> hidden, Activation activation, MlpGenerator.Skip skip,
                                       Init init) {
        return toBuilder().hidden(hidden).activation(activation).skip(skip).init(init).build();
    }

    /** Sets the q estimator and f_q steps per generator step. */
    public GeneratorConfig withQModel(QModel q, int qSteps) {
        return toBuilder().qModel(q).qSteps(qSteps).build();
    }

    /** Sets the evaluation and stop rule. */
    public GeneratorConfig withEvaluation(int evalEvery, int evalSamples, int patience, double targetMmd2) {
        return toBuilder().evalEvery(evalEvery).evalSamples(evalSamples).patience(patience).targetMmd2(targetMmd2).build();
    }

    /** Sets the batch size and the KDE reference size. */
    public GeneratorConfig withBatch(int batchSize, int qReferenceSize) {
        return toBuilder().batchSize(batchSize).qReferenceSize(qReferenceSize).build();
    }

    /** Float64 instead of float32. */
    public GeneratorConfig withDoublePrecision(boolean v) {
        return toBuilder().doublePrecision(v).build();
    }

    /** Builds a {@link GeneratorConfig}; each setter names a record component, {@link #build()} validates. */
    public static final class Builder {
        private int latentDimension = 0;
        private List<Integer> hidden = List.of(128, 128, 128);
        private Activation activation = Activation.SILU;
        private MlpGenerator.Skip skip = MlpGenerator.Skip.AFFINE;
        private Init init = Init.GAUSSIAN;
        private double outputScale = 0.1;
        private int batchSize = 512;
        private int steps = 2000;
        private double learningRate = 1e-2;
        private Schedule schedule = Schedule.COSINE;
        private double finalLearningRateFraction = 0.05;
        private double sigma = 0.1;
        private double sigmaMax = AUTO_SIGMA_MAX;
        private int levels = 4;
        private boolean anneal = false;
        private double annealFraction = 0.7;
        private QModel qModel = QModel.AUTO;
        private int qReferenceSize = 1024;
        private int qSteps = 3;
        private int mcSamples = 16;
        private int evalEvery = 50;
        private int evalSamples = 2000;
        private int patience = 4;
        private double minDelta = 0.02;
        private double targetMmd2 = 0.0;
        private double maxLossFactor = 1000.0;
        private boolean doublePrecision = false;
        private long seed = 42L;
        private double levelWeightPower = 2.0;
        private double emaDecay = 0.99;

        private Builder() {
        }

        /** Sets {@code latentDimension}. */
        public Builder latentDimension(int v) {
            this.latentDimension = v;
            return this;
        }

        /** Sets {@code hidden}. */
        public Builder hidden(List<Integer> v) {
            this.hidden = v;
            return this;
        }

        /** Sets {@code activation}. */
        public Builder activation(Activation v) {
            this.activation = v;
            return this;
        }

        /** Sets {@code skip}. */
        public Builder skip(MlpGenerator.Skip v) {
            this.skip = v;
            return this;
        }

        /** Sets {@code init}. */
        public Builder init(Init v) {
            this.init = v;
            return this;
        }

        /** Sets {@code outputScale}. */
        public Builder outputScale(double v) {
            this.outputScale = v;
            return this;
        }

        /** Sets {@code batchSize}. */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** Sets {@code steps}. */
        public Builder steps(int v) {
            this.steps = v;
            return this;
        }

        /** Sets {@code learningRate}. */
        public Builder learningRate(double v) {
            this.learningRate = v;
            return this;
        }

        /** Sets {@code schedule}. */
        public Builder schedule(Schedule v) {
            this.schedule = v;
            return this;
        }

        /** Sets {@code finalLearningRateFraction}. */
        public Builder finalLearningRateFraction(double v) {
            this.finalLearningRateFraction = v;
            return this;
        }

        /** Sets {@code sigma}. */
        public Builder sigma(double v) {
            this.sigma = v;
            return this;
        }

        /** Sets {@code sigmaMax}. */
        public Builder sigmaMax(double v) {
            this.sigmaMax = v;
            return this;
        }

        /** Sets {@code levels}. */
        public Builder levels(int v) {
            this.levels = v;
            return this;
        }

        /** Sets {@code anneal}. */
        public Builder anneal(boolean v) {
            this.anneal = v;
            return this;
        }

        /** Sets {@code annealFraction}. */
        public Builder annealFraction(double v) {
            this.annealFraction = v;
            return this;
        }

        /** Sets {@code qModel}. */
        public Builder qModel(QModel v) {
            this.qModel = v;
            return this;
        }

        /** Sets {@code qReferenceSize}. */
        public Builder qReferenceSize(int v) {
            this.qReferenceSize = v;
            return this;
        }

        /** Sets {@code qSteps}. */
        public Builder qSteps(int v) {
            this.qSteps = v;
            return this;
        }

        /** Sets {@code mcSamples}. */
        public Builder mcSamples(int v) {
            this.mcSamples = v;
            return this;
        }

        /** Sets {@code evalEvery}. */
        public Builder evalEvery(int v) {
            this.evalEvery = v;
            return this;
        }

        /** Sets {@code evalSamples}. */
        public Builder evalSamples(int v) {
            this.evalSamples = v;
            return this;
        }

        /** Sets {@code patience}. */
        public Builder patience(int v) {
            this.patience = v;
            return this;
        }

        /** Sets {@code minDelta}. */
        public Builder minDelta(double v) {
            this.minDelta = v;
            return this;
        }

        /** Sets {@code targetMmd2}. */
        public Builder targetMmd2(double v) {
            this.targetMmd2 = v;
            return this;
        }

        /** Sets {@code maxLossFactor}. */
        public Builder maxLossFactor(double v) {
            this.maxLossFactor = v;
            return this;
        }

        /** Sets {@code doublePrecision}. */
        public Builder doublePrecision(boolean v) {
            this.doublePrecision = v;
            return this;
        }

        /** Sets {@code seed}. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Sets {@code levelWeightPower}. */
        public Builder levelWeightPower(double v) {
            this.levelWeightPower = v;
            return this;
        }

        /** Sets {@code emaDecay}. */
        public Builder emaDecay(double v) {
            this.emaDecay = v;
            return this;
        }

        /** The validated configuration. */
        public GeneratorConfig build() {
            return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps, learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel, qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor, doublePrecision, seed, levelWeightPower, emaDecay);
        }
    }
}
