package io.github.dde4j.dde.normalize;

import java.util.function.IntFunction;

/**
 * f on one batch, held to the contract of {@link UnnormalizedLogDensity}: one value per row, none
 * NaN or +Infinity. The estimators reject a broken f here, naming the offending point.
 */
final class CheckedBatch {

    private CheckedBatch() {
    }

    /**
     * @param f     the log density
     * @param x     the batch (not modified)
     * @param where describes point i for the error message, e.g. "the grid point [0.5, 1.0]"
     * @return f's values, one per row
     */
    static double[] evaluate(UnnormalizedLogDensity f, double[][] x, IntFunction<String> where) {
        double[] v = f.logDensityUnnormalized(x);
        if (v == null || v.length != x.length) {
            throw new IllegalArgumentException("f returned " + (v == null ? "null" : v.length + " values")
                    + " for a batch of " + x.length + " points");
        }
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || v[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("f is " + v[i] + " at " + where.apply(i));
            }
        }
        return v;
    }
}
