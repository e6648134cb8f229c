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
}
