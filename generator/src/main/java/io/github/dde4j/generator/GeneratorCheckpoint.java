package io.github.dde4j.generator;

import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.nn.Adam;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything needed to resume a generator run bit for bit: generator parameters, Adam state, the
 * random generator's state, the step, the stop-rule state and, with qModel DDE, the state of every
 * f_q learner ({@link DdeLearner#state()}: network parameters and its Adam state; the noise they
 * were trained on comes from the run's random generator, which is saved). A resumed run equals an
 * uninterrupted one exactly for both q-models (same machine and thread count; tested). With
 * qModel KDE the generator's own score has no trained state and {@code qLearners} is empty.
 *
 * <p>Checkpoints made before the learner states were saved (and any built with the
 * ten-argument constructor) have an empty {@code qLearners}; resuming such a qModel DDE checkpoint
 * restarts the f_q learners from their initialisation, so it continues, but not exactly.
 *
 * @param config     the run's configuration
 * @param step       generator steps completed
 * @param parameters generator parameters (1 x P)
 * @param adamM      Adam first moment (1 x P, float64; checkpoints written before the generator used dde's Adam
 *                   hold float32 moments, which are accepted and widened exactly)
 * @param adamV      Adam second moment (same layout)
 * @param adamT      Adam step count
 * @param rngState   saved state of the run's random generator
 * @param bestMmd2   best value of the stop rule's monitored quantity so far (the energy distance; MMD^2 in
 *                   checkpoints of earlier versions), +inf if none
 * @param badEvals   evaluations since the last improvement
 * @param initMean   skip-map initialisation that was used (for provenance), may be empty
 * @param qLearners  qModel DDE: the f_q learners' states, one per noise level in level order; empty for qModel
 *                   KDE (and for checkpoints that predate them)
 * @param ema        the moving average of the parameters (1 x P; null when emaDecay is 0)
 * @param coolDownFrom the step at which the stop rule found the plateau and the cool-down began, -1 before
 * @param best       the evaluated parameters (the moving average, else the parameters) at the stop rule's best
 *                   check so far, which the run returns if its last check is clearly worse (1 x P); null before the first
 *                   check and in checkpoints of earlier versions
 * @param bestStep   the step of that check, -1 if none
 * @param bestMetrics that check's figures (empty if none)
 * @param firstMonitored the stop rule's measure at the run's first check (NaN before it and in earlier versions)
 */
public record GeneratorCheckpoint(GeneratorConfig config, long step, INDArray parameters, INDArray adamM,
                                  INDArray adamV, long adamT, byte[] rngState, double bestMmd2, int badEvals,
                                  String initMean, List<DdeLearner.State> qLearners, INDArray ema,
                                  long coolDownFrom, INDArray best, long bestStep, Map<String, Double> bestMetrics,
                                  double firstMonitored) {
    public GeneratorCheckpoint {
        Objects.requireNonNull(config, "config");
        qLearners = qLearners == null ? List.of() : List.copyOf(qLearners); // the states themselves are immutable
        parameters = parameters.dup();
        adamM = adamM.dup();
        adamV = adamV.dup();
        rngState = rngState.clone();
        ema = ema == null ? null : ema.dup();
        best = best == null ? null : best.dup();
        bestMetrics = bestMetrics == null ? Map.of() : Map.copyOf(bestMetrics);
    }

    /**
     * The generator's Adam state held here, for a run of {@code length} parameters: the moments
     * widened to float64 (exact for the float32 moments of earlier checkpoints).
     *
     * @throws IllegalArgumentException if the moments do not have {@code length} values
     */
    Adam.State adamState(long length) {
        if (adamM.length() != length || adamV.length() != length) {
            throw new IllegalArgumentException("checkpoint Adam moments have " + adamM.length() + " / " + adamV.length()
                    + " values, expected " + length);
        }
        return new Adam.State(adamT, new double[][] {asDoubles(adamM)}, new double[][] {asDoubles(adamV)});
    }

    /** The first (or second) moment of a generator's Adam state as a float64 1 x length array; zeros before its first step. */
    static INDArray adamMoment(Adam.State s, long length, boolean first) {
        double[][] a = first ? s.m() : s.v();
        return Nd4j.create(a == null ? new double[Math.toIntExact(length)] : a[0], new long[] {1, length}, 'c');
    }

    private static double[] asDoubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** A checkpoint without the best check's snapshot (files of earlier versions). */
    public GeneratorCheckpoint(GeneratorConfig config, long step, INDArray parameters, INDArray adamM, INDArray adamV,
                               long adamT, byte[] rngState, double bestMmd2, int badEvals, String initMean,
                               List<DdeLearner.State> qLearners, INDArray ema, long coolDownFrom) {
        this(config, step, parameters, adamM, adamV, adamT, rngState, bestMmd2, badEvals, initMean, qLearners, ema,
                coolDownFrom, null, -1, Map.of(), Double.NaN);
    }

    /** A checkpoint without a moving average of the parameters (runs with emaDecay 0, older files). */
    public GeneratorCheckpoint(GeneratorConfig config, long step, INDArray parameters, INDArray adamM, INDArray adamV,
                               long adamT, byte[] rngState, double bestMmd2, int badEvals, String initMean,
                               List<DdeLearner.State> qLearners) {
        this(config, step, parameters, adamM, adamV, adamT, rngState, bestMmd2, badEvals, initMean, qLearners, null, -1);
    }

    /** A checkpoint without f_q learner states (qModel KDE, or one written before they were saved). */
    public GeneratorCheckpoint(GeneratorConfig config, long step, INDArray parameters, INDArray adamM, INDArray adamV,
                               long adamT, byte[] rngState, double bestMmd2, int badEvals, String initMean) {
        this(config, step, parameters, adamM, adamV, adamT, rngState, bestMmd2, badEvals, initMean, List.of());
    }

    @Override
    public byte[] rngState() {
        return rngState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratorCheckpoint c && c.step == step && c.config.equals(config)
                && c.parameters.equals(parameters) && c.adamM.equals(adamM) && c.adamV.equals(adamV)
                && c.adamT == adamT && Arrays.equals(c.rngState, rngState)
                && Double.compare(c.bestMmd2, bestMmd2) == 0 && c.badEvals == badEvals
                && Objects.equals(c.initMean, initMean) && c.qLearners.equals(qLearners)
                && Objects.equals(c.ema, ema) && c.coolDownFrom == coolDownFrom && Objects.equals(c.best, best)
                && c.bestStep == bestStep && c.bestMetrics.equals(bestMetrics)
                && Double.compare(c.firstMonitored, firstMonitored) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, step, adamT, Arrays.hashCode(rngState), qLearners);
    }
}
