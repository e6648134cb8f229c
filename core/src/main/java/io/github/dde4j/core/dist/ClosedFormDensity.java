package io.github.dde4j.core.dist;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.Sampler;

/**
 * What the closed-form densities of this package share: the point checks, one scratch buffer per
 * call (per batch, not per row), the batch loop and the single-point score. A density only says
 * how one point's log density is computed with its buffer.
 */
abstract class ClosedFormDensity implements Density, Sampler {

    @Override
    public final double logDensity(double[] x) {
        Checks.requirePoint(x, dimension(), "x");
        return logDensityUnchecked(x, newWork());
    }

    @Override
    public final double[] logDensity(double[][] xs) {
        Checks.requirePoints(xs, dimension(), "points");
        double[] out = new double[xs.length];
        double[] work = newWork();
        for (int i = 0; i < xs.length; i++) {
            out[i] = logDensityUnchecked(xs[i], work);
        }
        return out;
    }

    @Override
    public final boolean hasScore() {
        return true;
    }

    /**
     * The score of one point, grad_x log p(x).
     *
     * @param x a point of the density's dimension, finite
     * @return the score (a new array)
     */
    public final double[] score(double[] x) {
        Checks.requirePoint(x, dimension(), "x");
        return score(new double[][] {x})[0];
    }

    /** A scratch buffer for {@link #logDensityUnchecked(double[], double[])}. */
    abstract double[] newWork();

    /** log p(x) for a checked point, using (and overwriting) {@code work}. */
    abstract double logDensityUnchecked(double[] x, double[] work);
}
