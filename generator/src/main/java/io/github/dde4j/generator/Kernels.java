package io.github.dde4j.generator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Exact Gaussian-KDE log density and score over a reference set: a fused Java loop for small d, ND4J GEMMs for large d. */
final class Kernels {

    private Kernels() {
    }

    /** Result of {@link #kde}: score (n x d) and normalised log density (length n). */
    record KdeResult(INDArray score, INDArray logDensity) {
    }

    /**
     * Largest dimension d for which {@link #kde} and {@link #kdeLogDensity} use the fused Java loop
     * ({@link #kdeFused}); above it they use the GEMM path ({@link #kdeGemm}). Chosen by measurement
     * (docs/generator.md, "Fused KDE kernel", where the crossover table is recorded).
     */
    static final int FUSED_MAX_DIMENSION = 16;

    /** L - ln M of the fused loop's cut-off (see {@link #kdeFused}): terms below the row maximum by more are skipped. */
    static final double CUT_OFF_NATS = 37.0;

    /**
     * For the KDE p~(y) = 1/M sum_j N(y; r_j, s^2 I):
     * <pre>
     *   log p~(y) = logsumexp_j(-||y - r_j||^2 / (2 s^2)) - log M - (d/2) log(2 pi s^2)
     *   score(y)  = (sum_j w_j r_j - y) / s^2,   w = softmax_j(-||y - r_j||^2 / (2 s^2))
     * </pre>
     * For d up to {@link #FUSED_MAX_DIMENSION} one fused double-precision loop over the reference
     * set per row ({@link #kdeFused}); above it the GEMM formulation ({@link #kdeGemm}), where the
     * d-long dot products make the matrix product the cheaper way to get the distances. Results
     * have y's data type.
     */
    static KdeResult kde(INDArray y, INDArray ref, double s) {
        return y.columns() <= FUSED_MAX_DIMENSION ? kdeFused(y, ref, s, true) : kdeGemm(y, ref, s);
    }

    /**
     * log p~(y) of {@link #kde} alone, without the score (for callers that need only the log
     * density: the KL check, {@code smoothedLogDensity}). Same fused / GEMM choice as {@link #kde}.
     */
    static INDArray kdeLogDensity(INDArray y, INDArray ref, double s) {
        return y.columns() <= FUSED_MAX_DIMENSION ? kdeFused(y, ref, s, false).logDensity() : kdeGemmLogDensity(y, ref, s);
    }

