package io.github.dde4j.cli;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.normalize.LogZEstimate;
import io.github.dde4j.dde.sampling.LangevinTarget;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the command needs from the dde module, in one place: training (with checkpoints),
 * normalisation, the normalised density in the caller's units, and the Langevin target.
 */
final class DdeSupport {

    private DdeSupport() {
    }

    /** Training settings gathered from flags and the config file (a JSON object of DdeConfig fields). */
    record Settings(Map<String, Object> config, Double sigma, Integer steps, long seed) {
    }

    /** A fitted DDE with its log normaliser. */
    record Fitted(Dde dde, LogZEstimate logZ, Map<String, Object> config, double seconds) {
    }

    static Fitted fit(double[][] data, Settings s, TrainingListener listener, Checkpoints.State state, Path checkpoint,
                      int checkpointEvery) {
        throw new UserException("DDE training is not available in this build");
    }

    static LogZEstimate logZ(Dde dde, double[][] data, long seed) {
        throw new UserException("DDE normalisation is not available in this build");
    }

    /** exp(f - log Z) in the caller's units. */
    static Density normalized(Dde dde, LogZEstimate logZ) {
        throw new UserException("DDE densities are not available in this build");
    }

    /** The DDE as a Langevin target in the caller's units. */
    static LangevinTarget langevinTarget(Dde dde) {
        throw new UserException("Langevin sampling is not available in this build");
    }

    /** The DDE's noise level in the caller's units per column (for step sizes), or null. */
    static double sigma(Dde dde) {
        return Double.NaN;
    }
}
