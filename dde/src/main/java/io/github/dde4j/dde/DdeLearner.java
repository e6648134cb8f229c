package io.github.dde4j.dde;

import io.github.dde4j.dde.nn.Adam;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DDE in training that an outer loop steps itself: the generator trainer uses one to follow
 * the generator's own samples (f_q of docs/method.md, "The generator loop"). Mutable and single-threaded; take
 * {@link #snapshot()} for an immutable fitted model.
 *
 * <p><b>Saving and restoring.</b> {@link #state()} and {@link #restore(State)} let an outer loop
 * checkpoint the learner and continue it exactly: a learner restored from {@code s = a.state()}
 * and stepped with the same batches, noise levels and random streams as {@code a} takes bit for
 * bit the same steps (same thread count). The learner's randomness comes only from the
 * {@code rng} handed to {@link #step}, so the outer loop saves that stream itself. Both methods
 * are optional for other implementations: the defaults throw {@link UnsupportedOperationException},
 * and callers that need a checkpoint (the generator trainer with qModel DDE) then refuse to write
 * one rather than write one that would not resume exactly.
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

    /**
     * Everything the learner needs to continue exactly (see {@link #restore}).
     *
     * @throws UnsupportedOperationException if this implementation cannot be saved (the default)
     */
    default State state() {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement DdeLearner.state(), so it"
                + " cannot be checkpointed");
    }

    /**
     * Puts the learner back into the state {@code s} taken by {@link #state()} from a learner of the
     * same configuration and dimension; scratch buffers are not part of the state.
     *
     * @throws IllegalArgumentException      if {@code s} does not fit this learner (parameter count,
     *                                       optimiser moment shapes, inconsistent step counts); the message names it
     * @throws UnsupportedOperationException if this implementation cannot be restored (the default)
     */
    default void restore(State s) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement DdeLearner.restore(State),"
                + " so it cannot resume from a checkpoint");
    }

    /**
     * The saved state of a network learner: the network parameters theta (flat, in the order of
     * {@code ScalarMlp.parameters()}; float32 networks give float32 values widened exactly), the Adam
     * state (t, m, v; no moments before the first step), and what {@link #snapshot()} reports (the
     * last step's sigma and loss, NaN before the first step). Immutable (arrays are copied in and
     * out); round-trips through Jackson.
     *
     * @param steps      optimiser steps taken (equals {@code adam.step()})
     * @param parameters flat network parameters
     * @param adam       optimiser state
     * @param lastSigma  noise level of the last step, NaN if none
     * @param lastLoss   minibatch loss of the last step, NaN if none
     */
    record State(long steps, double[] parameters, Adam.State adam, double lastSigma, double lastLoss) {

        /** @throws IllegalArgumentException if an array is missing or {@code steps} differs from Adam's */
        public State {
            if (parameters == null || adam == null) {
                throw new IllegalArgumentException("learner state: parameters and adam must be set");
            }
            if (steps != adam.step()) {
                throw new IllegalArgumentException("learner state: steps " + steps + " but the Adam state is at step "
                        + adam.step());
            }
            parameters = parameters.clone();
        }

        @Override
        public double[] parameters() {
            return parameters.clone();
        }

        /** Bitwise equality of all fields (NaN equals NaN), so a checkpoint that was read back equals the one written. */
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.steps == steps && Arrays.equals(s.parameters, parameters)
                    && s.adam.step() == adam.step() && Arrays.deepEquals(s.adam.m(), adam.m())
                    && Arrays.deepEquals(s.adam.v(), adam.v())
                    && Double.doubleToLongBits(s.lastSigma) == Double.doubleToLongBits(lastSigma)
                    && Double.doubleToLongBits(s.lastLoss) == Double.doubleToLongBits(lastLoss);
        }

        @Override
        public int hashCode() {
            return Objects.hash(steps, Arrays.hashCode(parameters), lastSigma, lastLoss);
        }

        @Override
        public String toString() {
            return "DdeLearner.State[steps=" + steps + ", parameters=" + parameters.length + ", lastSigma=" + lastSigma
                    + ", lastLoss=" + lastLoss + "]";
        }
    }
}