    /**
     * {@link #kde} as one loop in double precision, without n x M intermediate arrays: for each row
     * y_i, pass 1 computes the logits l_j = -||y_i - r_j||^2 / (2 s^2) from the differences (not
     * from the expansion ||y||^2 + ||r||^2 - 2 y.r, which cancels badly when s is small next to
     * |y|) and their maximum m; pass 2 accumulates S = sum_j exp(l_j - m) and
     * T = sum_j exp(l_j - m) r_j. Then log p~(y_i) = m + log S + c and
     * score(y_i) = (T / S - y_i) / s^2. The exponents are at most 0, so nothing overflows, and the
     * maximal term makes S >= 1.
     *
     * <p><b>Cut-off.</b> Terms with l_j < m - L, L = {@value #CUT_OFF_NATS} + ln M, are skipped (their
     * exponential is the loop's main cost and, for small s, almost all of them are negligible). Bound on
     * what that changes, with a_j = m - l_j > L for a skipped term and e_j = exp(-a_j) < e^-L:
     * <ul>
     *   <li>log density: the kept sum S_K satisfies S_K <= S <= S_K + (M - 1) e^-L, so
     *   |log S - log S_K| <= (M - 1) e^-L / S_K < e^-37 = 8.5e-17, below half the spacing of doubles
     *   near 1 (1.1e-16): the result differs from the full sum by at most the rounding of one
     *   addition;</li>
     *   <li>score: with v_j = r_j - y_i, the kept weighted mean differs from the full one by
     *   (sum_D e_j v_j - (S_D / S_K) sum_K e_j v_j) / S (D skipped, K kept), so its error is at most
     *   2 (M - 1) e^-L max_j |v_j| e^{-(a_j - L)}-weighted; concretely, |v_j|^2 = 2 s^2 (a_0 + a_j) with
     *   a_0 = -m >= 0 the nearest point's scaled distance, and e^-a sqrt(a_0 + a) decreases for a > 1/2, so
     *   every skipped term contributes at most e^-L s sqrt(2 (a_0 + L)) <= e^-L (|y_i - r_near| + s sqrt(2L)),
     *   and every kept |v_j| is bounded the same way. A skipped term exists only if some
     *   |v_j| > s sqrt(2L), so s sqrt(2L) < |y_i| + max_j |r_j|, and the absolute error of the weighted
     *   mean is below 2 (M - 1) e^-L * 2 (|y_i| + max_j |r_j|) < 3.5e-16 (|y_i| + max_j |r_j|): the size of
     *   the rounding already made in forming the differences r_j - y_i in double. The score is that
     *   divided by s^2, exactly as the score's own rounding error is.</li>
     * </ul>
     * Both are far below float32 resolution (6e-8 relative); the tests compare with a naive full
     * double computation.
     * Float32 inputs are widened to double, so the float32 results are the correctly rounded
     * values of the double computation, more accurate than the float32 GEMM path.
     *
     * @param withScore false: the log density only (the score stays null)
     */
    static KdeResult kdeFused(INDArray y, INDArray ref, double s, boolean withScore) {
        int n = (int) y.rows();
        int d = (int) y.columns();
        int m = (int) ref.rows();
        if (ref.columns() != d) {
            throw new IllegalArgumentException("reference has dimension " + ref.columns() + ", points " + d);
        }
        double[] yv = flatDouble(y);
        double[] rv = flatDouble(ref);
        double inv = 1.0 / (2 * s * s);
        double c = -Math.log(m) - 0.5 * d * Math.log(2 * Math.PI * s * s);
        double[] logits = new double[m];
        double[] t = new double[d];
        double[] log = new double[n];
        double[] score = withScore ? new double[n * d] : null;
        double invS2 = 1.0 / (s * s);
        double cut = CUT_OFF_NATS + Math.log(m);
        for (int i = 0; i < n; i++) {
            int yo = i * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0, ro = 0; j < m; j++, ro += d) {
                double dist = 0;
                for (int k = 0; k < d; k++) {
                    double diff = yv[yo + k] - rv[ro + k];
                    dist += diff * diff;
                }
                double l = -dist * inv;
                logits[j] = l;
                if (l > max) {
                    max = l;
                }
            }
            double sum = 0;
            double floor = max - cut;
            if (withScore) {
                java.util.Arrays.fill(t, 0);
                for (int j = 0, ro = 0; j < m; j++, ro += d) {
                    if (logits[j] < floor) {
                        continue;
                    }
                    double e = Math.exp(logits[j] - max);
                    sum += e;
                    for (int k = 0; k < d; k++) {
                        t[k] += e * rv[ro + k];
                    }
                }
                for (int k = 0; k < d; k++) {
                    score[yo + k] = (t[k] / sum - yv[yo + k]) * invS2;
                }
            } else {
                for (int j = 0; j < m; j++) {
                    if (logits[j] >= floor) {
                        sum += Math.exp(logits[j] - max);
                    }
                }
            }
            log[i] = max + Math.log(sum) + c;
        }
        DataType dt = y.dataType();
        INDArray logNd = Nd4j.createFromArray(log).castTo(dt);
        INDArray scoreNd = withScore ? Nd4j.create(score, new long[] {n, d}, 'c').castTo(dt) : null;
        return new KdeResult(scoreNd, logNd);
    }

    /** The values of an array in row-major order, as doubles (a copy). */
    private static double[] flatDouble(INDArray a) {
        if (a.dataType() == DataType.FLOAT && !a.isView() && a.ordering() == 'c' && a.data().length() == a.length()) {
            float[] f = a.data().asFloat();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        if (a.dataType() == DataType.DOUBLE && !a.isView() && a.ordering() == 'c' && a.data().length() == a.length()) {
            return a.data().asDouble();
        }
        return a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
    }

    /**
     * {@link #kde} with ND4J ops in y's data type: distances expanded as ||y||^2 + ||r||^2 - 2 y.r
     * (one GEMM), max-shifted softmax, a second GEMM for the weighted reference mean. Faster than
     * the fused loop for large d.
     */
    static KdeResult kdeGemm(INDArray y, INDArray ref, double s) {
        GemmKernel k = gemmKernel(y, ref, s);
        k.weights().diviColumnVector(k.sum());
        INDArray score = k.weights().mmul(ref).subi(y).muli(1.0 / (s * s));
        return new KdeResult(score, k.logDensity(y, ref, s));
    }

    /** {@link #kdeGemm}'s log density alone, without the second GEMM. */
    static INDArray kdeGemmLogDensity(INDArray y, INDArray ref, double s) {
        return gemmKernel(y, ref, s).logDensity(y, ref, s);
    }

    /**
     * The shared part of the GEMM path: exp(logit - row max) per query row and reference row
     * ({@code weights}, unnormalised, n x M), the row maxima and the row sums (n x 1 each).
     */
    private record GemmKernel(INDArray weights, INDArray max, INDArray sum) {
        INDArray logDensity(INDArray y, INDArray ref, double s) {
            double c = -Math.log(ref.rows()) - 0.5 * y.columns() * Math.log(2 * Math.PI * s * s);
            return Transforms.log(sum, true).addi(max).addi(c).reshape(y.rows());
        }
    }

    private static GemmKernel gemmKernel(INDArray y, INDArray ref, double s) {
        INDArray yy = y.mul(y).sum(1).reshape(y.rows(), 1);
        INDArray rr = ref.mul(ref).sum(1).reshape(1, ref.rows());
        INDArray logits = y.mmul(ref.transpose()).muli(2.0).subiColumnVector(yy).subiRowVector(rr)
                .muli(1.0 / (2 * s * s));
        INDArray max = logits.max(1).reshape(y.rows(), 1);
        Transforms.exp(logits.subiColumnVector(max), false);
        return new GemmKernel(logits, max, logits.sum(1).reshape(y.rows(), 1));
    }

    /** logmeanexp over a vector, computed stably in double. */
    static double logMeanExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s / v.length);
    }

    /** Rows to an n x d array of type {@code dt}, in one bulk copy. */
    static INDArray toNd(double[][] rows, org.nd4j.linalg.api.buffer.DataType dt) {
        return io.github.dde4j.dde.nn.NdRows.matrix(rows, rows[0].length, dt);
    }

    /** An n x d array to rows of doubles, in one bulk copy. */
    static double[][] toRows(INDArray a) {
        return io.github.dde4j.dde.nn.NdRows.rows(a, "points");
    }
}
