package io.github.dde4j.core.toy;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.Sampler;

/**
 * A named 2-D toy distribution with an exact seeded sampler. Toys whose density is known in closed
 * form also give it, and the exact smoothed density p~ = p * N(0, sigma^2 I) for any sigma > 0
 * ({@link #hasDensity()}).
 */
public interface Toy extends Sampler {

    /** The registry name, e.g. {@code "8gaussians"} ({@link Toys#byName(String)}). */
    String name();

    /** Whether {@link #density()} and {@link #smoothedDensity(double)} are available. */
    default boolean hasDensity() {
        return false;
    }

    /**
     * The exact density p of the samples.
     *
     * @throws UnsupportedOperationException if {@link #hasDensity()} is false
     */
    default Density density() {
        throw new UnsupportedOperationException(name() + " has no closed-form density");
    }

    /**
     * The exact density of the samples plus N(0, sigma^2 I) noise: p * N(0, sigma^2 I).
     *
     * @throws UnsupportedOperationException if {@link #hasDensity()} is false
     * @throws IllegalArgumentException      if sigma is not finite and > 0
     */
    default Density smoothedDensity(double sigma) {
        throw new UnsupportedOperationException(name() + " has no closed-form smoothed density");
    }

    @Override
    default int dimension() {
        return 2;
    }

    /** The number of modes (components, squares, rings, moons, spiral arms). */
    int modeCount();

    /**
     * The mode a point belongs to, 0 .. modeCount()-1: the nearest component centre, square, ring,
     * arc or arm (see each toy). Used to check that a generator covers every mode
     * ({@link Toys#modeShares(Toy, double[][])}).
     */
    int mode(double[] x);
}
