package io.github.dde4j.kde;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.Sampler;
import io.github.dde4j.core.dist.Cholesky;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * An exact Gaussian kernel density estimate
 *
 * <pre>
 *   p(x) = sum_j w_j N(x; x_j, H),        sum_j w_j = 1,
 *   log p(x) = log sum_j w_j exp(-||L^-1 (x - x_j)||^2 / 2) - (d/2) log(2 pi) - log det L,
 * </pre>
 *
 * with training rows x_j, weights w_j (equal unless given; normalised to sum 1) and kernel
 * covariance H = L L^T (L its Cholesky factor). H is h^2 I for a scalar bandwidth h,
 * diag(h_k^2) for a per-dimension bandwidth, a full matrix, or chosen by a {@link BandwidthRule}
 * (see {@link Bandwidths} for where the data scale comes from).
 *
 * <p>The score is
 * <pre>
 *   grad_x log p(x) = H^-1 (sum_j pi_j x_j - x) = L^-T sum_j pi_j (z_j - z),
 *   pi_j = w_j K_j / sum_l w_l K_l,   z = L^-1 x,
 * </pre>
 * i.e. the KDE's denoiser (posterior mean) minus x, scaled by H^-1.
 *
 * <h2>Exactness and speed</h2>
 * All sums are evaluated in whitened coordinates z = L^-1 x, in log-sum-exp form (no underflow
 * however far a query lies in the tails), and with kd-tree pruning that carries a rigorous bound:
 * the mass left out is at most {@code tolerance} (default {@value #DEFAULT_TOLERANCE}) times the
 * sum, so the log density is exact to about 1e-15 absolute plus rounding. Batches are split
 * into blocks of queries processed by all available processors. With tolerance 0 every kernel is
 * summed (blocked brute force).
 *
 * <p>Instances are immutable and thread-safe; the training data are copied. System properties
 * (read once): {@code dde4j.kde.threads} (worker threads, default all processors) and
 * {@code dde4j.kde.leaf} (kd-tree leaf size, default 32; a tuning knob, results do not depend on it
 * beyond rounding).
 *
 * <p>Reference: D. W. Scott, <i>Multivariate Density Estimation</i>, 2nd ed., Wiley 2015, ch. 6.
 */
public final class GaussianKde implements Density, Sampler {

    /** Default relative bound on the kernel mass skipped by pruning. */
    public static final double DEFAULT_TOLERANCE = 1e-15;
    static final int LEAF_SIZE = Integer.getInteger("dde4j.kde.leaf", 32);

    private final int n;
    private final int d;
    private final double[][] data;
    /** Normalised weights in the caller's row order, or null for equal weights. */
    private final double[] weights;
    /** Lower Cholesky factor L of the kernel covariance H. */
    private final double[][] chol;
    private final boolean diagonal;
    private final double tolerance;
    private final double logNorm;
    /** The tree-free path for many dimensions (null unless a matrix product was given). */
    private final DenseKernelSums dense;
    /**
     * The k-d tree and its kernel sums: built with the estimator, or on first use (leave-one-out)
     * when the dense path does the other sums, since a DDE step builds such an estimator per batch.
     */
    private volatile Indexed indexed;
    /** The whitened rows for a deferred tree (null when the tree was built with the estimator). */
    private final double[][] whitened;

    private record Indexed(KdTree tree, KernelSums sums) {
    }

    private GaussianKde(double[][] data, double[] weights, double[][] chol, boolean diagonal, double tolerance,
                        MatrixProduct product) {
        this.n = data.length;
        this.d = data[0].length;
        this.data = data;
        this.weights = weights;
        this.chol = chol;
        this.diagonal = diagonal;
        this.tolerance = tolerance;
        double logDet = 0;
        for (int k = 0; k < d; k++) {
            logDet += Math.log(chol[k][k]);
        }
        // weights sum to 1; with equal weights the engine sums 1s, so divide by n here
        this.logNorm = -0.5 * d * Math.log(2 * Math.PI) - logDet - (weights == null ? Math.log(n) : 0.0);
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = whiten(data[i]);
        }
        this.dense = product != null && d >= DenseKernelSums.MIN_DIMENSION
                ? new DenseKernelSums(z, weights, tolerance, product) : null;
        this.whitened = dense == null ? null : z;
        this.indexed = dense == null ? index(z) : null;
    }

    private Indexed index(double[][] z) {
        KdTree tree = new KdTree(z, LEAF_SIZE);
        double[] wTree = null;
        if (weights != null) {
            wTree = new double[n];
            for (int t = 0; t < n; t++) {
                wTree[t] = weights[tree.order[t]];
            }
        }
        return new Indexed(tree, new KernelSums(tree, wTree, tolerance));
    }

    /** The tree and its sums, built on first use when the dense path came first. */
    private Indexed indexed() {
        Indexed i = indexed;
        if (i == null) {
            synchronized (this) {
                i = indexed;
                if (i == null) {
                    i = index(whitened);
                    indexed = i;
                }
            }
        }
        return i;
    }

    /** The kernel sums of whitened queries (nothing left out): the dense path when there is one. */
    private void sum(double[][] z, double[] out, double[][] grad) {
        if (dense != null) {
            dense.evaluate(z, out, grad);
        } else {
            indexed().sums().evaluate(z, 1.0, null, out, grad);
        }
    }

    // ------------------------------------------------------------------ factories

    /**
     * A KDE with isotropic kernel N(0, h^2 I).
     *
     * @param data the rows (n x d; copied)
     * @param h    the bandwidth (positive)
     * @return the estimator
     */
    public static GaussianKde of(double[][] data, double h) {
        return builder(data).bandwidth(h).build();
    }

    /**
     * A KDE whose bandwidth follows {@code rule} (factor 1).
     *
     * @param data the rows (n x d; copied)
     * @param rule the bandwidth rule
     * @return the estimator
     */
    public static GaussianKde of(double[][] data, BandwidthRule rule) {
        return builder(data).rule(rule).build();
    }

    /**
     * A builder over {@code data} (n x d; copied when {@link Builder#build()} runs).
     *
     * @param data the rows
     * @return a builder
     */
    public static Builder builder(double[][] data) {
        return new Builder(data);
    }

    /**
     * Collects the data, optional weights and the bandwidth; {@link #build()} validates everything
     * and throws {@link IllegalArgumentException} naming the offending value and its place. The
     * bandwidth setters replace each other; the default is {@link BandwidthRule#SCOTT}.
     */
    public static final class Builder {
        private final double[][] data;
        private double[] weights;
        private Double scalar;
        private double[] vector;
        private double[][] matrix;
        private BandwidthRule rule = BandwidthRule.SCOTT;
        private double factor = 1.0;
        private double tolerance = DEFAULT_TOLERANCE;
        private MatrixProduct product;

        private Builder(double[][] data) {
            this.data = data;
        }

        /**
         * Non-negative weights, one per row (null = equal); normalised to sum 1.
         *
         * @param weights the weights, or null
         * @return this builder
         */
        public Builder weights(double[] weights) {
            this.weights = weights == null ? null : weights.clone();
            return this;
        }

        /**
         * Isotropic kernel N(0, h^2 I).
         *
         * @param h the bandwidth (positive)
         * @return this builder
         */
        public Builder bandwidth(double h) {
            clear();
            this.scalar = h;
            return this;
        }

        /**
         * Diagonal kernel N(0, diag(h_k^2)): one standard deviation per dimension.
         *
         * @param perDimension h_k for each dimension k (positive)
         * @return this builder
         */
        public Builder bandwidth(double[] perDimension) {
            clear();
            this.vector = perDimension == null ? null : perDimension.clone();
            Checks.requireNonNull(perDimension, "bandwidth vector");
            return this;
        }

        /**
         * Full kernel covariance H (symmetric positive definite, d x d).
         *
         * @param covariance H
         * @return this builder
         */
        public Builder bandwidthMatrix(double[][] covariance) {
            clear();
            Checks.requireNonNull(covariance, "bandwidth matrix");
            this.matrix = new double[covariance.length][];
            for (int i = 0; i < covariance.length; i++) {
                this.matrix[i] = covariance[i] == null ? null : covariance[i].clone();
            }
            return this;
        }

        /**
         * A bandwidth rule (factor 1).
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(BandwidthRule rule) {
            return rule(rule, 1.0);
        }

        /**
         * A bandwidth rule whose standard deviations are multiplied by {@code factor} (the
         * covariance by factor^2). For {@link BandwidthRule#FIXED} the factor is the bandwidth h.
         *
         * @param rule   the rule
         * @param factor the factor (positive)
         * @return this builder
         */
        public Builder rule(BandwidthRule rule, double factor) {
            Checks.requireNonNull(rule, "bandwidth rule");
            if (rule == BandwidthRule.FIXED) {
                return bandwidth(factor);
            }
            clear();
            this.rule = rule;
            this.factor = factor;
            return this;
        }

        /**
         * The settings of a {@link KdeConfig}.
         *
         * @param config the settings
         * @return this builder
         */
        public Builder config(KdeConfig config) {
            return rule(config.rule(), config.bandwidth());
        }

        /**
         * Relative bound on the kernel mass that pruning may skip, in [0, 1e-6]; 0 sums every
         * kernel (brute force).
         *
         * @param tolerance the bound, in [0, 1e-6]
         * @return this builder
         */
        public Builder tolerance(double tolerance) {
            if (!(tolerance >= 0 && tolerance <= 1e-6)) {
                throw new IllegalArgumentException("tolerance must be in [0, 1e-6], got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        private void clear() {
            scalar = null;
            vector = null;
            matrix = null;
            rule = null;
            factor = 1.0;
        }

        /**
         * Validates the inputs, chooses the kernel covariance and builds the index.
         *
         * @return the estimator
         */
        public GaussianKde build() {
            int dim = Checks.requirePoints(data, -1, "data");
            double[][] copy = Checks.copy(data);
            double[] w = Bandwidths.normalisedWeights(weights, copy.length);
            if (w != null && isUniform(w)) {
                w = null;
            }
            double[][] l;
            boolean diag;
            if (scalar != null) {
                Checks.requirePositive(scalar, "bandwidth");
                double[] v = new double[dim];
                Arrays.fill(v, scalar);
                l = diagonalMatrix(v);
                diag = true;
            } else if (vector != null) {
                if (vector.length != dim) {
                    throw new IllegalArgumentException("bandwidth vector has length " + vector.length + ", expected " + dim);
                }
                for (int k = 0; k < dim; k++) {
                    Checks.requirePositive(vector[k], "bandwidth, column " + k);
                }
                l = diagonalMatrix(vector);
                diag = true;
            } else if (matrix != null) {
                l = cholesky(matrix, dim);
                diag = isDiagonal(l);
            } else {
                Checks.requirePositive(factor, "bandwidth factor");
                double[] wRule = weights == null ? null : weights;
                switch (rule) {
                    case SCOTT -> l = diagonalMatrix(Bandwidths.scale(Bandwidths.scott(copy, wRule), factor));
                    case SILVERMAN -> l = diagonalMatrix(Bandwidths.scale(Bandwidths.silverman(copy, wRule), factor));
                    case LEAVE_ONE_OUT -> l = diagonalMatrix(Bandwidths.scale(Bandwidths.leaveOneOut(copy, wRule).bandwidth(), factor));
                    case SCOTT_COVARIANCE -> l = cholesky(Bandwidths.scale(Bandwidths.scottCovariance(copy, wRule), factor * factor), dim);
                    case SILVERMAN_COVARIANCE -> l = cholesky(Bandwidths.scale(Bandwidths.silvermanCovariance(copy, wRule), factor * factor), dim);
                    default -> throw new IllegalStateException("unhandled rule " + rule);
                }
                diag = isDiagonal(l);
            }
            return new GaussianKde(copy, w, l, diag, tolerance, product);
        }

        /**
         * A dense matrix product (typically a BLAS dgemm) for the kernel sums from
         * {@value DenseKernelSums#MIN_DIMENSION} dimensions on: there a k-d tree prunes almost
         * nothing, and two matrix products per block of queries replace the traversal, with the same
         * exactness bound. Leave-one-out sums keep the tree. Null (the default) keeps the tree always.
         *
         * @param product the product, or null
         * @return this builder
         */
        public Builder matrixProduct(MatrixProduct product) {
            this.product = product;
            return this;
        }
    }

    // ------------------------------------------------------------------ Density

    @Override
    public int dimension() {
        return d;
    }

    /**
     * The number of training rows.
     *
     * @return n
     */
    public int size() {
        return n;
    }

    @Override
    public double logDensity(double[] x) {
        Checks.requirePoint(x, d, "x");
        double[] out = new double[1];
        sum(new double[][] {whiten(x)}, out, null);
        return out[0] + logNorm;
    }

    /** log p for every row of an m x d batch: exact, parallel, memory O(m) beyond the inputs. */
    @Override
    public double[] logDensity(double[][] xs) {
        Checks.requirePoints(xs, d, "points");
        double[][] z = whitenAll(xs);
        double[] out = new double[xs.length];
        sum(z, out, null);
        for (int i = 0; i < out.length; i++) {
            out[i] += logNorm;
        }
        return out;
    }

    @Override
    public boolean hasScore() {
        return true;
    }

    /**
     * The score grad_x log p(x) for every row (m x d). Pruning bounds the absolute error of the
     * whitened score L^T grad by {@code tolerance} (1 + its norm).
     */
    @Override
    public double[][] score(double[][] xs) {
        Checks.requirePoints(xs, d, "points");
        double[][] z = whitenAll(xs);
        double[] logs = new double[xs.length];
        double[][] g = new double[xs.length][d];
        sum(z, logs, g);
        for (double[] gi : g) {
            unwhitenTransposed(gi);
        }
        return g;
    }

    /**
     * The log density and the score of a batch of points, from one pass over the kernel sums.
     *
     * @param logDensity log p(x_i) for every row (length m)
     * @param score      grad log p(x_i) for every row (m x d)
     */
    public record Evaluation(double[] logDensity, double[][] score) {
    }

    /**
     * log p and the score of every row (m x d) together: one traversal instead of the two of
     * {@link #logDensity(double[][])} and {@link #score(double[][])}, with the accuracy of each.
     *
     * @param xs points (m x d)
     * @return both, row by row
     */
    public Evaluation evaluate(double[][] xs) {
        Checks.requirePoints(xs, d, "points");
        double[][] z = whitenAll(xs);
        double[] logs = new double[xs.length];
        double[][] g = new double[xs.length][d];
        sum(z, logs, g);
        for (int i = 0; i < logs.length; i++) {
            logs[i] += logNorm;
            unwhitenTransposed(g[i]);
        }
        return new Evaluation(logs, g);
    }

    /**
     * The score at one point.
     *
     * @param x a point (length d)
     * @return the score at x
     */
    public double[] score(double[] x) {
        Checks.requirePoint(x, d, "x");
        return score(new double[][] {x})[0];
    }

    /**
     * Leave-one-out log densities log p_{-i}(x_i), where p_{-i} is the KDE of every row but i
     * with the remaining weights renormalised. Requires at least two rows.
     *
     * @return log p_{-i}(x_i) for each row i
     */
    public double[] leaveOneOutLogDensity() {
        if (n < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least 2 rows, got " + n);
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                if (weights[i] >= 1.0) {
                    throw new IllegalArgumentException("leave-one-out is undefined: row " + i + " carries all the weight");
                }
            }
        }
        KdTree tree = indexed().tree();
        double[][] q = new double[n][];
        int[] excl = new int[n];
        for (int t = 0; t < n; t++) {
            double[] row = new double[d];
            for (int k = 0; k < d; k++) {
                row[k] = tree.coords[k * n + t];
            }
            q[t] = row;
            excl[t] = t;
        }
        double[] out = new double[n];
        indexed().sums().evaluate(q, 1.0, excl, out, null);
        double[] result = new double[n];
        for (int t = 0; t < n; t++) {
            int i = tree.order[t];
            double rest = weights == null ? Math.log((n - 1.0) / n) : Math.log1p(-weights[i]);
            result[i] = out[t] + logNorm - rest;
        }
        return result;
    }

    // ------------------------------------------------------------------ Sampler

    /**
     * Draws n points: a row j with probability w_j, plus kernel noise L eps with eps ~ N(0, I).
     */
    @Override
    public double[][] sample(int count, UniformRandomProvider rng) {
        Checks.requireAtLeast(count, 0, "sample count");
        Checks.requireNonNull(rng, "rng");
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        org.apache.commons.rng.sampling.distribution.DiscreteSampler rows = weights == null ? null : AliasMethodDiscreteSampler.of(rng, weights);
        double[][] out = new double[count][d];
        double[] eps = new double[d];
        for (int s = 0; s < count; s++) {
            int j = rows == null ? rng.nextInt(n) : rows.sample();
            for (int k = 0; k < d; k++) {
                eps[k] = gauss.sample();
            }
            double[] x = out[s];
            double[] row = data[j];
            if (diagonal) {
                for (int a = 0; a < d; a++) {
                    x[a] = row[a] + chol[a][a] * eps[a];
                }
            } else {
                Cholesky.shiftedProduct(chol, row, eps, x);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ accessors

    /**
     * The kernel covariance H = L L^T (a copy).
     *
     * @return H
     */
    public double[][] bandwidthMatrix() {
        double[][] h = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int k = 0; k <= Math.min(a, b); k++) {
                    s += chol[a][k] * chol[b][k];
                }
                h[a][b] = s;
            }
        }
        return h;
    }

    /**
     * The lower Cholesky factor L of the kernel covariance (a copy).
     *
     * @return L
     */
    public double[][] choleskyFactor() {
        return Checks.copy(chol);
    }

    /**
     * The normalised weights (sum 1) in row order (a copy; 1/n each when none were given).
     *
     * @return the weights
     */
    public double[] weights() {
        if (weights == null) {
            double[] w = new double[n];
            Arrays.fill(w, 1.0 / n);
            return w;
        }
        return weights.clone();
    }

    /**
     * The training data (a copy).
     *
     * @return the rows
     */
    public double[][] data() {
        return Checks.copy(data);
    }

    /**
     * The relative bound on the kernel mass skipped by pruning.
     *
     * @return the tolerance
     */
    public double tolerance() {
        return tolerance;
    }

    // ------------------------------------------------------------------ linear algebra

    /** z = L^-1 x (forward substitution). */
    private double[] whiten(double[] x) {
        double[] z = new double[d];
        for (int a = 0; a < d; a++) {
            double v = x[a];
            if (!diagonal) {
                for (int b = 0; b < a; b++) {
                    v -= chol[a][b] * z[b];
                }
            }
            z[a] = v / chol[a][a];
        }
        return z;
    }

    private double[][] whitenAll(double[][] xs) {
        double[][] z = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            z[i] = whiten(xs[i]);
        }
        return z;
    }

    /** g <- L^-T g in place (back substitution with the upper triangular L^T). */
    private void unwhitenTransposed(double[] g) {
        for (int a = d - 1; a >= 0; a--) {
            double v = g[a];
            if (!diagonal) {
                for (int b = a + 1; b < d; b++) {
                    v -= chol[b][a] * g[b];
                }
            }
            g[a] = v / chol[a][a];
        }
    }

    private static boolean isUniform(double[] w) {
        for (double v : w) {
            if (v != w[0]) {
                return false;
            }
        }
        return true;
    }

    private static double[][] diagonalMatrix(double[] v) {
        double[][] l = new double[v.length][v.length];
        for (int k = 0; k < v.length; k++) {
            l[k][k] = v[k];
        }
        return l;
    }

    private static boolean isDiagonal(double[][] l) {
        for (int a = 0; a < l.length; a++) {
            for (int b = 0; b < a; b++) {
                if (l[a][b] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Lower Cholesky factor of a symmetric positive definite matrix, validating shape, finiteness
     * and symmetry (relative 1e-10).
     */
    static double[][] cholesky(double[][] h, int dim) {
        if (h.length != dim) {
            throw new IllegalArgumentException("bandwidth matrix has " + h.length + " rows, expected " + dim);
        }
        double scale = 0;
        for (int a = 0; a < dim; a++) {
            if (h[a] == null || h[a].length != dim) {
                throw new IllegalArgumentException("bandwidth matrix, row " + a + " has length "
                        + (h[a] == null ? "null" : h[a].length) + ", expected " + dim);
            }
            for (int b = 0; b < dim; b++) {
                if (!Double.isFinite(h[a][b])) {
                    throw new IllegalArgumentException("bandwidth matrix, row " + a + ", column " + b + ": value " + h[a][b] + " is not finite");
                }
                scale = Math.max(scale, Math.abs(h[a][b]));
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < a; b++) {
                if (Math.abs(h[a][b] - h[b][a]) > 1e-10 * scale) {
                    throw new IllegalArgumentException("bandwidth matrix is not symmetric: row " + a + ", column " + b
                            + " is " + h[a][b] + " but row " + b + ", column " + a + " is " + h[b][a]);
                }
            }
        }
        return Cholesky.lower(h, "bandwidth matrix");
    }

    @Override
    public String toString() {
        return "GaussianKde[n=" + n + ", d=" + d + (weights == null ? "" : ", weighted") + ", kernel sd="
                + Arrays.toString(java.util.stream.IntStream.range(0, d).mapToDouble(k -> Math.sqrt(bandwidthMatrix()[k][k])).toArray()) + "]";
    }
}
