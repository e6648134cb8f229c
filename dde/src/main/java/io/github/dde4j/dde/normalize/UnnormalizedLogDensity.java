package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import java.util.function.Function;

/**
 * A log density known up to an additive constant, evaluated on batches: f(x) = log p(x) + log Z
 * for an unknown normalising constant Z = integral exp f(x) dx. A fitted DDE is one (its network
 * output), and so is any normalised {@link Density} (then Z = 1).
 *
 * <p>Batches are {@code n x d} arrays, one point per row; implementations must not modify them
 * and must return a fresh array of length n. Values may be {@code -Infinity} (zero density) but
 * not NaN or {@code +Infinity}; the estimators reject those with the offending row.
 */
public interface UnnormalizedLogDensity {

    /** The dimension d of the space. */
    int dimension();

    /** f(x_i) for every row of an {@code n x d} batch, as a length-n array. */
    double[] logDensityUnnormalized(double[][] x);

    /**
     * Wraps a batch function.
     *
     * @param dimension d >= 1
     * @param f         maps an {@code n x d} batch to n values
     */
    static UnnormalizedLogDensity of(int dimension, Function<double[][], double[]> f) {
        Checks.requireAtLeast(dimension, 1, "dimension");
        Checks.requireNonNull(f, "f");
        return new UnnormalizedLogDensity() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public double[] logDensityUnnormalized(double[][] x) {
                return f.apply(x);
            }
        };
    }

    /** A normalised density seen as an unnormalised one (its log Z is 0): handy for tests. */
    static UnnormalizedLogDensity of(Density density) {
        Checks.requireNonNull(density, "density");
        return of(density.dimension(), density::logDensity);
    }

    /** f(x) + shift: the same density with log Z moved by {@code shift}. */
    default UnnormalizedLogDensity shifted(double shift) {
        Checks.requireFinite(shift, "shift");
        UnnormalizedLogDensity self = this;
        return of(dimension(), x -> {
            double[] v = self.logDensityUnnormalized(x);
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] + shift;
            }
            return out;
        });
    }
}
