package io.github.dde4j.generator;

import io.github.dde4j.dde.DdeLearner;

/**
 * Creates the DDE f_q that follows the generator's samples at one noise level (qModel DDE).
 * The learner works in the trainer's working units.
 */
@FunctionalInterface
public interface DdeLearnerFactory {

    /** A fresh learner for dimension {@code d}, whose initialisation is determined by {@code seed}. */
    DdeLearner create(int d, double sigma, long seed);

    /**
     * The dde module's network learner ({@code DdeTrainer.learner}) with {@code config}'s network,
     * objective and Adam settings, and the seed replaced by the one the trainer hands out per level.
     */
    static DdeLearnerFactory of(io.github.dde4j.dde.DdeConfig config) {
        return (d, sigma, seed) -> io.github.dde4j.dde.DdeTrainer.learner(new io.github.dde4j.dde.DdeConfig(
                config.hiddenWidths(), config.activation(), config.residual(), config.sigma(), config.objective(),
                config.referenceSize(), config.fullReferenceLimit(), config.batchSize(), config.steps(), config.epochs(),
                config.adam(), seed, false, config.earlyStopping(), config.precision(), config.threads()), d);
    }

    /**
     * The f_q learners qModel DDE uses unless told otherwise: dde's defaults (softplus MLP,
     * low-variance objective) with 3 hidden layers of 64 and a constant Adam rate 1e-3. Constant,
     * because f_q must keep following a generator that moves until its last step (dde's default
     * cosine decay would reach 0 after its 4,000 learner steps, a fifth of a default generator run);
     * 3 x 64, because it met every eight-Gaussians check at half the cost of 3 x 128
     * (docs/generator.md, "qModel DDE on eight Gaussians").
     */
    static DdeLearnerFactory defaults() {
        return of(io.github.dde4j.dde.DdeConfig.builder().hidden(3, 64)
                .adam(io.github.dde4j.dde.nn.AdamConfig.of(1e-3)
                        .withSchedule(io.github.dde4j.dde.nn.LearningRateSchedule.constant()))
                .build());
    }
}
