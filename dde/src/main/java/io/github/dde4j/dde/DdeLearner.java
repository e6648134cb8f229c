package io.github.dde4j.dde;

import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DDE in training that an outer loop steps itself: the generator trainer uses one to follow
 * the generator's own samples (f_q of METHOD.md section 3). Mutable and single-threaded; take
 * {@link #snapshot()} for an immutable fitted model.
 */
public interface DdeLearner extends ScalarField {

    /**
     * One optimiser step of the denoising objective on a batch of clean points (rows of
     * {@code clean}, in the learner's working units) at noise level {@code sigma}; the noise is
     * drawn from {@code rng}. Returns the minibatch loss.
     */
    double step(INDArray clean, double sigma, UniformRandomProvider rng);

    /** Optimiser steps taken so far. */
    long steps();

    /** An immutable copy of the current network as a fitted DDE. */
    Dde snapshot();
}
