package io.github.dde4j.dde.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The activation functions of the project's networks, sigma(z) with their first and second
 * derivatives. A DDE needs smooth ones: its score contains sigma'(z) and the training gradient of
 * the score contains sigma''(z). {@link #RELU} is for the generator only, whose step needs first
 * derivatives alone; {@link MlpSpec} refuses it for a DDE network, since its second derivative
 * vanishes almost everywhere and a ReLU DDE's learned log density would be piecewise linear.
 *
 * <ul>
 *   <li>{@link #SOFTPLUS}: sigma = log(1 + e^z), sigma' = s = 1/(1 + e^-z), sigma'' = s(1 - s)</li>
 *   <li>{@link #TANH}: sigma = tanh z = t, sigma' = 1 - t^2, sigma'' = -2t(1 - t^2)</li>
 *   <li>{@link #SILU} (swish): sigma = z s, sigma' = s(1 + z(1 - s)),
 *       sigma'' = s(1 - s)(2 + z(1 - 2s))</li>
 *   <li>{@link #RELU}: sigma = max(0, z), sigma' = 1[z &gt; 0], sigma'' = 0</li>
 * </ul>
 * All formulas are evaluated in overflow-free forms (only e^-|z| is ever computed). The ND4J
 * forms ({@link #apply(INDArray)}, {@link #derivative(INDArray, INDArray)}) serve the generator's
 * training pass; the fused float64 and float32 loops of the BLAS networks are internal
 * ({@code dde.internal.ActivationLoops}).
 */
public enum Activation {
    SOFTPLUS, TANH, SILU, RELU;

    /** Whether sigma'' is informative (not zero almost everywhere): what a DDE network needs. */
    public boolean isSmooth() {
        return this != RELU;
    }

    /** sigma(z). */
    public double value(double z) {
        switch (this) {
            case SOFTPLUS:
                return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            case TANH:
                return Math.tanh(z);
            case RELU:
                return Math.max(z, 0);
            default:
                return z * sigmoid(z);
        }
    }

    /** sigma'(z). */
    public double derivative(double z) {
        switch (this) {
            case SOFTPLUS:
                return sigmoid(z);
            case TANH: {
                double t = Math.tanh(z);
                return 1 - t * t;
            }
            case RELU:
                return z > 0 ? 1 : 0;
            default: {
                double s = sigmoid(z);
                return s * (1 + z * (1 - s));
            }
        }
    }

    /** sigma''(z). */
    public double secondDerivative(double z) {
        switch (this) {
            case SOFTPLUS: {
                double s = sigmoid(z);
                return s * (1 - s);
            }
            case TANH: {
                double t = Math.tanh(z);
                return -2 * t * (1 - t * t);
            }
            case RELU:
                return 0;
            default: {
                double s = sigmoid(z);
                return s * (1 - s) * (2 + z * (1 - 2 * s));
            }
        }
    }

    /** The logistic function 1/(1 + e^-z), without overflow. */
    public static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** sigma(a) of an ND4J array, as a new array (the generator's training forward pass). */
    public INDArray apply(INDArray a) {
        return switch (this) {
            case TANH -> Transforms.tanh(a, true);
            case SOFTPLUS -> Transforms.softPlus(a, true);
            case SILU -> Transforms.sigmoid(a, true).muli(a);
            case RELU -> Transforms.relu(a, true);
        };
    }

    /** sigma'(a) given the pre-activation a and the activation h = sigma(a), as a new array. */
    public INDArray derivative(INDArray a, INDArray h) {
        return switch (this) {
            case TANH -> h.mul(h).rsubi(1.0);
            case SOFTPLUS -> Transforms.sigmoid(a, true);
            case SILU -> {
                INDArray s = Transforms.sigmoid(a, true);
                // s + a s (1 - s) = s (1 + a (1 - s))
                INDArray t = s.rsub(1.0).muli(a).addi(1.0);
                yield t.muli(s);
            }
            case RELU -> a.gt(0.0).castTo(a.dataType());
        };
    }
}
