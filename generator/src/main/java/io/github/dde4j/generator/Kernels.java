package io.github.dde4j.generator;

import io.github.dde4j.kde.GaussianKde;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact Gaussian-KDE log density and score over a reference set, by the kde module's engine: its
 * tree for small d, its dense path through the BLAS for large d.
 */
final class Kernels {

    private Kernels() {
    }

    /** Result of {@link #kde}: score (n x d) and normalised log density (length n). */
    record KdeResult(INDArray score, INDArray logDensity) {
    }

    /**
     * Largest dimension d for which {@link #kde} and {@link #kdeLogDensity} use the tree of module
     * kde's engine ({@link #kdeExact}); above it they use its dense path ({@link #kdeDense}), where the
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
     * ({@link #kdeExact}); above it its dense path ({@link #kdeDense}). Results have y's data type.
     */
    static KdeResult kde(INDArray y, INDArray ref, double s) {
        return y.columns() <= EXACT_MAX_DIMENSION ? kdeExact(y, ref, s, true) : kdeDense(y, ref, s, true);
    }

    /**
     * log p~(y) of {@link #kde} alone, without the score (for callers that need only the log
     * density: the KL check, {@code smoothedLogDensity}). Same tree / dense choice as {@link #kde}.
     */
    static INDArray kdeLogDensity(INDArray y, INDArray ref, double s) {
        return (y.columns() <= EXACT_MAX_DIMENSION ? kdeExact(y, ref, s, false) : kdeDense(y, ref, s, false)).logDensity();
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
        return evaluate(engine(y, ref, s).build(), y, withScore);
    }

    /** The engine over {@code ref} with bandwidth s, after checking that y and ref have one dimension. */
    private static GaussianKde.Builder engine(INDArray y, INDArray ref, double s) {
        if (ref.columns() != y.columns()) {
            throw new IllegalArgumentException("reference has dimension " + ref.columns() + ", points " + y.columns());
        }
        return GaussianKde.builder(toRows(ref)).bandwidth(s);
    }

    private static KdeResult evaluate(GaussianKde kde, INDArray y, boolean withScore) {
        double[][] q = toRows(y);
        DataType dt = y.dataType();
        if (!withScore) {
            return new KdeResult(null, Nd4j.createFromArray(kde.logDensity(q)).castTo(dt));
        }
        GaussianKde.Evaluation ev = kde.evaluate(q);
        return new KdeResult(toNd(ev.score(), dt), Nd4j.createFromArray(ev.logDensity()).castTo(dt));
    }

    /**
     * {@link #kde} by the same engine's dense path (module kde, {@link GaussianKde.Builder#matrixProduct}
     * with OpenBLAS's dgemm): distances expanded as ||y||^2 + ||r||^2 - 2 y.r in double, a second
     * product for the weighted reference mean. For large d, where the d-long dot products make the
     * matrix product the cheaper way to the distances.
     */
    static KdeResult kdeDense(INDArray y, INDArray ref, double s, boolean withScore) {
        return evaluate(engine(y, ref, s).matrixProduct(io.github.dde4j.dde.internal.Blas.DGEMM).build(), y, withScore);
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
