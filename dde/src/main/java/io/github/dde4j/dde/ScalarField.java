package io.github.dde4j.dde;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A smooth scalar function f: R^d -> R evaluated on ND4J batches: a DDE's unnormalised log
 * density, or any smooth log density known up to a constant. Rows are points. Implementations
 * never modify their arguments, and return new arrays (detached from any workspace).
 */
public interface ScalarField {

    /** The input dimension d. */
    int dimension();

    /** f(y_i) for an {@code n x d} batch, as a length-n vector. */
    INDArray value(INDArray y);

    /** grad_y f(y_i) for an {@code n x d} batch, as {@code n x d}. */
    INDArray inputGradient(INDArray y);

    /**
     * f and grad f at the same points. The default makes the two calls; a network evaluates f on
     * the way to grad f, so its implementations answer both from one pass.
     *
     * @param value    f(y_i), length n
     * @param gradient grad_y f(y_i), n x d
     */
    record ValueAndGradient(INDArray value, INDArray gradient) {
    }

    /** {@link #value} and {@link #inputGradient} of an {@code n x d} batch together. */
    default ValueAndGradient valueAndGradient(INDArray y) {
        return new ValueAndGradient(value(y), inputGradient(y));
    }
}
