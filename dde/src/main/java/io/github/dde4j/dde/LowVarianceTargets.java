package io.github.dde4j.dde;

import java.util.Arrays;

/**
 * The low-variance regression target of {@link Objective#LOW_VARIANCE}: the score of a Gaussian
 * KDE (bandwidth sigma) over a reference set, at noisy points y,
 * <pre>
 *   w_j = softmax_j(-||y - x_j||^2 / (2 sigma^2)),   target(y) = (sum_j w_j x_j - y) / sigma^2.
 * </pre>
 * The softmax is shifted by the smallest distance, and reference points whose weight is below
 * e^-40 relative to the nearest one are skipped (they change the target by less than 1e-17
 * relative). Works on flat row-major arrays in double precision.
 *
 * <p>The cost is rows x reference-size distances, which with a large reference set (the
 * accurate choice: see docs/dde.md "Learning quality") exceeds the network's own step. It runs on
 * the caller's thread: splitting the rows over a second thread (fork/join) was measured 13x
 * slower on 2 cores (68 ms instead of 5 ms per step, batch 512, reference 512), because the
 * helper thread competes with the BLAS threads of the network step for the same cores. An
 * instance holds the scratch space of one training run.
 */
final class LowVarianceTargets {

    private static final double CUTOFF = 40;
    private double[] distances = new double[0];
    private double[] sums = new double[0];

    /**
     * @param ref  reference points, {@code nRef x d}
     * @param own  per-row extra reference point ({@code rows x d}), or null
     * @param y    noisy points, {@code rows x d}
     * @param out  targets, {@code rows x d}
     */
    void compute(double[] ref, int nRef, double[] own, double[] y, int rows, int d, double sigma, double[] out) {
        if (distances.length < nRef || sums.length < d) {
            distances = new double[nRef];
            sums = new double[d];
        }
        double[] scratch = distances;
        double[] acc = sums;
        double inv2s2 = 1 / (2 * sigma * sigma);
        double invS2 = 1 / (sigma * sigma);
        for (int i = 0; i < rows; i++) {
            int yo = i * d;
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0, p = 0; j < nRef; j++) {
                double s = 0;
                for (int c = 0; c < d; c++, p++) {
                    double diff = y[yo + c] - ref[p];
                    s += diff * diff;
                }
                scratch[j] = s;
                if (s < min) {
                    min = s;
                }
            }
            double ownD2 = Double.POSITIVE_INFINITY;
            if (own != null) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = y[yo + c] - own[yo + c];
                    s += diff * diff;
                }
                ownD2 = s;
                min = Math.min(min, s);
            }
            double total = 0;
            Arrays.fill(acc, 0, d, 0);
            double limit = min + CUTOFF / inv2s2;
            for (int j = 0; j < nRef; j++) {
                double s = scratch[j];
                if (s < limit) {
                    double w = Math.exp(-(s - min) * inv2s2);
                    total += w;
                    int p = j * d;
                    for (int c = 0; c < d; c++) {
                        acc[c] += w * ref[p + c];
                    }
                }
            }
            if (own != null && ownD2 < limit) {
                double w = Math.exp(-(ownD2 - min) * inv2s2);
                total += w;
                for (int c = 0; c < d; c++) {
                    acc[c] += w * own[yo + c];
                }
            }
            for (int c = 0; c < d; c++) {
                out[yo + c] = (acc[c] / total - y[yo + c]) * invS2;
            }
        }
    }
}
