package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dde4j.core.RandomSources;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generator's optimiser (dde's Adam on the flat vector) against Adam written out in float64 with
 * the generator's learning rate {@code learningRateAt(t)}, for every schedule, including a save /
 * restore in the middle (after STEP's first rate change). float64 parameters: both compute the same
 * operations, so they agree to 1e-12.
 */
class FlatAdamTest {

    @Test
    void matchesAdamWithTheGeneratorsScheduleAndRestores() {
        for (GeneratorConfig.Schedule sch : GeneratorConfig.Schedule.values()) {
            GeneratorConfig c = GeneratorConfig.defaults().withSteps(20).withLearningRate(0.05, sch);
            int n = 5;
            UniformRandomProvider rng = RandomSources.seeded(3);
            double[][] grads = new double[20][n];
            for (double[] g : grads) {
                for (int i = 0; i < n; i++) {
                    g[i] = rng.nextDouble() - 0.3;
                }
            }
            // reference
            double[] p = {1, -2, 0.5, 3, 0};
            double[] m = new double[n];
            double[] v = new double[n];
            for (int t = 1; t <= 20; t++) {
                double lr = c.learningRateAt(t - 1);
                for (int i = 0; i < n; i++) {
                    double g = grads[t - 1][i];
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    p[i] -= lr * (m[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                }
            }
            INDArray flat = Nd4j.createFromArray(new double[] {1, -2, 0.5, 3, 0}).reshape(1, n);
            FlatAdam a = new FlatAdam(c, n);
            for (int t = 0; t < 20; t++) {
                if (t == 13) { // past STEP's first change (60% of 20 = step 12): restore into a fresh optimiser
                    FlatAdam b = new FlatAdam(c, n);
                    b.restore(a.firstMoment(), a.secondMoment(), a.steps());
                    a = b;
                }
                a.step(flat, Nd4j.createFromArray(grads[t]).reshape(1, n));
            }
            assertEquals(20, a.steps());
            assertEquals(DataType.DOUBLE, flat.dataType());
            for (int i = 0; i < n; i++) {
                assertEquals(p[i], flat.getDouble(0, i), 1e-12, sch + " parameter " + i);
            }
        }
    }
}
