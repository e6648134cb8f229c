package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * log Z = log integral_B exp f(x) dx by tensor-product quadrature over a box B = prod_j [a_j, b_j],
 * for d &lt;= 3 (beyond that use {@link ImportanceSamplingLogPartition}).
 *
 * <p>With n points per axis (n = 1 mod 4), step h_j = (b_j - a_j)/(n - 1) and one-dimensional
 * weights c_k (trapezoid: h (1/2, 1, ..., 1, 1/2); Simpson: h/3 (1, 4, 2, 4, ..., 4, 1)):
 * <pre>
 *   log Z^ = logsumexp_{k_1..k_d} ( sum_j log c_{k_j} + f(x_{k_1..k_d}) )
 * </pre>
 * evaluated in batches with a streaming log-sum-exp, so any f range is exact in floating point.
 *
 * <p>Grid error, reported as {@link LogZEstimate#standardError()}: the same sum on the embedded
 * coarse grid (every other point, step 2h, no extra evaluations) gives log Z^_2h; the
 * discretisation error of the fine grid is bounded by |log Z^_h - log Z^_2h| (Richardson: the
 * actual error is about 1/3 (trapezoid) or 1/15 (Simpson) of that for smooth f; for smooth
 * integrands that decay inside the box the trapezoid rule converges faster than any power of h,
 * so the bound is conservative). To that the truncation to the box is added, estimated by the
 * mass beyond each face extrapolated from the decay of f across it (see the {@code tailFraction}
 * diagnostic: exact for exponential tails, an over-estimate for Gaussian ones), and the rounding
 * bound of the sum. The share of the integral carried by the boundary points themselves is
 * reported as {@code boundaryFraction}. Neither term is a rigorous bound for an arbitrary f.
 *
 * @param rule              the one-dimensional rule
 * @param pointsPerDimension n per axis, n = 1 (mod 4) and n >= 5, or 0 for the default by d
 *                          (1: 4001, 2: 401, 3: 101)
 * @param batchSize         points per call of f, >= 1
 */
public record GridLogPartition(Rule rule, int pointsPerDimension, int batchSize) {

    /** The largest dimension accepted. */
    public static final int MAX_DIMENSION = 3;

    /** One-dimensional quadrature rule. */
    public enum Rule {
        /** Composite trapezoid rule, error O(h^2) (spectral for smooth integrands vanishing at the ends). */
        TRAPEZOID,
        /** Composite Simpson rule, error O(h^4). */
        SIMPSON
    }

    /** Validates. */
    public GridLogPartition {
        Checks.requireNonNull(rule, "rule");
        if (pointsPerDimension != 0 && (pointsPerDimension < 5 || pointsPerDimension % 4 != 1)) {
            throw new IllegalArgumentException("pointsPerDimension must be 0 (default) or >= 5 with n = 1 (mod 4) "
                    + "(so that the every-other-point coarse grid of the error estimate fits), got " + pointsPerDimension);
        }
        Checks.requireAtLeast(batchSize, 1, "batchSize");
    }

    /** Trapezoid, default points per dimension, batches of 8192. */
    public static GridLogPartition defaults() {
        return new GridLogPartition(Rule.TRAPEZOID, 0, 8192);
    }

    /** The default points per axis in dimension d: 4001, 401, 101 (about 4e3, 1.6e5, 1e6 points). */
    public static int defaultPoints(int d) {
        return switch (d) {
            case 1 -> 4001;
            case 2 -> 401;
            default -> 101;
        };
    }

    /**
     * A box around data: per axis [min - pad, max + pad] with pad = relativePadding * (max - min) +
     * absolutePadding. For a DDE (a smoothed density with noise level sigma, whose tails beyond the
     * data decay like exp(-r^2 / (2 sigma^2))) an absolute padding of 6 sigma leaves out a
     * fraction of about 1e-9 of the mass.
     *
     * @return {lower, upper}
     */
    public static double[][] boxAround(double[][] data, double relativePadding, double absolutePadding) {
        int d = Checks.requirePoints(data, -1, "data");
        if (!(relativePadding >= 0 && relativePadding < Double.POSITIVE_INFINITY)
                || !(absolutePadding >= 0 && absolutePadding < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("paddings must be finite and >= 0, got " + relativePadding + " and " + absolutePadding);
        }
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            double pad = relativePadding * (hi[j] - lo[j]) + absolutePadding;
            lo[j] -= pad;
            hi[j] += pad;
        }
        return new double[][] {lo, hi};
    }

    /**
     * Integrates over {@link #boxAround(double[][], double, double) boxAround(data, 0.1, absolutePadding)}.
     */
    public LogZEstimate estimate(UnnormalizedLogDensity f, double[][] data, double absolutePadding) {
        Checks.requireNonNull(f, "f");
        Checks.requirePoints(data, f.dimension(), "data");
        double[][] box = boxAround(data, 0.1, absolutePadding);
        return estimate(f, box[0], box[1]);
    }

    /**
     * Integrates exp f over the box [lower, upper].
     *
     * @throws IllegalArgumentException if d > 3, the box is empty or not finite, or f returns NaN
     *                                  or +Infinity at a grid point (named)
     */
    public LogZEstimate estimate(UnnormalizedLogDensity f, double[] lower, double[] upper) {
        Checks.requireNonNull(f, "f");
        int d = f.dimension();
        if (d > MAX_DIMENSION) {
            throw new IllegalArgumentException("grid integration is for d <= " + MAX_DIMENSION + ", got d = " + d
                    + "; use ImportanceSamplingLogPartition");
        }
        Checks.requirePoint(lower, d, "lower");
        Checks.requirePoint(upper, d, "upper");
        for (int j = 0; j < d; j++) {
            if (!(upper[j] > lower[j])) {
                throw new IllegalArgumentException("box is empty along column " + j + ": [" + lower[j] + ", " + upper[j] + "]");
            }
        }
        int n = pointsPerDimension == 0 ? defaultPoints(d) : pointsPerDimension;
        double[][] axis = new double[d][n];
        double[][] logW = new double[d][];
        double[][] logWCoarse = new double[d][];
        for (int j = 0; j < d; j++) {
            double h = (upper[j] - lower[j]) / (n - 1);
            for (int k = 0; k < n; k++) {
                axis[j][k] = k == n - 1 ? upper[j] : lower[j] + k * h;
            }
            logW[j] = logWeights(n, h);
            logWCoarse[j] = logWeights((n + 1) / 2, 2 * h);
        }
        long total = 1;
        for (int j = 0; j < d; j++) {
            total *= n;
        }
        LogSumExpAccumulator fine = new LogSumExpAccumulator();
        LogSumExpAccumulator coarse = new LogSumExpAccumulator();
        LogSumExpAccumulator boundary = new LogSumExpAccumulator();
        int[] idx = new int[d];
        for (long start = 0; start < total; start += batchSize) {
            int b = (int) Math.min(batchSize, total - start);
            double[][] x = new double[b][d];
            double[] lw = new double[b];
            double[] lwc = new double[b];
            boolean[] onBoundary = new boolean[b];
            for (int i = 0; i < b; i++) {
                gridIndex(start + i, n, d, idx);
                double w = 0;
                double wc = 0;
                boolean edge = false;
                for (int j = 0; j < d; j++) {
                    int k = idx[j];
                    x[i][j] = axis[j][k];
                    w += logW[j][k];
                    wc = (k % 2 == 0 && wc != Double.NEGATIVE_INFINITY) ? wc + logWCoarse[j][k / 2] : Double.NEGATIVE_INFINITY;
                    edge |= k == 0 || k == n - 1;
                }
                lw[i] = w;
                lwc[i] = wc;
                onBoundary[i] = edge;
            }
            double[] fx = CheckedBatch.evaluate(f, x, i -> "the grid point " + java.util.Arrays.toString(x[i]));
            for (int i = 0; i < b; i++) {
                double v = fx[i];
                fine.add(lw[i] + v);
                if (lwc[i] != Double.NEGATIVE_INFINITY) {
                    coarse.add(lwc[i] + v);
                }
                if (onBoundary[i]) {
                    boundary.add(lw[i] + v);
                }
            }
        }
        double logZ = fine.logSum();
        if (logZ == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("exp f is 0 at every grid point of the box: the box misses the density");
        }
        double coarseLogZ = coarse.logSum();
        double boundaryFraction = Math.exp(boundary.logSum() - logZ);
        double tailFraction = Math.exp(logTailMass(f, axis, logW, lower, upper) - logZ);
        double refinement = Math.abs(logZ - coarseLogZ);
        // rounding of a sum of `total` positive terms: relative error at most total * ulp
        double rounding = total * 0x1.0p-52;
        double error = (Double.isFinite(refinement) ? refinement : Double.MAX_VALUE) + Math.log1p(tailFraction) + rounding;
        Map<String, Double> diag = new LinkedHashMap<>();
        diag.put("coarseLogZ", coarseLogZ);
        diag.put("boundaryFraction", boundaryFraction);
        diag.put("tailFraction", tailFraction);
        diag.put("pointsPerDimension", (double) n);
        String method = rule == Rule.TRAPEZOID ? "grid-trapezoid" : "grid-simpson";
        return new LogZEstimate(logZ, error, (double) total, total, method, java.util.List.of(), diag);
    }


    /**
     * The mass beyond the box, extrapolated face by face: at each point x_b of a face (normal
     * axis j, outward direction), with inward neighbour x_i one step h_j inside, the outward decay
     * rate is s = (f(x_i) - f(x_b)) / h_j and an exponential tail carries
     * integral_0^inf exp(f(x_b) - s t) dt = exp(f(x_b)) / s; when s is below 1/width_j (f flat or
     * growing outward) the tail length is capped at the box width. Summed over the face with its
     * cross-section weights. Exact for exponential tails, an over-estimate for Gaussian ones.
     */
    private double logTailMass(UnnormalizedLogDensity f, double[][] axis, double[][] logW, double[] lower, double[] upper) {
        int d = axis.length;
        int n = axis[0].length;
        LogSumExpAccumulator tail = new LogSumExpAccumulator();
        long facePoints = 1;
        for (int j = 0; j < d - 1; j++) {
            facePoints *= n;
        }
        int[] idx = new int[Math.max(d - 1, 1)];
        for (int j = 0; j < d; j++) {
            double h = axis[j][1] - axis[j][0];
            double width = upper[j] - lower[j];
            for (int side = 0; side < 2; side++) {
                int kb = side == 0 ? 0 : n - 1;
                int ki = side == 0 ? 1 : n - 2;
                for (long start = 0; start < facePoints; start += batchSize) {
                    int b = (int) Math.min(batchSize, facePoints - start);
                    double[][] xb = new double[b][d];
                    double[][] xi = new double[b][d];
                    double[] lw = new double[b];
                    for (int p = 0; p < b; p++) {
                        gridIndex(start + p, n, d - 1, idx);
                        double w = 0;
                        for (int a = 0, q = 0; a < d; a++) {
                            if (a == j) {
                                xb[p][a] = axis[a][kb];
                                xi[p][a] = axis[a][ki];
                            } else {
                                int k = idx[q++];
                                xb[p][a] = axis[a][k];
                                xi[p][a] = axis[a][k];
                                w += logW[a][k];
                            }
                        }
                        lw[p] = w;
                    }
                    double[] fb = f.logDensityUnnormalized(xb);
                    double[] fi = f.logDensityUnnormalized(xi);
                    for (int p = 0; p < b; p++) {
                        if (fb[p] == Double.NEGATIVE_INFINITY) {
                            continue;
                        }
                        double s = (fi[p] - fb[p]) / h;
                        double length = s > 1.0 / width ? 1.0 / s : width;
                        tail.add(lw[p] + fb[p] + Math.log(length));
                    }
                }
            }
        }
        return tail.logSum();
    }

    /** The first {@code count} base-n digits of {@code flat}, most significant first: a point's grid index. */
    private static void gridIndex(long flat, int n, int count, int[] idx) {
        for (int j = count - 1; j >= 0; j--) {
            idx[j] = (int) (flat % n);
            flat /= n;
        }
    }

    /** log of the one-dimensional weights for m points with step h. */
    private double[] logWeights(int m, double h) {
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            double c;
            if (rule == Rule.TRAPEZOID) {
                c = (k == 0 || k == m - 1) ? 0.5 * h : h;
            } else {
                c = (k == 0 || k == m - 1) ? h / 3 : (k % 2 == 1 ? 4 * h / 3 : 2 * h / 3);
            }
            w[k] = Math.log(c);
        }
        return w;
    }
}
