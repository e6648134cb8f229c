package io.github.dde4j.core.progress;

import io.github.dde4j.core.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs training through SLF4J: starts, evaluations and ends at INFO, every {@code stepEvery}-th
 * step at DEBUG. With no SLF4J binding on the class path nothing is printed.
 */
public final class LoggingTrainingListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.dde4j.training");
    private final int stepEvery;

    /** Logs every 100th step at DEBUG. */
    public LoggingTrainingListener() {
        this(100);
    }

    public LoggingTrainingListener(int stepEvery) {
        Checks.requireAtLeast(stepEvery, 1, "stepEvery");
        this.stepEvery = stepEvery;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Step s) {
            if (s.step() % stepEvery == 0 && LOG.isDebugEnabled()) {
                LOG.debug("{} step {}/{}: loss {} sigma {} lr {}", s.phase(), s.step(), s.totalSteps(),
                        s.loss(), s.sigma(), s.learningRate());
            }
        } else if (event instanceof TrainingEvent.Evaluation e) {
            LOG.info("{} step {}: {}", e.phase(), e.step(), e.metrics());
        } else if (event instanceof TrainingEvent.Started s) {
            LOG.info("{} started at step {} of {}", s.phase(), s.step(), s.totalSteps());
        } else if (event instanceof TrainingEvent.Finished f) {
            LOG.info("{} finished at step {}: {} after {} ms", f.phase(), f.step(), f.reason(),
                    f.elapsedNanos() / 1_000_000);
        }
    }
}
