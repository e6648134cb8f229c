package io.github.dde4j.dde;

import io.github.dde4j.core.progress.TrainingDivergedException;

/**
 * Training stopped because the loss or its gradient became NaN or infinite. The model as it
 * was before the failing step is kept: {@link #lastGood()}; {@link #step()} counts from 0. Usual
 * remedies: a smaller learning rate, a larger sigma, float64, or standardised inputs.
 */
public final class DdeDivergedException extends TrainingDivergedException {

    private static final long serialVersionUID = 1L;

    private final transient Dde lastGood;
    private final double loss;

    DdeDivergedException(String message, Dde lastGood, long step, double loss) {
        super(message, step);
        this.lastGood = lastGood;
        this.loss = loss;
    }

    /** The model with the last finite parameters (unnormalised). */
    public Dde lastGood() {
        return lastGood;
    }

    /** The offending loss (may be finite when the gradient was not). */
    public double loss() {
        return loss;
    }
}
