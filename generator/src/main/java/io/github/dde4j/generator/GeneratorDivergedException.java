package io.github.dde4j.generator;

/**
 * Generator training diverged (a NaN or infinite value, or samples exploding beyond the configured
 * bound). {@link #lastGood()} is the generator from the last step whose outputs and gradient were
 * finite.
 */
public final class GeneratorDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient Generator lastGood;
    private final long step;

    public GeneratorDivergedException(String message, long step, Generator lastGood) {
        super(message);
        this.step = step;
        this.lastGood = lastGood;
    }

    /** The generator before the step that diverged. */
    public Generator lastGood() {
        return lastGood;
    }

    /** The generator step at which training diverged (1-based). */
    public long step() {
        return step;
    }
}
