package io.github.dde4j.generator;

import io.github.dde4j.core.progress.TrainingDivergedException;

/**
 * Generator training diverged (a NaN or infinite value, or samples exploding beyond the configured
 * bound). {@link #lastGood()} is the generator from the last step whose outputs and gradient were
 * finite; {@link #step()}, the step at which training diverged, counts from 1.
 */
public final class GeneratorDivergedException extends TrainingDivergedException {

    private static final long serialVersionUID = 1L;
    private final transient Generator lastGood;

    public GeneratorDivergedException(String message, long step, Generator lastGood) {
        super(message, step);
        this.lastGood = lastGood;
    }

    /** The generator before the step that diverged. */
    public Generator lastGood() {
        return lastGood;
    }
}
