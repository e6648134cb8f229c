package io.github.dde4j.generator.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015) on one flat parameter vector, with bias correction:
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,   t = t + 1
 *   phi -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * The whole state (m, v, t) is exposed so that checkpoints resume bit for bit. Mutable, not
 * thread-safe: it belongs to one training loop.
 */
public final class Adam {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final INDArray m;
    private final INDArray v;
    private long t;

    /** Adam with beta1 0.9, beta2 0.999, eps 1e-8 for a parameter vector shaped like {@code like}. */
    public Adam(INDArray like) {
        this(like, 0.9, 0.999, 1e-8);
    }

    public Adam(INDArray like, double beta1, double beta2, double eps) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and eps > 0, got " + beta1 + ", "
                    + beta2 + ", " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = like.ulike().assign(0);
        this.v = like.ulike().assign(0);
    }

    /** Restores a saved state (copies {@code m} and {@code v}). */
    public void restore(INDArray m, INDArray v, long t) {
        this.m.assign(m);
        this.v.assign(v);
        this.t = t;
    }

    /** Applies one update to {@code params} in place, using gradient {@code grad}. */
    public void step(INDArray params, INDArray grad, double lr) {
        t++;
        m.muli(beta1).addi(grad.mul(1 - beta1));
        v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        INDArray denom = Transforms.sqrt(v.div(c2), false).addi(eps);
        params.subi(m.div(denom).muli(lr / c1));
    }

    /** A copy of the first-moment estimate. */
    public INDArray firstMoment() {
        return m.dup();
    }

    /** A copy of the second-moment estimate. */
    public INDArray secondMoment() {
        return v.dup();
    }

    /** Steps taken. */
    public long steps() {
        return t;
    }
}
