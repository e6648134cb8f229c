package io.github.dde4j.core.progress;

/**
 * Training stopped because a loss, a gradient or the model's outputs stopped being finite (the
 * run ends with {@link TrainingEvent.StopReason#DIVERGED}). Each trainer throws its own subclass,
 * which also carries the model as it was before the failing step; catching this type covers
 * every trainer.
 */
public abstract class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;

    /**
     * @param message what diverged, and what to try
     * @param step    the step that failed, numbered as in {@code message}
     */
    protected TrainingDivergedException(String message, long step) {
        super(message);
        this.step = step;
    }

    /** The step that failed, numbered as in the message (each subclass says from where it counts). */
    public long step() {
        return step;
    }
}
