package io.github.dde4j.dde.nn;

import io.github.dde4j.core.Checks;

/**
 * How the learning rate changes with the step t = 0, 1, ... of a run of T steps, as a factor
 * multiplying the base rate, after an optional linear warm-up over the first {@code warmupSteps}:
 * <ul>
 *   <li>{@link Kind#CONSTANT}: 1</li>
 *   <li>{@link Kind#COSINE}: m + (1 - m)(1 + cos(pi t / T)) / 2, from 1 down to {@code minFactor} = m</li>
 *   <li>{@link Kind#STEP}: {@code stepFactor}^floor(t / stepEvery)</li>
 * </ul>
 *
 * @param kind        the shape
 * @param warmupSteps linear warm-up from rate/warmupSteps to the full rate; 0 for none
 * @param minFactor   COSINE: the final factor, in [0, 1]
 * @param stepEvery   STEP: steps between decays (>= 1)
 * @param stepFactor  STEP: the decay factor, in (0, 1]
 */
public record LearningRateSchedule(Kind kind, int warmupSteps, double minFactor, int stepEvery, double stepFactor) {

    /** The shapes on offer. */
    public enum Kind { CONSTANT, COSINE, STEP }

    public LearningRateSchedule {
        Checks.requireNonNull(kind, "kind");
        Checks.requireAtLeast(warmupSteps, 0, "warmupSteps");
        if (!(minFactor >= 0 && minFactor <= 1)) {
            throw new IllegalArgumentException("minFactor must be in [0, 1], got " + minFactor);
        }
        Checks.requireAtLeast(stepEvery, 1, "stepEvery");
        if (!(stepFactor > 0 && stepFactor <= 1)) {
            throw new IllegalArgumentException("stepFactor must be in (0, 1], got " + stepFactor);
        }
    }

    /** A constant rate. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 0, 0, 1, 1);
    }

    /** Cosine decay to {@code minFactor} times the base rate. */
    public static LearningRateSchedule cosine(double minFactor) {
        return new LearningRateSchedule(Kind.COSINE, 0, minFactor, 1, 1);
    }

    /** Multiply by {@code factor} every {@code every} steps. */
    public static LearningRateSchedule step(int every, double factor) {
        return new LearningRateSchedule(Kind.STEP, 0, 0, every, factor);
    }

    /** The same schedule with a linear warm-up. */
    public LearningRateSchedule withWarmup(int steps) {
        return new LearningRateSchedule(kind, steps, minFactor, stepEvery, stepFactor);
    }

    /** The factor at step {@code t} (0-based) of a run of {@code totalSteps}. */
    public double factor(long t, long totalSteps) {
        double f;
        switch (kind) {
            case COSINE: {
                double progress = totalSteps <= 0 ? 0 : Math.min(1.0, (double) t / totalSteps);
                f = minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
                break;
            }
            case STEP:
                f = Math.pow(stepFactor, t / stepEvery);
                break;
            default:
                f = 1;
        }
        if (t < warmupSteps) {
            f *= (t + 1.0) / warmupSteps;
        }
        return f;
    }
}
