package io.github.dde4j.dde;

import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.nn.Adam;

/**
 * Everything needed to continue a DDE training run exactly where it stopped: resuming from a
 * checkpoint and training on gives bit for bit the parameters an uninterrupted run would have
 * (same data, configuration and thread count). Immutable; round-trips through Jackson.
 *
 * @param config          the run's configuration
 * @param standardizer    the fitted standardisation
 * @param dataFingerprint SHA-256 of the training data, checked on resume
 * @param step            optimiser steps taken
 * @param parameters      network parameters (flat, see {@code ScalarMlp.parameters()})
 * @param adam            optimiser state
 * @param rngState        state of the training random generator ({@code RestorableUniformRandomProvider.saveState})
 * @param bestMonitored   early stopping: best monitored loss so far (NaN if none)
 * @param badEvaluations  early stopping: evaluations since the last improvement
 * @param emaLoss         smoothed training loss (NaN before the first step)
 * @param lastLoss        loss of the last step (NaN before the first step)
 * @param coolDownFrom    the step at which a cool-down began, 0 if none (older checkpoints: 0)
 */
public record DdeCheckpoint(DdeConfig config, Standardizer standardizer, String dataFingerprint, long step,
                            double[] parameters, Adam.State adam, byte[] rngState, double bestMonitored,
                            int badEvaluations, double emaLoss, double lastLoss, long coolDownFrom) {

    public DdeCheckpoint {
        if (config == null || standardizer == null || dataFingerprint == null || parameters == null || adam == null
                || rngState == null) {
            throw new IllegalArgumentException("checkpoint fields must not be null");
        }
        parameters = parameters.clone();
        rngState = rngState.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public byte[] rngState() {
        return rngState.clone();
    }
}
