package io.github.dde4j.dde;

import io.github.dde4j.core.progress.TrainingEvent.StopReason;

/**
 * Where a fitted DDE came from: enough to rebuild it (configuration and seed are in the
 * {@link DdeConfig}; this adds what the run found).
 *
 * @param libraryVersion  dde4j version that trained it
 * @param trainingRows    rows used for training (after any validation split)
 * @param dataFingerprint SHA-256 of the training data (row-major IEEE doubles), hex
 * @param steps           optimiser steps taken
 * @param finalSigma      sigma at the last step (training units)
 * @param finalLoss       minibatch loss of the last step
 * @param stopReason      why training ended
 */
public record DdeProvenance(String libraryVersion, int trainingRows, String dataFingerprint, long steps,
                            double finalSigma, double finalLoss, StopReason stopReason) {

    /** The version string of this build of dde4j (from the jar manifest, "dev" when run from classes). */
    public static String currentVersion() {
        String v = DdeProvenance.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
