package io.github.dde4j.dde;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.nn.Activation;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import io.github.dde4j.dde.nn.MlpSpec;
import io.github.dde4j.dde.nn.Precision;
import java.util.List;

/**
 * Hyperparameters of DDE training (docs/method.md, "Training practice"). A validated record that round-trips
 * through Jackson; build one with {@link #builder()}.
 *
 * @param hiddenWidths       hidden layer widths of the MLP f (at least one)
 * @param activation         smooth activation
 * @param residual           identity skips between hidden layers of equal width
 * @param sigma              noise level schedule, in training units (standardised if {@code standardize})
 * @param objective          regression target; LOW_VARIANCE is the default
 * @param referenceSize      LOW_VARIANCE: R random data points joining the clean point in the
 *                           reference set, when the training set is larger than
 *                           {@code fullReferenceLimit}
 * @param fullReferenceLimit LOW_VARIANCE: training sets up to this size are the reference set
 *                           themselves (exact KDE score targets)
 * @param batchSize          points per step, >= 1
 * @param steps              optimiser steps (> 0), or 0 to use {@code epochs}
 * @param epochs             passes over the data (used when steps == 0): steps = ceil(epochs n / batch)
 * @param adam               optimiser and learning-rate schedule
 * @param seed               seed of every random choice (initialisation, batches, noise)
 * @param standardize        fit in standardised coordinates (densities are still reported in
 *                           the caller's units, with the Jacobian applied)
 * @param earlyStopping      plateau detection, or null for none
 * @param precision          float32 (default) or float64
 * @param threads            threads for ND4J/BLAS, or 0 to keep {@code Nd4jRuntime}'s setting
 */
public record DdeConfig(List<Integer> hiddenWidths, Activation activation, boolean residual, SigmaSchedule sigma,
                        Objective objective, int referenceSize, int fullReferenceLimit, int batchSize, long steps,
                        int epochs, AdamConfig adam, long seed, boolean standardize, EarlyStopping earlyStopping,
                        Precision precision, int threads) {

    public DdeConfig {
        if (activation == null || sigma == null || objective == null || adam == null || precision == null) {
            throw new IllegalArgumentException("activation, sigma, objective, adam and precision must not be null");
        }
        // validates widths
        new MlpSpec(1, hiddenWidths, activation, residual, precision);
        hiddenWidths = List.copyOf(hiddenWidths);
        Checks.requireAtLeast(referenceSize, 1, "referenceSize");
        Checks.requireAtLeast(fullReferenceLimit, 0, "fullReferenceLimit");
        Checks.requireAtLeast(batchSize, 1, "batchSize");
        if (steps < 0 || epochs < 0 || (steps == 0) == (epochs == 0)) {
            throw new IllegalArgumentException("exactly one of steps (" + steps + ") and epochs (" + epochs
                    + ") must be > 0");
        }
        Checks.requireAtLeast(threads, 0, "threads");
    }

    /** The defaults (see {@link Builder}). */
    public static DdeConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hiddenWidths = hiddenWidths;
        b.activation = activation;
        b.residual = residual;
        b.sigma = sigma;
        b.objective = objective;
        b.referenceSize = referenceSize;
        b.fullReferenceLimit = fullReferenceLimit;
        b.batchSize = batchSize;
        b.steps = steps;
        b.epochs = epochs;
        b.adam = adam;
        b.seed = seed;
        b.standardize = standardize;
        b.earlyStopping = earlyStopping;
        b.precision = precision;
        b.threads = threads;
        return b;
    }

    /** The network shape for data of dimension {@code d}. */
    public MlpSpec network(int d) {
        return new MlpSpec(d, hiddenWidths, activation, residual, precision);
    }

    /**
     * The standardiser a {@link DdeTrainer} with this configuration fits to {@code data}: the rows'
     * own when {@code standardize}, else the identity. Work that must see the rows as the DDE does
     * (the generator's level DDEs, the noise level chosen from the rows) uses this one.
     */
    public Standardizer standardizer(double[][] data) {
        return standardize ? Standardizer.fit(data) : Standardizer.identity(data[0].length);
    }

    /** The number of optimiser steps for {@code n} training rows. */
    public long totalSteps(int n) {
        return steps > 0 ? steps : ((long) epochs * n + batchSize - 1) / batchSize;
    }

    /**
     * Builds a {@link DdeConfig}. Defaults: 3 hidden layers of 128 softplus units, no skips, sigma
     * fixed at 0.1, LOW_VARIANCE with reference 1024 / full reference up to 2048 rows, batch 512,
     * at most 6000 steps, Adam 1e-3 with cosine decay to 0 over them, seed 0, standardised, stopped
     * at the validation plateau with a cool-down ({@link EarlyStopping#onValidationPlateau()}; most
     * tables converge in 800 to 4,000 steps), float32, threads from Nd4jRuntime.
     */
    public static final class Builder {
        private List<Integer> hiddenWidths = List.of(128, 128, 128);
        private Activation activation = Activation.SOFTPLUS;
        private boolean residual;
        private SigmaSchedule sigma = SigmaSchedule.fixed(0.1);
        private Objective objective = Objective.LOW_VARIANCE;
        private int referenceSize = 1024;
        private int fullReferenceLimit = 2048;
        private int batchSize = 512;
        private long steps = 6000;
        private int epochs;
        private AdamConfig adam = AdamConfig.of(1e-3).withSchedule(LearningRateSchedule.cosine(0));
        private long seed;
        private boolean standardize = true;
        private EarlyStopping earlyStopping = EarlyStopping.onValidationPlateau();
        private Precision precision = Precision.FLOAT32;
        private int threads;

        private Builder() {
        }

        public Builder hiddenWidths(List<Integer> v) {
            hiddenWidths = v;
            return this;
        }

        /** {@code depth} hidden layers of {@code width} units. */
        public Builder hidden(int depth, int width) {
            hiddenWidths = java.util.Collections.nCopies(depth, width);
            return this;
        }

        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        public Builder residual(boolean v) {
            residual = v;
            return this;
        }

        public Builder sigma(SigmaSchedule v) {
            sigma = v;
            return this;
        }

        /** A fixed sigma. */
        public Builder sigma(double v) {
            sigma = SigmaSchedule.fixed(v);
            return this;
        }

        public Builder objective(Objective v) {
            objective = v;
            return this;
        }

        public Builder referenceSize(int v) {
            referenceSize = v;
            return this;
        }

        public Builder fullReferenceLimit(int v) {
            fullReferenceLimit = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Train for {@code v} steps (clears epochs). */
        public Builder steps(long v) {
            steps = v;
            epochs = 0;
            return this;
        }

        /** Train for {@code v} epochs (clears steps). */
        public Builder epochs(int v) {
            epochs = v;
            steps = 0;
            return this;
        }

        public Builder adam(AdamConfig v) {
            adam = v;
            return this;
        }

        /** Adam with base rate {@code lr}, keeping the current schedule. */
        public Builder learningRate(double lr) {
            adam = new AdamConfig(lr, adam.beta1(), adam.beta2(), adam.epsilon(), adam.schedule());
            return this;
        }

        public Builder schedule(LearningRateSchedule s) {
            adam = adam.withSchedule(s);
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder standardize(boolean v) {
            standardize = v;
            return this;
        }

        public Builder earlyStopping(EarlyStopping v) {
            earlyStopping = v;
            return this;
        }

        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public DdeConfig build() {
            return new DdeConfig(hiddenWidths, activation, residual, sigma, objective, referenceSize, fullReferenceLimit,
                    batchSize, steps, epochs, adam, seed, standardize, earlyStopping, precision, threads);
        }
    }
}
