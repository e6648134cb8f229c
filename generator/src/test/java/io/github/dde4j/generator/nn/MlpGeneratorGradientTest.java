package io.github.dde4j.generator.nn;

import io.github.dde4j.dde.nn.Activation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Backprop of an external error against central finite differences in float64. */
class MlpGeneratorGradientTest {

    /**
     * L(phi) = sum_ij E_ij g(z)_ij for a fixed random E, so dL/dphi is what backward(E) returns.
     * Central differences have error O(h^2 f'''); with h = 1e-5 and O(1) derivatives in float64
     * that is ~1e-10, plus rounding ~1e-16/h = 1e-11: relative error 1e-6 leaves a wide margin.
     */
    @ParameterizedTest
    @CsvSource({"2,2,TANH,NONE", "2,2,SOFTPLUS,IDENTITY", "3,3,SILU,AFFINE", "4,2,TANH,NONE", "2,2,RELU,AFFINE"})
    void backwardMatchesFiniteDifferences(int k, int d, Activation act, MlpGenerator.Skip skip) {
        UniformRandomProvider rng = RandomSources.seeded(11);
        MlpGenerator g = MlpGenerator.create(k, d, new int[] {7, 5}, act, skip, 1.0, DataType.DOUBLE, rng);
        // perturb the skip so the test does not sit at the identity
        INDArray p0 = g.parameters().addi(Nd4j.rand(DataType.DOUBLE, 1, g.parameterCount()).subi(0.5).muli(0.2));
        g = g.withParameters(p0);
        INDArray z = Nd4j.randn(DataType.DOUBLE, 6, k);
        INDArray e = Nd4j.randn(DataType.DOUBLE, 6, d);
        INDArray grad = g.forwardForBackprop(z).backward(e);
        assertEquals(g.parameterCount(), grad.length());
        double h = 1e-5;
        double worst = 0;
        for (long i = 0; i < g.parameterCount(); i++) {
            INDArray plus = p0.dup();
            plus.putScalar(0, i, p0.getDouble(0, i) + h);
            INDArray minus = p0.dup();
            minus.putScalar(0, i, p0.getDouble(0, i) - h);
            double lp = g.withParameters(plus).forward(z).mul(e).sumNumber().doubleValue();
            double lm = g.withParameters(minus).forward(z).mul(e).sumNumber().doubleValue();
            double fd = (lp - lm) / (2 * h);
            double an = grad.getDouble(0, i);
            double err = Math.abs(fd - an);
            // ReLU kinks are measure-zero; they are not near any of these random points at h = 1e-5
            assertTrue(err < 1e-6 * Math.max(1.0, Math.abs(fd)), "param " + i + ": analytic " + an + " vs fd " + fd);
            worst = Math.max(worst, err);
        }
        assertTrue(worst < 1e-6);
    }

    @Test
    void identitySkipStartsNearIdentity() {
        MlpGenerator g = MlpGenerator.create(2, 2, new int[] {16}, Activation.TANH, MlpGenerator.Skip.AFFINE,
                0.0, DataType.DOUBLE, RandomSources.seeded(1));
        INDArray z = Nd4j.randn(DataType.DOUBLE, 5, 2);
        assertEquals(0.0, g.forward(z).sub(z).amaxNumber().doubleValue(), 1e-12);
        MlpGenerator a = g.withAffineInit(new double[] {1, -2}, new double[][] {{2, 0}, {0.5, 3}});
        INDArray y = a.forward(z);
        for (int i = 0; i < 5; i++) {
            double z0 = z.getDouble(i, 0);
            double z1 = z.getDouble(i, 1);
            assertEquals(1 + 2 * z0, y.getDouble(i, 0), 1e-12);
            assertEquals(-2 + 0.5 * z0 + 3 * z1, y.getDouble(i, 1), 1e-12);
        }
    }

    @Test
    void forwardIntoAgreesWithForwardAndRoundTripsDescription() {
        MlpGenerator g = MlpGenerator.create(3, 3, new int[] {8, 8}, Activation.SILU, MlpGenerator.Skip.AFFINE,
                0.5, DataType.FLOAT, RandomSources.seeded(2));
        // seeded latents; forwardInto's float32 products may round differently from forward's (a few ulp)
        UniformRandomProvider rz = RandomSources.seeded(4);
        float[] zv = new float[30];
        for (int i = 0; i < zv.length; i++) {
            zv[i] = (float) (2 * rz.nextDouble() - 1);
        }
        INDArray z = Nd4j.create(zv, new long[] {10, 3}, 'c');
        INDArray out = Nd4j.create(DataType.FLOAT, 10, 3);
        g.forwardInto(z, out);
        assertEquals(0.0, g.forward(z).sub(out).amaxNumber().doubleValue(), 1e-6);
        // the network read back from its description and parameters is the same network: same path, same values
        GeneratorNetwork back = GeneratorNetworks.read("mlp", g.describe(), g.parameters());
        assertEquals(0.0, back.forward(z).sub(g.forward(z)).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void rejectsBadShapes() {
        MlpGenerator g = MlpGenerator.create(2, 2, new int[] {4}, Activation.TANH, MlpGenerator.Skip.NONE,
                1.0, DataType.DOUBLE, RandomSources.seeded(3));
        assertThrows(IllegalArgumentException.class, () -> g.forward(Nd4j.zeros(DataType.DOUBLE, 3, 5)));
        assertThrows(IllegalArgumentException.class, () -> MlpGenerator.create(2, 3, new int[] {4},
                Activation.TANH, MlpGenerator.Skip.IDENTITY, 1.0, DataType.DOUBLE, RandomSources.seeded(3)));
    }
}
