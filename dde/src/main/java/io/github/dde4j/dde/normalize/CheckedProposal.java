package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A proposal of fixed dimension whose {@link #sample} refuses a negative count before it draws:
 * the checks every proposal of this package makes, in one place; subclasses only draw.
 */
abstract class CheckedProposal implements Proposal {

    /** The dimension d. */
    final int d;

    CheckedProposal(int d) {
        this.d = d;
    }

    @Override
    public final int dimension() {
        return d;
    }

    @Override
    public final double[][] sample(int n, UniformRandomProvider rng) {
        Checks.requireAtLeast(n, 0, "n");
        return draw(n, rng);
    }

    /** Draws {@code n >= 0} independent points, as an {@code n x d} array. */
    abstract double[][] draw(int n, UniformRandomProvider rng);
}
