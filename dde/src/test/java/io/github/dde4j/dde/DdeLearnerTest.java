package io.github.dde4j.dde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DdeLearnerTest {

    private static INDArray gaussianBatch(int n, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = 1 + g.sample();
            row[1] = -1 + 0.5 * g.sample();
        }
        return Nd4j.createFromArray(x).castTo(DataType.FLOAT);
    }

    @Test
    void learnsTheScoreOfTheBatchesItIsFed() {
        Nd4jRuntime.ensureInitialized();
        DdeConfig cfg = DdeConfig.builder().hidden(2, 32).learningRate(3e-3).seed(5).build();
        DdeLearner learner = DdeTrainer.learner(cfg, 2);
        UniformRandomProvider rng = RandomSources.seeded(6);
        double early = 0;
        double late = 0;
        for (int t = 0; t < 300; t++) {
            double loss = learner.step(gaussianBatch(128, rng), 0.5, rng);
            assertTrue(Double.isFinite(loss));
            if (t < 20) {
                early += loss / 20;
            } else if (t >= 280) {
                late += loss / 20;
            }
        }
        assertEquals(300, learner.steps());
        assertTrue(late < 0.3 * early, "loss went from " + early + " to " + late);
        // smoothed density N((1, -1), diag(1.25, 0.5)): score at the mean is 0, one sd out it is -1/sd
        INDArray pts = Nd4j.createFromArray(new double[][] {{1, -1}, {1 + Math.sqrt(1.25), -1}});
        INDArray s = learner.inputGradient(pts);
        assertEquals(2, s.rows());
        assertEquals(0, s.getDouble(0, 0), 0.3);
        assertEquals(-1 / Math.sqrt(1.25), s.getDouble(1, 0), 0.3);
    }

    @Test
    void snapshotsAreImmutable() {
        Nd4jRuntime.ensureInitialized();
        DdeLearner learner = DdeTrainer.learner(DdeConfig.builder().hidden(2, 16).seed(1).build(), 2);
        UniformRandomProvider rng = RandomSources.seeded(2);
        learner.step(gaussianBatch(64, rng), 0.5, rng);
        Dde snap = learner.snapshot();
        INDArray pts = gaussianBatch(10, rng).castTo(DataType.DOUBLE);
        double[] before = snap.value(pts).toDoubleVector();
        assertArrayEquals(learner.value(pts).toDoubleVector(), before, 1e-12);
        assertArrayEquals(learner.inputGradient(pts).toDoubleMatrix()[3], snap.inputGradient(pts).toDoubleMatrix()[3], 1e-12);
        for (int t = 0; t < 5; t++) {
            learner.step(gaussianBatch(64, rng), 0.5, rng);
        }
        assertArrayEquals(before, snap.value(pts).toDoubleVector(), 0.0);
        assertFalse(java.util.Arrays.equals(before, learner.value(pts).toDoubleVector()));
    }
}
