package io.github.dde4j.dde.sampling;

import io.github.dde4j.core.Checks;
import java.util.function.BiFunction;

/**
 * The target behind {@link LangevinTarget}'s function factories: a score of (x, sigma) and,
 * optionally, a log density of (x, sigma); the sigma-free factories pass functions that ignore it.
 */
final class FunctionTarget implements LangevinTarget {

    private final int dimension;
    private final BiFunction<double[][], Double, double[][]> score;
    private final BiFunction<double[][], Double, double[]> logDensity;

    /** {@code logDensity} may be null: then there is no MALA. */
    FunctionTarget(int dimension, BiFunction<double[][], Double, double[][]> score,
                   BiFunction<double[][], Double, double[]> logDensity) {
        Checks.requireAtLeast(dimension, 1, "dimension");
        this.dimension = dimension;
        this.score = score;
        this.logDensity = logDensity;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double[][] score(double[][] x, double sigma) {
        return score.apply(x, sigma);
    }

    @Override
    public boolean hasLogDensity() {
        return logDensity != null;
    }

    @Override
    public double[] logDensity(double[][] x, double sigma) {
        return logDensity != null ? logDensity.apply(x, sigma) : LangevinTarget.super.logDensity(x, sigma);
    }
}
