package io.github.dde4j.core.progress;

import java.util.Objects;

/**
 * Receives {@link TrainingEvent}s from a trainer, on the training thread. Implementations should
 * be quick; a listener may ask the trainer to stop early by returning {@code false} from
 * {@link #keepGoing()}.
 *
 * <p>Adapters: {@link ConsoleProgressBar} (terminal), {@link LoggingTrainingListener} (SLF4J),
 * {@link TrainingHistory} (records everything, for training-curve plots).
 */
@FunctionalInterface
public interface TrainingListener {

    /** Called for every event. */
    void onEvent(TrainingEvent event);

    /** Polled by trainers after each step; returning false stops training with {@code CANCELLED}. */
    default boolean keepGoing() {
        return true;
    }

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return event -> { };
    }

    /** Sends each event to this listener, then to {@code next}; keeps going while both do. */
    default TrainingListener andThen(TrainingListener next) {
        Objects.requireNonNull(next, "next");
        TrainingListener first = this;
        return new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent event) {
                first.onEvent(event);
                next.onEvent(event);
            }

            @Override
            public boolean keepGoing() {
                return first.keepGoing() && next.keepGoing();
            }
        };
    }
}
