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

    /** {@link #of} with the dde module's default configuration. */
    static DdeLearnerFactory defaults() {
        return of(io.github.dde4j.dde.DdeConfig.defaults());
    }
}
