package io.github.dde4j.generator;

import io.github.dde4j.kde.GaussianKde;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Exact Gaussian-KDE log density and score over a reference set: the kde module's engine for small d, ND4J GEMMs for large d. */
final class Kernels {

    private Kernels() {
    }

    /** Result of {@link #kde}: score (n x d) and normalised log density (length n). */
    record KdeResult(INDArray score, INDArray logDensity) {
    }

    /**
     * Largest dimension d for which {@link #kde} and {@link #kdeLogDensity} use the exact engine of
     * module kde ({@link #kdeExact}); above it they use the GEMM path ({@link #kdeGemm}), where the
     * d-long dot products make the matrix product the cheaper way to the distances. Chosen by
     * measurement (docs/generator.md, "KDE kernel").
     */
    static final int EXACT_MAX_DIMENSION = 16;

    /**
     * For the KDE p~(y) = 1/M sum_j N(y; r_j, s^2 I):
     * <pre>
     *   log p~(y) = logsumexp_j(-||y - r_j||^2 / (2 s^2)) - log M - (d/2) log(2 pi s^2)
     *   score(y)  = (sum_j w_j r_j - y) / s^2,   w = softmax_j(-||y - r_j||^2 / (2 s^2))
     * </pre>
     * For d up to {@link #EXACT_MAX_DIMENSION} the project's one Gaussian-kernel engine
     * ({@link #kdeExact}); above it the GEMM formulation ({@link #kdeGemm}). Results have y's data
     * type.
     */
    static KdeResult kde(INDArray y, INDArray ref, double s) {
        return y.columns() <= EXACT_MAX_DIMENSION ? kdeExact(y, ref, s, true) : kdeGemm(y, ref, s);
    }

    /**
     * log p~(y) of {@link #kde} alone, without the score (for callers that need only the log
     * density: the KL check, {@code smoothedLogDensity}). Same engine / GEMM choice as {@link #kde}.
     */
    static INDArray kdeLogDensity(INDArray y, INDArray ref, double s) {
        return y.columns() <= EXACT_MAX_DIMENSION ? kdeExact(y, ref, s, false).logDensity() : kdeGemmLogDensity(y, ref, s);
    }

    /**
     * {@link #kde} by {@link GaussianKde} (module kde): double precision, exact to a relative 1e-15
     * by its pruning bound, parallel over queries, with distances from the differences (no
     * ||y||^2 + ||r||^2 - 2 y.r cancellation, which makes float32 GEMMs useless at small s). Float32
     * inputs are widened to double, so float32 results are the rounded double results.
     *
     * @param withScore false: the log density only (the score stays null)
     */
    static KdeResult kdeExact(INDArray y, INDArray ref, double s, boolean withScore) {
        if (ref.columns() != y.columns()) {
            throw new IllegalArgumentException("reference has dimension " + ref.columns() + ", points " + y.columns());
        }
        GaussianKde kde = GaussianKde.of(toRows(ref), s);
        double[][] q = toRows(y);
        DataType dt = y.dataType();
        if (!withScore) {
            return new KdeResult(null, Nd4j.createFromArray(kde.logDensity(q)).castTo(dt));
        }
        GaussianKde.Evaluation ev = kde.evaluate(q);
        return new KdeResult(toNd(ev.score(), dt), Nd4j.createFromArray(ev.logDensity()).castTo(dt));
    }

    /**
     * {@link #kde} with ND4J ops in y's data type: distances expanded as ||y||^2 + ||r||^2 - 2 y.r
     * (one GEMM), max-shifted softmax, a second GEMM for the weighted reference mean. Faster than
     * the exact engine for large d.
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
        return io.github.dde4j.dde.internal.NdRows.matrix(rows, rows[0].length, dt);
    }

    /** An n x d array to rows of doubles, in one bulk copy. */
    static double[][] toRows(INDArray a) {
        return io.github.dde4j.dde.internal.NdRows.rows(a, "points");
    }
}
