package io.github.dde4j.core.metrics;

import io.github.dde4j.core.Checks;
import java.util.stream.IntStream;

/**
 * Sums of a function of the squared Euclidean distance over all pairs of two point sets,
 * tiled and parallel. Internal to the metrics package.
 */
final class PairSums {

    /** f(d2) = exp(-gamma d2). */
    static final int GAUSSIAN = 0;
    /** f(d2) = sqrt(d2). */
    static final int EUCLIDEAN = 1;

    /** Rows of A handled by one task. */
    private static final int ROW_CHUNK = 64;
    /** Rows of B kept hot in cache while a chunk of A passes over them. */
    private static final int COL_BLOCK = 1024;
    /** Below this many pair-coordinates the work is done on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 20;

    private PairSums() {
    }

    /** Row-major copy of a validated batch. */
    static double[] flatten(double[][] xs, int d) {
        double[] out = new double[xs.length * d];
        for (int i = 0; i < xs.length; i++) {
            System.arraycopy(xs[i], 0, out, i * d, d);
        }
        return out;
    }

    /** Validates two samples of equal dimension; returns d. */
    static int checkPair(double[][] x, double[][] y) {
        int d = Checks.requirePoints(x, -1, "x");
        if (y != null && y.length > 0 && y[0] != null && y[0].length != d) {
            throw new IllegalArgumentException("y has dimension " + y[0].length + " but x has dimension " + d);
        }
        Checks.requirePoints(y, d, "y");
        return d;
    }

    /**
     * sum_{i, j} f(||a_i - b_j||^2) over all na x nb pairs, or, if {@code symmetric} (b == a),
     * sum_{i != j} f(||a_i - a_j||^2) over ordered pairs (twice the sum over i &lt; j).
     */
    static double sum(double[] a, int na, double[] b, int nb, int d, int kind, double gamma, boolean symmetric) {
        int chunks = (na + ROW_CHUNK - 1) / ROW_CHUNK;
        double[] partial = new double[chunks];
        IntStream range = IntStream.range(0, chunks);
        if ((long) na * nb * d >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(c -> partial[c] = chunk(a, na, b, nb, d, kind, gamma, symmetric, c));
        // fixed order: the result does not depend on how the pool scheduled the chunks
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return symmetric ? 2 * total : total;
    }

    private static double chunk(double[] a, int na, double[] b, int nb, int d, int kind, double gamma,
                                boolean symmetric, int c) {
        int i0 = c * ROW_CHUNK;
        int i1 = Math.min(na, i0 + ROW_CHUNK);
        double total = 0;
        int jStart = symmetric ? i0 + 1 : 0;
        for (int j0 = jStart; j0 < nb; j0 += COL_BLOCK) {
            int j1 = Math.min(nb, j0 + COL_BLOCK);
            for (int i = i0; i < i1; i++) {
                int jFrom = symmetric ? Math.max(j0, i + 1) : j0;
                if (jFrom >= j1) {
                    continue;
                }
                int ia = i * d;
                double s = 0;
                if (d == 2) {
                    // the common 2-D case unrolled: no inner loop
                    double a0 = a[ia];
                    double a1 = a[ia + 1];
                    if (kind == GAUSSIAN) {
                        for (int j = jFrom; j < j1; j++) {
                            double t0 = a0 - b[2 * j];
                            double t1 = a1 - b[2 * j + 1];
                            s += Math.exp(-gamma * (t0 * t0 + t1 * t1));
                        }
                    } else {
                        for (int j = jFrom; j < j1; j++) {
                            double t0 = a0 - b[2 * j];
                            double t1 = a1 - b[2 * j + 1];
                            s += Math.sqrt(t0 * t0 + t1 * t1);
                        }
                    }
                } else {
                    for (int j = jFrom; j < j1; j++) {
                        int jb = j * d;
                        double d2 = 0;
                        for (int t = 0; t < d; t++) {
                            double diff = a[ia + t] - b[jb + t];
                            d2 += diff * diff;
                        }
                        s += kind == GAUSSIAN ? Math.exp(-gamma * d2) : Math.sqrt(d2);
                    }
                }
                total += s;
            }
        }
        return total;
    }
}
