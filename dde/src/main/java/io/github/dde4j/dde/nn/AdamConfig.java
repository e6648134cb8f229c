package io.github.dde4j.dde.nn;

import io.github.dde4j.core.Checks;

/**
 * Adam's hyperparameters (Kingma and Ba 2015) with a learning-rate schedule.
 *
 * @param learningRate base step size alpha > 0
 * @param beta1        first-moment decay in [0, 1)
 * @param beta2        second-moment decay in [0, 1)
 * @param epsilon      denominator guard > 0
 * @param schedule     how the rate changes over the run
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, LearningRateSchedule schedule) {

    public AdamConfig {
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
        }
        Checks.requireNonNull(schedule, "schedule");
    }

    /** lr, beta1 0.9, beta2 0.999, epsilon 1e-8, constant rate. */
    public static AdamConfig of(double learningRate) {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8, LearningRateSchedule.constant());
    }

    /** The same with another schedule. */
    public AdamConfig withSchedule(LearningRateSchedule s) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, s);
    }
}
