package io.github.dde4j.generator;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to resume a generator run bit for bit: generator parameters, Adam state, the
 * random generator's state, the step, and the stop-rule state. With qModel KDE the generator's
 * own score has no trained state, so a resumed run equals an uninterrupted one exactly (tested).
 * With qModel DDE the f_q learners are not part of the {@code DdeLearner} contract's state, so a
 * resumed run restarts them (documented limitation).
 *
 * @param config     the run's configuration
 * @param step       generator steps completed
 * @param parameters generator parameters (1 x P)
 * @param adamM      Adam first moment (1 x P, float64; checkpoints written before the generator used dde's Adam
 *                   hold float32 moments, which are accepted and widened exactly)
 * @param adamV      Adam second moment (same layout)
 * @param adamT      Adam step count
 * @param rngState   saved state of the run's random generator
 * @param bestMmd2   best MMD^2 seen (stop rule), +inf if none
 * @param badEvals   evaluations since the last improvement
 * @param initMean   skip-map initialisation that was used (for provenance), may be empty
 */
public record GeneratorCheckpoint(GeneratorConfig config, long step, INDArray parameters, INDArray adamM,
                                  INDArray adamV, long adamT, byte[] rngState, double bestMmd2, int badEvals,
                                  String initMean) {
    public GeneratorCheckpoint {
        Objects.requireNonNull(config, "config");
        parameters = parameters.dup();
        adamM = adamM.dup();
        adamV = adamV.dup();
        rngState = rngState.clone();
    }

    @Override
    public byte[] rngState() {
        return rngState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratorCheckpoint c && c.step == step && c.config.equals(config)
                && c.parameters.equals(parameters) && c.adamM.equals(adamM) && c.adamV.equals(adamV)
                && c.adamT == adamT && Arrays.equals(c.rngState, rngState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, step, adamT, Arrays.hashCode(rngState));
    }
}
