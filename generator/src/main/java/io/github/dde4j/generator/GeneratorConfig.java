package io.github.dde4j.generator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.dde4j.core.Checks;
import io.github.dde4j.generator.nn.GeneratorActivation;
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
 * @param sigmaMax         largest noise level (>= sigma)
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
 * @param patience         stop after this many evaluations without relative improvement of {@code minDelta} in MMD^2
 *                         (0 = never)
 * @param minDelta         relative improvement that resets the patience counter
 * @param targetMmd2       stop when MMD^2 falls below this (0 = never)
 * @param maxLossFactor    divergence: the generator output exceeds this many target standard deviations
 * @param doublePrecision  float64 instead of float32
 * @param seed             seed of every random draw of the run
 * @param levelWeightPower level weights w_s proportional to s^power, normalised to sum 1 (0 = equal weights;
 *                         2 gives every level a gradient of similar size, since score differences scale like 1/s^2)
 */
public record GeneratorConfig(
        int latentDimension,
        List<Integer> hidden,
        GeneratorActivation activation,
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
        double levelWeightPower) {

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
        Checks.requirePositive(sigmaMax, "sigmaMax");
        if (sigmaMax < sigma) {
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

    /** Sets the level weighting exponent. */
    public GeneratorConfig withLevelWeightPower(double p) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, p);
    }

    /**
     * The measured defaults (see docs/generator.md): 2,000 steps at learning rate 1e-2 (cosine to 5%).
     * Measured on eight Gaussians, mean exact log density of 10,000 generated rows against -1.686 for
     * true rows: 600 steps at 1e-3 (the earlier defaults) -3.54 (closed-form target) / -3.67 (from
     * data), a ring through the modes; 2,000 steps at 1e-2 -2.03 / -1.96, eight separate blobs.
     */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(0, List.of(128, 128, 128), GeneratorActivation.SILU, MlpGenerator.Skip.AFFINE,
                Init.GAUSSIAN, 0.1, 512, 2000, 1e-2, Schedule.COSINE, 0.05, 0.1, 1.0, 4, false, 0.7,
                QModel.AUTO, 1024, 3, 16, 200, 2000, 0, 0.01, 0.0, 1000.0, false, 42L, 2.0);
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

    /** The noise levels of the objective at generator step {@code t} (0-based), largest first. */
    @JsonIgnore
    public double[] levels(long t) {
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

    public GeneratorConfig withSteps(int v) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, v,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, levelWeightPower);
    }

    public GeneratorConfig withSeed(long v) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, v, levelWeightPower);
    }

    /** Sets the noise levels: smallest {@code sigma}, largest {@code sigmaMax}, {@code levels} of them, annealing. */
    public GeneratorConfig withSigma(double sigma, double sigmaMax, int levels, boolean anneal) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, levelWeightPower);
    }

    /** Sets the optimiser: learning rate and schedule. */
    public GeneratorConfig withLearningRate(double lr, Schedule schedule) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                lr, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, levelWeightPower);
    }

    /** Sets the architecture. */
    public GeneratorConfig withNetwork(List<Integer> hidden, GeneratorActivation activation, MlpGenerator.Skip skip,
                                       Init init) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, levelWeightPower);
    }

    /** Sets the q estimator and f_q steps per generator step. */
    public GeneratorConfig withQModel(QModel q, int qSteps) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, q,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, levelWeightPower);
    }

    /** Sets the evaluation and stop rule. */
    public GeneratorConfig withEvaluation(int evalEvery, int evalSamples, int patience, double targetMmd2) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, levelWeightPower);
    }

    /** Sets the batch size and the KDE reference size. */
    public GeneratorConfig withBatch(int batchSize, int qReferenceSize) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                doublePrecision, seed, levelWeightPower);
    }

    /** Float64 instead of float32. */
    public GeneratorConfig withDoublePrecision(boolean v) {
        return new GeneratorConfig(latentDimension, hidden, activation, skip, init, outputScale, batchSize, steps,
                learningRate, schedule, finalLearningRateFraction, sigma, sigmaMax, levels, anneal, annealFraction, qModel,
                qReferenceSize, qSteps, mcSamples, evalEvery, evalSamples, patience, minDelta, targetMmd2, maxLossFactor,
                v, seed, levelWeightPower);
    }
}
