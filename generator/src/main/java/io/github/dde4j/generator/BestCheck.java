package io.github.dde4j.generator;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stop rule's best check of a generator run so far: the parameters it evaluated and its figures.
 * A run returns them when its last check is worse by more than the checks' resolution
 * ({@code GeneratorTrainer.returnTolerance}): on tables where the DDE target lets the
 * generator drift after its best (airports, the 10,000 x 30 mixture: energy up by 2 to 20 times over
 * the next 500 to 900 steps), the run's last parameters are not its best ones.
 */
final class BestCheck {

    private INDArray parameters;
    private long step = -1;
    private Map<String, Double> metrics = Map.of();

    /** None yet, or the one a checkpoint saved. */
    BestCheck(GeneratorCheckpoint resumed) {
        if (resumed != null && resumed.best() != null) {
            parameters = resumed.best().dup();
            step = resumed.bestStep();
            metrics = resumed.bestMetrics();
        }
    }

    /** Records the check at {@code step} of {@code evaluated} (copied) as the best. */
    void update(INDArray evaluated, long step, Map<String, Double> metrics) {
        if (parameters == null) {
            parameters = evaluated.dup();
        } else {
            parameters.assign(evaluated);
        }
        this.step = step;
        this.metrics = Map.copyOf(metrics);
    }

    /** The best check's parameters (a live copy: do not change), or null before the first. */
    INDArray parameters() {
        return parameters;
    }

    long step() {
        return step;
    }

    Map<String, Double> metrics() {
        return metrics;
    }
}
