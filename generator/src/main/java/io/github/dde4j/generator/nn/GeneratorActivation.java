package io.github.dde4j.generator.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hidden-layer activations of the generator MLP. The generator step needs only first-order
 * derivatives, so ReLU is allowed here (unlike in a DDE, whose training differentiates the
 * input gradient a second time).
 */
public enum GeneratorActivation {
    /** tanh(a); derivative 1 - tanh(a)^2. */
    TANH,
    /** log(1 + e^a); derivative sigmoid(a). */
    SOFTPLUS,
    /** a * sigmoid(a) (swish); derivative s + a s (1 - s). */
    SILU,
    /** max(0, a); derivative 1[a > 0]. */
    RELU;

    /** act(a) as a new array. */
    INDArray apply(INDArray a) {
        switch (this) {
            case TANH:
                return Transforms.tanh(a, true);
            case SOFTPLUS:
                return Transforms.softPlus(a, true);
            case SILU:
                return Transforms.sigmoid(a, true).muli(a);
            case RELU:
                return Transforms.relu(a, true);
            default:
                throw new AssertionError(this);
        }
    }

    /** act'(a) given the pre-activation a and the activation h = act(a), as a new array. */
    INDArray derivative(INDArray a, INDArray h) {
        switch (this) {
            case TANH:
                return h.mul(h).rsubi(1.0);
            case SOFTPLUS:
                return Transforms.sigmoid(a, true);
            case SILU: {
                INDArray s = Transforms.sigmoid(a, true);
                // s + a s (1 - s) = s (1 + a (1 - s))
                INDArray t = s.rsub(1.0).muli(a).addi(1.0);
                return t.muli(s);
            }
            case RELU:
                return a.gt(0.0).castTo(a.dataType());
            default:
                throw new AssertionError(this);
        }
    }
}
