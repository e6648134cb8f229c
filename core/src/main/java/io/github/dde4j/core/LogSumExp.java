package io.github.dde4j.core;

/**
 * log(sum_k exp(a_k)) and log(mean_k exp(a_k)) without overflow or underflow: the largest term
 * is taken out first, so every exponential lies in (0, 1]. The sum of a mixture's or a kernel
 * density's log terms, wherever the project needs it.
 */
public final class LogSumExp {

    private LogSumExp() {
    }

    /** log sum_k exp(terms[k]); -infinity for no terms or when every term is -infinity. */
    public static double of(double[] terms) {
        return of(terms, terms.length);
    }

    /** log sum_{k &lt; n} exp(terms[k]): the first {@code n} terms of a reused buffer. */
    public static double of(double[] terms, int n) {
        double max = max(terms, n);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log(shiftedSum(terms, n, max));
    }

    /** log((1 / n) sum_k exp(terms[k])), n the number of terms; -infinity as {@link #of}. */
    public static double mean(double[] terms) {
        double max = max(terms, terms.length);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log(shiftedSum(terms, terms.length, max) / terms.length);
    }

    private static double max(double[] terms, int n) {
        if (n < 0 || n > terms.length) {
            throw new IllegalArgumentException("n must be in [0, " + terms.length + "], got " + n);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, terms[k]);
        }
        return max;
    }

    private static double shiftedSum(double[] terms, int n, double max) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(terms[k] - max);
        }
        return sum;
    }
}
