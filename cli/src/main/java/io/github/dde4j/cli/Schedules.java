package io.github.dde4j.cli;

import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.progress.TrainingListener;
import java.util.function.Consumer;

/** Sizing training schedules to a time budget (the demo's and {@code fit --budget}'s). */
final class Schedules {

    private Schedules() {
    }

    /**
     * The length of a training schedule that fits {@code budgetSeconds}, at most {@code scheduled}.
     * Learning-rate and noise schedules decay over the configured number of steps, so a run cut
     * off by the clock halfway stops at a high learning rate, a worse model than a shorter schedule
     * run to its end (measured: the demo's generator was a ring after 15% of a 1,000-step
     * schedule). The step rate comes from a trial run of the same set-up for a tenth of the budget
     * (at most 3 s), timed from its first step on; 85% of the budget is planned, and the budget's
     * clock still stops the real run if the machine gets busier.
     *
     * <p>At least {@code atLeast} steps: a trial of a few seconds on a machine whose load comes in
     * bursts (a build next to it) underestimated the rate many-fold (239 DDE steps scheduled,
     * against 3,952 in a run under steady load), and a long schedule cut off by the clock is the
     * lesser harm.
     *
     * @param trial runs the set-up with the given listener (which cancels it) and returns when cancelled
     */
    static long stepsWithin(double budgetSeconds, long scheduled, long atLeast, Consumer<TrainingListener> trial) {
        double trialSeconds = Math.min(3, budgetSeconds / 10);
        long t0 = System.nanoTime();
        long end = t0 + (long) (trialSeconds * 1e9);
        long[] steps = {0};
        long[] firstStepAt = {0};
        trial.accept(new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent event) {
                if (event instanceof TrainingEvent.Step && steps[0]++ == 0) {
                    firstStepAt[0] = System.nanoTime();
                }
            }

            @Override
            public boolean keepGoing() {
                return System.nanoTime() < end;
            }
        });
        // the rate after the first step: set-up and the first step's JIT warm-up happen once per run
        double perStep = steps[0] >= 3 ? (System.nanoTime() - firstStepAt[0]) / 1e9 / (steps[0] - 1)
                : (System.nanoTime() - t0) / 1e9 / Math.max(1, steps[0]);
        long fits = (long) (0.85 * budgetSeconds / perStep);
        return Math.max(Math.min(atLeast, scheduled), Math.min(scheduled, fits));
    }

    /** A listener that asks the run to stop once {@code deadlineNanos} (System.nanoTime) has passed. */
    static TrainingListener deadline(long deadlineNanos) {
        return new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent event) {
            }

            @Override
            public boolean keepGoing() {
                return System.nanoTime() < deadlineNanos;
            }
        };
    }
}
