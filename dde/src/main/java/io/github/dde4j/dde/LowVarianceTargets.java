package io.github.dde4j.dde;

import io.github.dde4j.dde.internal.Blas;
import io.github.dde4j.kde.GaussianKde;

/**
 * The low-variance regression target of {@link Objective#LOW_VARIANCE}: the score of a Gaussian
 * KDE (bandwidth sigma) over a reference set, at noisy points y,
 * <pre>
 *   w_j = softmax_j(-||y - x_j||^2 / (2 sigma^2)),   target(y) = (sum_j w_j x_j - y) / sigma^2.
 * </pre>
 * The kernel sums are the project's one Gaussian-kernel engine, {@link GaussianKde} (module kde):
 * exact to a relative 1e-15, pruned by a k-d tree in few dimensions (at the small sigma of a DDE most
 * reference points are far from a noisy point and are skipped whole), parallel over the rows, and
 * from 8 dimensions by matrix products through the BLAS. A row's own clean point,
 * when it is not in the reference set, joins the softmax in closed form. Works on flat row-major
 * arrays in double precision.
 */
final class LowVarianceTargets {

    private LowVarianceTargets() {
    }

    /**
     * The engine over {@code nRef x d} reference points: build it once when the reference set is
     * fixed. It gets the BLAS dgemm for its dense path: from 8 dimensions a k-d tree prunes almost
     * nothing; on one thread (a DDE fit beside another) the matrix products do a 30-column batch in
     * three quarters of the tree's time (docs/kde.md, "Exactness").
     */
    static GaussianKde kdeOf(double[] ref, int nRef, int d, double sigma) {
        double[][] rows = new double[nRef][d];
        for (int j = 0; j < nRef; j++) {
            System.arraycopy(ref, j * d, rows[j], 0, d);
        }
        return GaussianKde.builder(rows).bandwidth(sigma).matrixProduct(Blas.DGEMM).build();
    }

    /**
     * @param ref  reference points, {@code nRef x d}
     * @param own  per-row extra reference point ({@code rows x d}), or null
     * @param y    noisy points, {@code rows x d}
     * @param out  targets, {@code rows x d}
     */
    static void compute(double[] ref, int nRef, double[] own, double[] y, int rows, int d, double sigma, double[] out) {
        compute(kdeOf(ref, nRef, d, sigma), own, y, rows, d, sigma, out);
    }

    /** {@link #compute(double[], int, double[], double[], int, int, double, double[])} over a built engine of bandwidth sigma. */
    static void compute(GaussianKde kde, double[] own, double[] y, int rows, int d, double sigma, double[] out) {
        double[][] q = new double[rows][d];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(y, i * d, q[i], 0, d);
        }
        GaussianKde.Evaluation ev = kde.evaluate(q);
        double[][] score = ev.score();
        if (own == null) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(score[i], 0, out, i * d, d);
            }
            return;
        }
        double inv2s2 = 1 / (2 * sigma * sigma);
        double invS2 = 2 * inv2s2;
        // log of the reference set's kernel sum sum_j exp(-||y - x_j||^2 / (2 sigma^2)), from the normalised KDE
        double logUnnormalise = Math.log(kde.size()) + 0.5 * d * Math.log(2 * Math.PI * sigma * sigma);
        for (int i = 0; i < rows; i++) {
            int o = i * d;
            double d2 = 0;
            for (int c = 0; c < d; c++) {
                double diff = y[o + c] - own[o + c];
                d2 += diff * diff;
            }
            double logRef = ev.logDensity()[i] + logUnnormalise;
            double logOwn = -d2 * inv2s2;
            double max = Math.max(logRef, logOwn);
            double a = Math.exp(logRef - max);
            double b = Math.exp(logOwn - max);
            double total = a + b;
            for (int c = 0; c < d; c++) {
                out[o + c] = (a * score[i][c] + b * (own[o + c] - y[o + c]) * invS2) / total;
            }
        }
    }
}
