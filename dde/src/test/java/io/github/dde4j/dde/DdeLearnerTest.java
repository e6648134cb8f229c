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

    /** One pass for both gives exactly what the two calls give, for a learner and for a fitted Dde. */
    @Test
    void valueAndGradientMatchTheSeparateCalls() {
        Nd4jRuntime.ensureInitialized();
        DdeConfig cfg = DdeConfig.builder().hidden(2, 16).steps(20).seed(3).build();
        DdeLearner learner = DdeTrainer.learner(cfg, 2);
        UniformRandomProvider rng = RandomSources.seeded(4);
        for (int t = 0; t < 20; t++) {
            learner.step(gaussianBatch(64, rng), 0.5, rng);
        }
        double[][] rows = gaussianBatch(200, rng).castTo(DataType.DOUBLE).toDoubleMatrix();
        Dde dde = new DdeTrainer(cfg).fit(rows);
        INDArray pts = gaussianBatch(50, rng);
        for (ScalarField f : new ScalarField[] {learner, dde}) {
            ScalarField.ValueAndGradient vg = f.valueAndGradient(pts);
            assertArrayEquals(f.value(pts).toDoubleVector(), vg.value().toDoubleVector(), 0.0);
            assertArrayEquals(f.inputGradient(pts).reshape(-1).toDoubleVector(), vg.gradient().reshape(-1).toDoubleVector(), 0.0);
            assertEquals(pts.dataType(), vg.gradient().dataType());
        }
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

    /**
     * value and inputGradient past one evaluation chunk (1024 rows) and on a row view: the
     * gradient agrees with central differences of value (float64 network, step 1e-5, so the
     * error is O(h^2) plus rounding, far below 1e-6), and every row is evaluated (a row's value
     * does not depend on where it sits in the batch).
     */
    @Test
    void evaluatesLargeBatchesAndViewsConsistently() {
        DdeConfig c = DdeConfig.builder().hidden(2, 16).precision(io.github.dde4j.dde.nn.Precision.FLOAT64).seed(3).build();
        DdeLearner learner = DdeTrainer.learner(c, 2);
        UniformRandomProvider rng = RandomSources.seeded(4);
        for (int i = 0; i < 20; i++) {
            learner.step(gaussianBatch(128, rng), 0.5, rng);
        }
        INDArray pts = gaussianBatch(2500, rng).castTo(DataType.DOUBLE);
        double[] v = learner.value(pts).toDoubleVector();
        double[][] g = learner.inputGradient(pts).toDoubleMatrix();
        assertEquals(2500, v.length);
        assertEquals(2500, g.length);
        double h = 1e-5;
        for (int i : new int[] {0, 1023, 1024, 2047, 2499}) {
            for (int j = 0; j < 2; j++) {
                INDArray plus = pts.getRow(i).dup().reshape(1, 2);
                INDArray minus = plus.dup();
                plus.putScalar(0, j, plus.getDouble(0, j) + h);
                minus.putScalar(0, j, minus.getDouble(0, j) - h);
                double fd = (learner.value(plus).getDouble(0) - learner.value(minus).getDouble(0)) / (2 * h);
                assertEquals(fd, g[i][j], 1e-6, "row " + i + ", coordinate " + j);
            }
        }
        INDArray tail = pts.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2000, 2500),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        double[] vt = learner.value(tail).toDoubleVector();
        for (int i = 0; i < 500; i++) {
            assertEquals(v[2000 + i], vt[i], 1e-12, "row " + (2000 + i));
        }
    }

    @Test
    void rejectsBadPointsNamingThePlace() {
        DdeLearner learner = DdeTrainer.learner(DdeConfig.builder().hidden(1, 8).build(), 2);
        INDArray bad = Nd4j.createFromArray(new double[][] {{0, 0}, {1, Double.NaN}});
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> learner.value(bad));
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
        IllegalArgumentException w = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> learner.inputGradient(Nd4j.zeros(DataType.FLOAT, 3, 5)));
        assertTrue(w.getMessage().contains("5 columns"), w.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> learner.step(bad, 0.1, RandomSources.seeded(1)));
    }
}
