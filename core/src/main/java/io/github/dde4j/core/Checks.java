package io.github.dde4j.core;

/**
 * Argument checks shared by every module. Each failure is an {@link IllegalArgumentException}
 * whose message names the argument, the place (row, column) and the offending value.
 */
public final class Checks {

    private Checks() {
    }

    /** {@code value} must be finite and strictly positive. NaN-safe: NaN fails. */
    public static double requirePositive(double value, String name) {
        if (value > 0 && value < Double.POSITIVE_INFINITY) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }

    /** {@code value} must be finite and {@code >= 0}. NaN-safe: NaN fails. */
    public static double requireNonNegative(double value, String name) {
        if (value >= 0 && value < Double.POSITIVE_INFINITY) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }

    /** {@code value} must not be null; the message is "{@code name} is null". */
    public static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return value;
    }

    /** {@code value} must be finite. */
    public static double requireFinite(double value, String name) {
        if (Double.isFinite(value)) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be finite, got " + value);
    }

    /** {@code value} must be at least {@code min}. */
    public static int requireAtLeast(int value, int min, String name) {
        if (value >= min) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }

    /** {@code value} must be at least {@code min} (for counts and seeds that need a long). */
    public static long requireAtLeast(long value, long min, String name) {
        if (value >= min) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }

    /** One point of dimension {@code d} with finite coordinates. */
    public static double[] requirePoint(double[] x, int d, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (x.length != d) {
            throw new IllegalArgumentException(name + " has dimension " + x.length + ", expected " + d);
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException(name + ", column " + j + ": value " + x[j] + " is not finite");
            }
        }
        return x;
    }

    /**
     * A non-empty {@code n x d} batch with finite coordinates; {@code d < 0} accepts any common
     * dimension. Returns the dimension.
     */
    public static int requirePoints(double[][] xs, int d, String name) {
        if (xs == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        int dim = d >= 0 ? d : (xs[0] == null ? 0 : xs[0].length);
        if (dim == 0) {
            throw new IllegalArgumentException(name + " has dimension 0");
        }
        for (int i = 0; i < xs.length; i++) {
            double[] row = xs[i];
            if (row == null) {
                throw new IllegalArgumentException(name + ", row " + i + " is null");
            }
            if (row.length != dim) {
                throw new IllegalArgumentException(name + ", row " + i + " has dimension " + row.length + ", expected " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + ", row " + i + ", column " + j + ": value " + row[j] + " is not finite");
                }
            }
        }
        return dim;
    }

    /** A deep copy of a batch, so that later changes by the caller cannot reach us. */
    public static double[][] copy(double[][] xs) {
        double[][] out = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            out[i] = xs[i].clone();
        }
        return out;
    }
}
