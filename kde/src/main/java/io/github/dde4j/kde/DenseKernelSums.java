package io.github.dde4j.kde;

/**
 * The kernel sums of {@link KernelSums} without a tree, for many dimensions: there a k-d tree's
 * boxes bound no distance usefully, every point is visited anyway, and the traversal only adds
 * cost. Squared distances come from one matrix product per block of queries,
 * ||q - u||^2 = ||q||^2 + ||u||^2 - 2 q.u, and the weighted sums of the score from a second one, so
 * a BLAS does the arithmetic. Exactness: terms whose exponent lies more than
 * log(n) + log(1/eps) + log(max(1, ||q - u||_max)) below the largest one of their row are skipped
 * without an exp; each is at most eps / n of that row's sum (times its largest distance for the
 * score), so the skipped mass is at most eps of the sum, the bound {@link KernelSums} keeps. The
 * cancellation in the expanded distance costs about 1e-16 (||q||^2 + ||u||^2) absolute, far below
 * the kernel's scale of 1 in whitened units at the distances that carry weight.
 */
final class DenseKernelSums {

    /** From this dimension on {@link GaussianKde} uses this path when it has a matrix product. */
    static final int MIN_DIMENSION = 8;
    /** Doubles per block of distances (queries x points): 2^20, 8 MB. */
    private static final int BLOCK_ENTRIES = 1 << 20;

    private final double[] points;
    private final double[] norms;
    private final double[] logw;
    private final int n;
    private final int d;
    private final double logSkip;
    private final MatrixProduct product;

    /**
     * @param z       whitened points (n x d, not copied: the caller's own)
     * @param weights normalised weights in the rows' order, or null for equal weights
     */
    DenseKernelSums(double[][] z, double[] weights, double eps, MatrixProduct product) {
        this.n = z.length;
        this.d = z[0].length;
        this.points = new double[n * d];
        this.norms = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double v = z[j][k];
                points[j * d + k] = v;
                s += v * v;
            }
            norms[j] = s;
        }
        if (weights == null) {
            this.logw = null;
        } else {
            this.logw = new double[n];
            for (int j = 0; j < n; j++) {
                logw[j] = Math.log(weights[j]);
            }
        }
        this.logSkip = eps > 0 ? Math.log(n) - Math.log(eps) : Double.POSITIVE_INFINITY;
        this.product = product;
    }

    /**
     * out[i] = log sum_j w_j exp(-||q_i - u_j||^2 / 2), and grad[i] = sum_j pi_j (u_j - q_i) when
     * grad is non-null: {@link KernelSums#evaluate} with invC2 = 1 and nothing left out (w_j = 1
     * for equal weights, as there).
     */
    void evaluate(double[][] q, double[] out, double[][] grad) {
        int m = q.length;
        int rows = Math.max(1, Math.min(m, BLOCK_ENTRIES / n));
        double[] qb = new double[rows * d];
        double[] c = new double[rows * n];
        double[] sums = new double[rows];
        double[] acc = grad == null ? null : new double[rows * d];
        for (int start = 0; start < m; start += rows) {
            int b = Math.min(rows, m - start);
            for (int i = 0; i < b; i++) {
                System.arraycopy(q[start + i], 0, qb, i * d, d);
            }
            product.multiply(true, b, n, d, qb, points, c);
            // one thread: splitting these rows over the engine's workers gained nothing at
            // 512 x 512 x 30 (4.4 ms either way, ad hoc timing; the exponentials and products dominate)
            for (int i = 0; i < b; i++) {
                out[start + i] = row(qb, i, c, sums);
            }
            if (grad != null) {
                product.multiply(false, b, d, n, c, points, acc);
                for (int i = 0; i < b; i++) {
                    double[] g = grad[start + i];
                    double inv = 1 / sums[i];
                    for (int k = 0; k < d; k++) {
                        g[k] = acc[i * d + k] * inv - qb[i * d + k];
                    }
                }
            }
        }
    }

    /**
     * Turns row i of c from dot products into kernel weights relative to the row's largest (skipped
     * terms 0), puts their sum in sums[i] and returns the log of the row's kernel sum.
     */
    private double row(double[] qb, int i, double[] c, double[] sums) {
        int o = i * n;
        double qn = 0;
        for (int k = 0; k < d; k++) {
            double v = qb[i * d + k];
            qn += v * v;
        }
        double top = Double.NEGATIVE_INFINITY;
        double far = 0;
        for (int j = 0; j < n; j++) {
            double r2 = Math.max(0, qn + norms[j] - 2 * c[o + j]);
            far = Math.max(far, r2);
            double x = -0.5 * r2 + (logw == null ? 0 : logw[j]);
            c[o + j] = x;
            top = Math.max(top, x);
        }
        double floor = top - logSkip - 0.5 * Math.log(Math.max(1, far));
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double x = c[o + j];
            double e = x < floor ? 0 : Math.exp(x - top);
            c[o + j] = e;
            sum += e;
        }
        sums[i] = sum;
        return top + Math.log(sum);
    }
}
