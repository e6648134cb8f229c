package io.github.dde4j.core.metrics;

import java.util.Arrays;

/**
 * Exact distances between two one-dimensional samples u (size n) and v (size m), any sizes, from
 * their empirical CDFs F_u and F_v:
 * <pre>
 *   W1(u, v) = integral |F_u(t) - F_v(t)| dt          (Wasserstein-1, = scipy.stats.wasserstein_distance)
 *   KS(u, v) = sup_t |F_u(t) - F_v(t)|                (two-sample Kolmogorov-Smirnov statistic,
 *                                                      = scipy.stats.ks_2samp(...).statistic)
 * </pre>
 * Both are computed by one merge of the sorted samples, O((n + m) log(n + m)); ties are handled
 * exactly (the CDFs are right-continuous). Inputs are not modified.
 */
public final class Distances1D {

    private Distances1D() {
    }

    /** Wasserstein-1 distance between the empirical distributions of u and v. */
    public static double wasserstein1(double[] u, double[] v) {
        double[] a = sortedCopy(u, "u");
        double[] b = sortedCopy(v, "v");
        return wasserstein1Sorted(a, b);
    }

    /** W1 for already sorted inputs (not checked). */
    static double wasserstein1Sorted(double[] a, double[] b) {
        int n = a.length;
        int m = b.length;
        int i = 0;
        int j = 0;
        double prev = Math.min(a[0], b[0]);
        double area = 0;
        // between consecutive merged values the CDFs are constant at i/n and j/m
        while (i < n || j < m) {
            double t;
            boolean takeA = j >= m || (i < n && a[i] <= b[j]);
            t = takeA ? a[i] : b[j];
            area += Math.abs((double) i / n - (double) j / m) * (t - prev);
            prev = t;
            if (takeA) {
                i++;
            } else {
                j++;
            }
        }
        return area;
    }

    /** The two-sample Kolmogorov-Smirnov statistic sup_t |F_u(t) - F_v(t)|. */
    public static double ks(double[] u, double[] v) {
        double[] a = sortedCopy(u, "u");
        double[] b = sortedCopy(v, "v");
        int n = a.length;
        int m = b.length;
        int i = 0;
        int j = 0;
        double best = 0;
        while (i < n || j < m) {
            double t = j >= m ? a[i] : i >= n ? b[j] : Math.min(a[i], b[j]);
            while (i < n && a[i] == t) {
                i++;
            }
            while (j < m && b[j] == t) {
                j++;
            }
            best = Math.max(best, Math.abs((double) i / n - (double) j / m));
        }
        return best;
    }

    /** A checked, sorted copy (the inputs are never modified). */
    private static double[] sortedCopy(double[] u, String name) {
        check(u, name);
        double[] a = u.clone();
        Arrays.sort(a);
        return a;
    }

    static void check(double[] u, String name) {
        if (u == null || u.length == 0) {
            throw new IllegalArgumentException(name + " is null or empty");
        }
        for (int i = 0; i < u.length; i++) {
            if (!Double.isFinite(u[i])) {
                throw new IllegalArgumentException(name + ", row " + i + ": value " + u[i] + " is not finite");
            }
        }
    }
}
