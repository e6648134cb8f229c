package io.github.dde4j.dde.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dde4j.core.RandomSources;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam with a caller's own rate per step, on {@code double[]}s and on a flat ND4J vector (the
 * generator's path), against the update written out in float64 (Kingma and Ba 2015, beta1 0.9,
 * beta2 0.999, eps 1e-8). A float64 vector computes the same operations in the same precision, so
 * both agree to 1e-12; a float32 vector is the master copy, rounded after every step, as the
 * written-out reference does. A restore from {@link Adam#state()} into a fresh optimiser in the
 * middle of the run must continue to the same end.
 */
class AdamTest {

    private static final int N = 5;
    private static final int STEPS = 20;
    private static final double[] START = {1, -2, 0.5, 3, 0};

    private static double[][] gradients() {
        UniformRandomProvider rng = RandomSources.seeded(3);
        double[][] grads = new double[STEPS][N];
        for (double[] g : grads) {
            for (int i = 0; i < N; i++) {
                g[i] = rng.nextDouble() - 0.3;
            }
        }
        return grads;
    }

    /** A rate that changes every step, as a schedule with arbitrary change points would. */
    private static double rate(int t) {
        return t < 12 ? 0.05 : t < 17 ? 0.015 : 0.0045 * (1 + 0.1 * Math.sin(t));
    }

    private static double[] reference(double[][] grads, boolean roundToFloat) {
        double[] p = START.clone();
        double[] m = new double[N];
        double[] v = new double[N];
        for (int t = 1; t <= STEPS; t++) {
            for (int i = 0; i < N; i++) {
                double g = grads[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                p[i] -= rate(t - 1) * (m[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                if (roundToFloat) {
                    p[i] = (float) p[i];
                }
            }
        }
        return p;
    }

    @Test
    void aFlatVectorFollowsTheCallersRatesAndResumesFromItsState() {
        double[][] grads = gradients();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double[] expected = reference(grads, type == DataType.FLOAT);
            INDArray flat = Nd4j.createFromArray(START).reshape(1, N).castTo(type);
            Adam adam = new Adam(AdamConfig.of(123), STEPS); // its own rate is never used
            for (int t = 0; t < STEPS; t++) {
                if (t == 13) {
                    Adam resumed = new Adam(AdamConfig.of(123), STEPS);
                    resumed.restore(adam.state(), null);
                    adam = resumed;
                }
                adam.step(flat, Nd4j.createFromArray(grads[t]).reshape(1, N).castTo(type), rate(t));
            }
            assertEquals(STEPS, adam.steps());
            assertEquals(type, flat.dataType(), "the vector keeps its type");
            for (int i = 0; i < N; i++) {
                double tol = type == DataType.DOUBLE ? 1e-12 : Math.ulp((float) expected[i]);
                assertEquals(expected[i], flat.getDouble(0, i), tol, type + " parameter " + i);
            }
        }
    }

    @Test
    void doubleArraysTakeTheCallersRates() {
        double[][] grads = gradients();
        double[] p = START.clone();
        Adam adam = new Adam(AdamConfig.of(123), STEPS);
        for (int t = 0; t < STEPS; t++) {
            adam.step(new double[][] {p}, new double[][] {grads[t].clone()}, rate(t));
        }
        double[] expected = reference(grads, false);
        for (int i = 0; i < N; i++) {
            assertEquals(expected[i], p[i], 1e-12, "parameter " + i);
        }
    }

    @Test
    void mismatchedLengthsAreRefused() {
        Adam adam = new Adam(AdamConfig.of(0.1), 10);
        assertThrows(IllegalArgumentException.class, () -> adam.step(Nd4j.zeros(DataType.DOUBLE, 1, 3),
                Nd4j.zeros(DataType.DOUBLE, 1, 4), 0.1));
        adam.step(new double[][] {new double[3]}, new double[][] {new double[3]}, 0.1);
        assertThrows(IllegalArgumentException.class, () -> adam.step(new double[][] {new double[4]},
                new double[][] {new double[4]}, 0.1), "moments of 3 values cannot update 4");
    }
}
