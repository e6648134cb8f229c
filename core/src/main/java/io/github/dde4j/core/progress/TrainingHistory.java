package io.github.dde4j.core.progress;

import io.github.dde4j.core.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A listener that records every event, for training-curve plots and for inspection after a run.
 * {@code stepEvery} thins the step events (every event is kept with 1). Thread-safe for one writer
 * and readers that take {@link #events()} snapshots.
 */
public final class TrainingHistory implements TrainingListener {

    private final int stepEvery;
    private final List<TrainingEvent> events = new ArrayList<>();

    /** Records every event. */
    public TrainingHistory() {
        this(1);
    }

    /** Records every {@code stepEvery}-th step event, and every other event. */
    public TrainingHistory(int stepEvery) {
        Checks.requireAtLeast(stepEvery, 1, "stepEvery");
        this.stepEvery = stepEvery;
    }

    @Override
    public synchronized void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Step s && s.step() % stepEvery != 0) {
            return;
        }
        events.add(event);
    }

    /** A snapshot of all recorded events, in order. */
    public synchronized List<TrainingEvent> events() {
        return Collections.unmodifiableList(new ArrayList<>(events));
    }

    /** The recorded step events of {@code phase}. */
    public List<TrainingEvent.Step> steps(String phase) {
        return events().stream()
                .filter(e -> e instanceof TrainingEvent.Step && e.phase().equals(phase))
                .map(e -> (TrainingEvent.Step) e)
                .collect(Collectors.toUnmodifiableList());
    }

    /** The recorded evaluation events of {@code phase}. */
    public List<TrainingEvent.Evaluation> evaluations(String phase) {
        return events().stream()
                .filter(e -> e instanceof TrainingEvent.Evaluation && e.phase().equals(phase))
                .map(e -> (TrainingEvent.Evaluation) e)
                .collect(Collectors.toUnmodifiableList());
    }

    /** The phases seen so far, in order of first appearance. */
    public List<String> phases() {
        return events().stream().map(TrainingEvent::phase).distinct().collect(Collectors.toUnmodifiableList());
    }
}
