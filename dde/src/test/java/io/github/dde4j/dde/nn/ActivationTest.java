package io.github.dde4j.dde.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.dde.internal.ActivationLoops;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three forms of each activation agree: the scalar formulas, the float64 and float32 loops of
 * the BLAS networks and the ND4J forms of the generator's training pass. Tolerances: float64 loops
 * and ND4J double ops evaluate the same closed forms, so they agree to a few ulp (1e-12 absolute
 * for |values| below 10); the float32 loops use rational tanh and series log1p, documented to 1e-6
 * absolute, and float rounding of z itself adds about 6e-8 * |z| * sigma', so 1e-5 suffices.
 */
class ActivationTest {

    private static final double[] Z = {-9.5, -3.2, -1.0, -0.25, 0.0, 1e-3, 0.4, 1.7, 4.4, 9.9};

    @ParameterizedTest
    @EnumSource(Activation.class)
    void arrayFormsAgreeWithTheScalarFormulas(Activation act) {
        int n = Z.length;
        double[] z64 = Z.clone();
        double[] s1 = new double[n];
        double[] s2 = new double[n];
        ActivationLoops.apply(act, z64, null, s1, s2, n, true);
        float[] z32 = new float[n];
        for (int i = 0; i < n; i++) {
            z32[i] = (float) Z[i];
        }
        float[] t1 = new float[n];
        float[] t2 = new float[n];
        ActivationLoops.apply(act, z32, null, t1, t2, n, true);
        Nd4jRuntime.ensureInitialized();
        INDArray a = Nd4j.createFromArray(Z.clone()).castTo(DataType.DOUBLE);
        INDArray h = act.apply(a);
        INDArray d = act.derivative(a, h);
        for (int i = 0; i < n; i++) {
            double x = Z[i];
            assertEquals(act.value(x), z64[i], 1e-12, act + " value at " + x);
            assertEquals(act.derivative(x), s1[i], 1e-12, act + " sigma' at " + x);
            assertEquals(act.secondDerivative(x), s2[i], 1e-12, act + " sigma'' at " + x);
            assertEquals(act.value(x), z32[i], 1e-5, act + " float32 value at " + x);
            assertEquals(act.derivative(x), t1[i], 1e-5, act + " float32 sigma' at " + x);
            assertEquals(act.value(x), h.getDouble(i), 1e-12, act + " ND4J value at " + x);
            assertEquals(act.derivative(x), d.getDouble(i), 1e-12, act + " ND4J sigma' at " + x);
        }
    }

    @Test
    void aDdeNetworkRefusesRelu() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(2, List.of(8), Activation.RELU, false, Precision.FLOAT64));
        assertTrue(e.getMessage().contains("not smooth"), e.getMessage());
        assertTrue(Activation.SILU.isSmooth() && !Activation.RELU.isSmooth());
    }
}
