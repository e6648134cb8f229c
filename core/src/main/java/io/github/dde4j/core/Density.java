package io.github.dde4j.core;

/**
 * A probability density p on R^d.
 *
 * <p>Batches are {@code n x d} arrays, one point per row; implementations never modify them.
 * Points with non-finite coordinates or the wrong dimension are rejected with an
 * {@link IllegalArgumentException} naming the row and column.
 *
 * <p>A density that knows its gradient also offers the score, grad_x log p(x)
 * ({@link #hasScore()}); this is what Langevin sampling and generator training need.
 */
public interface Density {

    /** The dimension d of the space the density lives on. */
    int dimension();

    /** log p(x) for one point of length {@link #dimension()}. */
    double logDensity(double[] x);

    /**
     * log p(x_i) for every row of an {@code n x d} batch. The default evaluates row by row;
     * implementations override it with a vectorised computation.
     */
    default double[] logDensity(double[][] xs) {
        Checks.requirePoints(xs, dimension(), "points");
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = logDensity(xs[i]);
        }
        return out;
    }

    /** p(x) = exp(log p(x)); may underflow to 0 in the tails, where {@link #logDensity} does not. */
    default double density(double[] x) {
        return Math.exp(logDensity(x));
    }

    /** Whether {@link #score(double[][])} is available. */
    default boolean hasScore() {
        return false;
    }

    /**
     * The score grad_x log p(x_i) for every row of an {@code n x d} batch, as an {@code n x d} array.
     *
     * @throws UnsupportedOperationException if {@link #hasScore()} is false
     */
    default double[][] score(double[][] xs) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not provide a score");
    }
}
