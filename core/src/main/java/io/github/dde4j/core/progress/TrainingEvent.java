package io.github.dde4j.core.progress;

import java.util.Map;

/**
 * What an iterative trainer reports to its {@link TrainingListener}. Every event names the
 * {@code phase} it belongs to (for example {@code "dde"}, {@code "dde-q"}, {@code "generator"}),
 * so one listener can follow a run that trains several networks.
 */
public sealed interface TrainingEvent
        permits TrainingEvent.Started, TrainingEvent.Step, TrainingEvent.Evaluation, TrainingEvent.Finished {

    /** The part of the run this event belongs to. */
    String phase();

    /** Optimiser steps completed so far in this phase. */
    long step();

    /** Training of {@code phase} begins (or resumes) at {@code step} and will run at most {@code totalSteps}. */
    record Started(String phase, long step, long totalSteps) implements TrainingEvent {
    }

    /**
     * One optimiser step finished.
     *
     * @param loss         the minibatch loss of this step
     * @param sigma        the noise level in force (standardised units), NaN where there is none
     * @param learningRate the learning rate used for this step
     * @param elapsedNanos wall time since the phase started
     */
    record Step(String phase, long step, long totalSteps, double loss, double sigma, double learningRate,
                long elapsedNanos) implements TrainingEvent {
    }

    /**
     * Convergence checks computed at {@code step}: for example {@code "kl"}, {@code "mmd2"},
     * {@code "energy"}, {@code "val_loss"}. The map is unmodifiable.
     */
    record Evaluation(String phase, long step, Map<String, Double> metrics, long elapsedNanos)
            implements TrainingEvent {
        public Evaluation {
            metrics = Map.copyOf(metrics);
        }
    }

    /** The phase ended at {@code step}, for {@code reason}. */
    record Finished(String phase, long step, StopReason reason, long elapsedNanos) implements TrainingEvent {
    }

    /** Why a phase ended. */
    enum StopReason {
        /** The configured number of steps was reached. */
        COMPLETED,
        /** The monitored quantity stopped improving (early stop). */
        PLATEAU,
        /** A target value of the monitored quantity was reached. */
        TARGET_REACHED,
        /** A listener or the caller asked to stop. */
        CANCELLED,
        /** The loss became NaN, infinite or exploded; the last good parameters were kept. */
        DIVERGED,
        /** The time budget ran out before the monitored quantity stopped improving. */
        BUDGET
    }
}
