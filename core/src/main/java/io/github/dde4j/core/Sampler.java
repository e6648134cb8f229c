package io.github.dde4j.core;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws points from a distribution on R^d. The sampler holds no random generator of its own:
 * every call takes the caller's random source, so results are reproducible from a seed
 * ({@link RandomSources#seeded(long)}).
 */
public interface Sampler {

    /** The dimension d of the points drawn. */
    int dimension();

    /** Draws {@code n} independent points, returned as an {@code n x d} array. */
    double[][] sample(int n, UniformRandomProvider rng);

    /** Draws {@code n} points from a generator seeded with {@code seed}. */
    default double[][] sample(int n, long seed) {
        return sample(n, RandomSources.seeded(seed));
    }
}
