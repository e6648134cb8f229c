package io.github.dde4j.generator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Exact Gaussian-KDE log density and score over a reference set, batched with ND4J. */
final class Kernels {

    private Kernels() {
    }

    /** Result of {@link #kde}: score (n x d) and normalised log density (length n). */
    record KdeResult(INDArray score, INDArray logDensity) {
    }

    /**
     * For the KDE p~(y) = 1/M sum_j N(y; r_j, s^2 I):
     * <pre>
     *   log p~(y) = logsumexp_j(-||y - r_j||^2 / (2 s^2)) - log M - (d/2) log(2 pi s^2)
     *   score(y)  = (sum_j w_j r_j - y) / s^2,   w = softmax_j(-||y - r_j||^2 / (2 s^2))
     * </pre>
     * Distances are expanded as ||y||^2 + ||r||^2 - 2 y.r (one GEMM); the max-shift keeps the
     * softmax stable.
     */
    static KdeResult kde(INDArray y, INDArray ref, double s) {
        INDArray yy = y.mul(y).sum(1).reshape(y.rows(), 1);
        INDArray rr = ref.mul(ref).sum(1).reshape(1, ref.rows());
        INDArray logits = y.mmul(ref.transpose()).muli(2.0).subiColumnVector(yy).subiRowVector(rr)
                .muli(1.0 / (2 * s * s));
        INDArray max = logits.max(1).reshape(y.rows(), 1);
        Transforms.exp(logits.subiColumnVector(max), false);
        INDArray sum = logits.sum(1).reshape(y.rows(), 1);
        logits.diviColumnVector(sum);
        INDArray score = logits.mmul(ref).subi(y).muli(1.0 / (s * s));
        int d = y.columns();
        double c = -Math.log(ref.rows()) - 0.5 * d * Math.log(2 * Math.PI * s * s);
        INDArray log = Transforms.log(sum, false).addi(max).addi(c).reshape(y.rows());
        return new KdeResult(score, log);
    }

    /**
     * log p~(y) of {@link #kde} alone, without the score's second GEMM (weights x reference): for
     * callers that need only the log density (the KL check, {@code smoothedLogDensity}).
     */
    static INDArray kdeLogDensity(INDArray y, INDArray ref, double s) {
        INDArray yy = y.mul(y).sum(1).reshape(y.rows(), 1);
        INDArray rr = ref.mul(ref).sum(1).reshape(1, ref.rows());
        INDArray logits = y.mmul(ref.transpose()).muli(2.0).subiColumnVector(yy).subiRowVector(rr)
                .muli(1.0 / (2 * s * s));
        INDArray max = logits.max(1).reshape(y.rows(), 1);
        Transforms.exp(logits.subiColumnVector(max), false);
        INDArray sum = logits.sum(1).reshape(y.rows(), 1);
        int d = y.columns();
        double c = -Math.log(ref.rows()) - 0.5 * d * Math.log(2 * Math.PI * s * s);
        return Transforms.log(sum, false).addi(max).addi(c).reshape(y.rows());
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
        int n = rows.length;
        int d = rows[0].length;
        if (dt == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            float[] f = new float[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    f[i * d + j] = (float) rows[i][j];
                }
            }
            return Nd4j.create(f, new long[] {n, d}, 'c');
        }
        double[] f = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, f, i * d, d);
        }
        return Nd4j.create(f, new long[] {n, d}, 'c').castTo(dt);
    }

    /** An n x d array to rows of doubles, in one bulk copy. */
    static double[][] toRows(INDArray a) {
        int n = (int) a.rows();
        int d = (int) a.columns();
        double[] f = a.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE && a.isView() == false && a.ordering() == 'c'
                ? a.data().asDouble() : a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f, i * d, out[i], 0, d);
        }
        return out;
    }
}
