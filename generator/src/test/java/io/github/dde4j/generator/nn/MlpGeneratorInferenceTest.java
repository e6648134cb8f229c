package io.github.dde4j.generator.nn;

import io.github.dde4j.dde.nn.Activation;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The array inference path against the INDArray forward pass, for every skip, activation and type. */
class MlpGeneratorInferenceTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (MlpGenerator.Skip skip : MlpGenerator.Skip.values()) {
            for (Activation act : Activation.values()) {
                for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                    out.add(Arguments.of(skip, act, dt));
                }
            }
        }
        return out;
    }

    /**
     * Same maths, different kernels: in float64 only the order of the bias/skip additions and
     * libm-level differences in the activations differ (~1e-15 relative; 1e-12 leaves a margin).
     * In float32 both paths round the products to float (~1e-7 relative per sum over widths of
     * 33) and dde's float32 tanh/sigmoid are a few ulp off, softplus 1e-6 absolute; through two
     * layers that stays well below 1e-5 of the output scale, the tolerance asked of the fast path.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void inferenceEqualsForward(MlpGenerator.Skip skip, Activation act, DataType dt) {
        int k = 3;
        int d = skip == MlpGenerator.Skip.NONE ? 2 : 3;
        MlpGenerator g = MlpGenerator.create(k, d, new int[] {33, 17}, act, skip, 1.0, dt, RandomSources.seeded(5));
        // move away from the initialisation (zero biases, identity skip) so every parameter matters
        INDArray p = g.parameters().castTo(DataType.DOUBLE);
        p.addi(Nd4j.rand(DataType.DOUBLE, 1, g.parameterCount()).subi(0.5).muli(0.6));
        g = g.withParameters(p);
        int maxRows = 50;
        MlpGenerator.Inference inf = g.inference(maxRows);
        for (int rows : new int[] {maxRows, 7, 1}) {
            INDArray z = Nd4j.randn(DataType.DOUBLE, rows, k).muli(2.0).castTo(dt);
            double[] ref = g.forward(z).castTo(DataType.DOUBLE).reshape(rows * (long) d).toDoubleVector();
            double[] got = new double[rows * d];
            if (dt == DataType.FLOAT) {
                float[] out = new float[maxRows * d];
                inf.forward(z.reshape(rows * (long) k).toFloatVector(), rows, out);
                for (int i = 0; i < got.length; i++) {
                    got[i] = out[i];
                }
            } else {
                double[] out = new double[maxRows * d];
                inf.forward(z.reshape(rows * (long) k).toDoubleVector(), rows, out);
                System.arraycopy(out, 0, got, 0, got.length);
            }
            double scale = 0;
            for (double v : ref) {
                scale = Math.max(scale, Math.abs(v));
            }
            scale = Math.max(scale, 1.0);
            double tol = (dt == DataType.FLOAT ? 1e-5 : 1e-12) * scale;
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                assertTrue(Double.isFinite(got[i]), "row " + i / d + " not finite");
                worst = Math.max(worst, Math.abs(got[i] - ref[i]));
            }
            assertTrue(worst <= tol, skip + "/" + act + "/" + dt + " rows " + rows + ": max |fast - forward| = "
                    + worst + " > " + tol + " (output scale " + scale + ")");
        }
    }

    @Test
    void rejectsWrongTypeAndSize() {
        MlpGenerator g = MlpGenerator.create(2, 2, new int[] {4}, Activation.TANH, MlpGenerator.Skip.NONE,
                1.0, DataType.FLOAT, RandomSources.seeded(1));
        MlpGenerator.Inference inf = g.inference(4);
        assertThrows(IllegalArgumentException.class, () -> inf.forward(new double[8], 4, new double[8]));
        assertThrows(IllegalArgumentException.class, () -> inf.forward(new float[10], 5, new float[10]));
        assertThrows(IllegalArgumentException.class, () -> inf.forward(new float[6], 4, new float[8]));
        assertThrows(IllegalArgumentException.class, () -> g.inference(0));
    }
}
