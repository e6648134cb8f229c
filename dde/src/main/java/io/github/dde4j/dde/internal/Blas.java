package io.github.dde4j.dde.internal;

import io.github.dde4j.dde.nn.Activation;
import io.github.dde4j.dde.nn.Precision;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The handful of dense kernels a scalar MLP's forward, score and second backward pass are made
 * of, for one floating-point type. Buffers are plain Java arrays ({@code float[]} or
 * {@code double[]}, row-major) passed as {@code Object} so that the network code is written
 * once for both precisions.
 *
 * <p>Why not ND4J ops: a DDE step at width 64 / batch 256 is about 30 small operations; ND4J's
 * per-operation overhead (op object, shape checks, JNI, OpenMP dispatch) is 10-50 us each,
 * more than the arithmetic. Matrix products go straight to the OpenBLAS that ND4J ships (one
 * JNI call each, the arrays are pinned, not copied element by element), and all elementwise
 * work is fused into single Java loops that the JIT compiles to tight code. See docs/dde.md for
 * the measurements behind this choice.
 */
public abstract class Blas {

    /** float32 kernels (buffers are {@code float[]}). */
    public static final Blas F32 = new F32();
    /** float64 kernels (buffers are {@code double[]}). */
    public static final Blas F64 = new F64();

    /** The kernels for {@code p}. */
    public static Blas of(Precision p) {
        return p == Precision.FLOAT32 ? F32 : F64;
    }

    /**
     * OpenBLAS's dgemm as the kde module's {@link io.github.dde4j.kde.MatrixProduct}: the dense path
     * of its kernel sums in many dimensions (the DDE's low-variance targets, the generator's KDE).
     */
    public static final io.github.dde4j.kde.MatrixProduct DGEMM =
            (transposeB, m, n, k, a, b, c) -> F64.gemm(false, transposeB, m, n, k, 1.0, a, b, 0.0, c);

    /** A new zeroed buffer of n entries. */
    public abstract Object alloc(int n);

    public abstract int length(Object a);

    public abstract double get(Object a, int i);

    public abstract void set(Object a, int i, double v);

    public abstract Object copy(Object a);

    /** {@code buf[i * d + j] = rows[start + i][j]} for {@code i < count}. */
    public abstract void setRows(Object buf, double[][] rows, int start, int count, int d);

    /** {@code rows[start + i][j] = buf[i * d + j]} for {@code i < count}. */
    public abstract void getRows(Object buf, double[][] rows, int start, int count, int d);

    public abstract void fill(Object a, double v);

    /** Row-major C(m x n) = alpha op(A) op(B) + beta C, op(A) m x k, op(B) k x n. */
    public abstract void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Object a, Object b,
                       double beta, Object c);

    /** Every row of C (rows x cols) set to {@code row}. */
    public abstract void fillRows(Object c, Object row, int rows, int cols);

    /** In place: {@code z -> act(z) (+ prev)}, {@code s1 = act'(z)}, {@code s2 = act''(z)} (s2 may be null). */
    public abstract void activate(Activation act, Object z, Object prev, Object s1, Object s2, int n, boolean keepValue);

    /**
     * One dense layer's forward step, the one both networks (the DDE's {@code ScalarMlp} and the
     * generator's {@code MlpGenerator} inference path) are built from:
     * {@code out = in W + b} (rows x fanOut; W fanIn x fanOut row-major, b one row), then, unless
     * {@code act} is null (a linear layer), {@code out -> act(out) (+ prev)} in place with its
     * derivatives as in {@link #activate}. The bias is preloaded into {@code out}, so the product
     * adds onto it (beta = 1).
     */
    public final void dense(Object in, Object weights, Object bias, int rows, int fanIn, int fanOut, Object out,
                            Activation act, Object prev, Object s1, Object s2, boolean keepValue) {
        fillRows(out, bias, rows, fanOut);
        gemm(false, false, rows, fanOut, fanIn, 1, in, weights, 1, out);
        if (act != null) {
            activate(act, out, prev, s1, s2, rows * fanOut, keepValue);
        }
    }

    /** out[i, j] = x[i, j] * row[j]. */
    public abstract void mulRow(Object x, Object row, Object out, int rows, int cols);

    /** out = a * b (+ add, when not null). */
    public abstract void mul(Object a, Object b, Object add, Object out, int n);

    /** out = a * b * c (+ add, when not null). */
    public abstract void mul3(Object a, Object b, Object c, Object add, Object out, int n);

    /** out[i, j] = a[i, j] * b[i, j] * row[j]. */
    public abstract void mulMulRow(Object a, Object b, Object row, Object out, int rows, int cols);

    /** out[j] = sum_i x[i, j]. */
    public abstract void colSum(Object x, int rows, int cols, Object out);

    /** out += a. */
    public abstract void addTo(Object a, Object out, int n);

    /**
     * The DDE loss on a batch: returns (1/B) sum ||g - t||^2 (in double) and writes
     * gbar = (2/B)(g - t), its gradient with respect to g.
     */
    public abstract double squaredLoss(Object g, Object t, Object gbar, int rows, int cols);

    /** f_i = h_i . w + c. */
    public abstract void rowDot(Object h, Object w, double c, int rows, int cols, double[] out, int outOffset);

    /**
     * One Adam update of {@code p} with gradient {@code g} and moments {@code m}, {@code v}:
     * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr * (m / c1) / (sqrt(v / c2) + eps).
     */
    public abstract void adam(Object p, Object g, Object m, Object v, int n, double lr, double b1, double b2,
                       double eps, double c1, double c2);

    private static final class F32 extends Blas {
        @Override
        public Object alloc(int n) {
            return new float[n];
        }

        @Override
        public int length(Object a) {
            return ((float[]) a).length;
        }

        @Override
        public double get(Object a, int i) {
            return ((float[]) a)[i];
        }

        @Override
        public void set(Object a, int i, double v) {
            ((float[]) a)[i] = (float) v;
        }

        @Override
        public Object copy(Object a) {
            return ((float[]) a).clone();
        }

        @Override
        public void setRows(Object buf, double[][] rows, int start, int count, int d) {
            float[] b = (float[]) buf;
            for (int i = 0; i < count; i++) {
                double[] r = rows[start + i];
                for (int j = 0; j < d; j++) {
                    b[i * d + j] = (float) r[j];
                }
            }
        }

        @Override
        public void getRows(Object buf, double[][] rows, int start, int count, int d) {
            float[] b = (float[]) buf;
            for (int i = 0; i < count; i++) {
                double[] r = rows[start + i];
                for (int j = 0; j < d; j++) {
                    r[j] = b[i * d + j];
                }
            }
        }

        @Override
        public void fill(Object a, double v) {
            java.util.Arrays.fill((float[]) a, (float) v);
        }

        @Override
        public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Object a, Object b, double beta, Object c) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                    ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    m, n, k, (float) alpha, (float[]) a, ta ? m : k, (float[]) b, tb ? k : n, (float) beta, (float[]) c, n);
        }

        @Override
        public void fillRows(Object c, Object row, int rows, int cols) {
            float[] cc = (float[]) c;
            float[] r = (float[]) row;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(r, 0, cc, i * cols, cols);
            }
        }

        @Override
        public void activate(Activation act, Object z, Object prev, Object s1, Object s2, int n, boolean keepValue) {
            ActivationLoops.apply(act, (float[]) z, (float[]) prev, (float[]) s1, (float[]) s2, n, keepValue);
        }

        @Override
        public void mulRow(Object x, Object row, Object out, int rows, int cols) {
            float[] xx = (float[]) x;
            float[] r = (float[]) row;
            float[] o = (float[]) out;
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, p++) {
                    o[p] = xx[p] * r[j];
                }
            }
        }

        @Override
        public void mul(Object a, Object b, Object add, Object out, int n) {
            float[] x = (float[]) a;
            float[] y = (float[]) b;
            float[] o = (float[]) out;
            if (add == null) {
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i];
                }
            } else {
                float[] s = (float[]) add;
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i] + s[i];
                }
            }
        }

        @Override
        public void mul3(Object a, Object b, Object c, Object add, Object out, int n) {
            float[] x = (float[]) a;
            float[] y = (float[]) b;
            float[] z = (float[]) c;
            float[] o = (float[]) out;
            if (add == null) {
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i] * z[i];
                }
            } else {
                float[] s = (float[]) add;
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i] * z[i] + s[i];
                }
            }
        }

        @Override
        public void mulMulRow(Object a, Object b, Object row, Object out, int rows, int cols) {
            float[] x = (float[]) a;
            float[] y = (float[]) b;
            float[] r = (float[]) row;
            float[] o = (float[]) out;
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, p++) {
                    o[p] = x[p] * y[p] * r[j];
                }
            }
        }

        @Override
        public void colSum(Object x, int rows, int cols, Object out) {
            float[] xx = (float[]) x;
            float[] o = (float[]) out;
            java.util.Arrays.fill(o, 0, cols, 0f);
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, p++) {
                    o[j] += xx[p];
                }
            }
        }

        @Override
        public void addTo(Object a, Object out, int n) {
            float[] x = (float[]) a;
            float[] o = (float[]) out;
            for (int i = 0; i < n; i++) {
                o[i] += x[i];
            }
        }

        @Override
        public double squaredLoss(Object g, Object t, Object gbar, int rows, int cols) {
            float[] gg = (float[]) g;
            float[] tt = (float[]) t;
            float[] o = (float[]) gbar;
            double sum = 0;
            float scale = 2f / rows;
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float r = gg[i] - tt[i];
                sum += (double) r * r;
                o[i] = scale * r;
            }
            return sum / rows;
        }

        @Override
        public void rowDot(Object h, Object w, double c, int rows, int cols, double[] out, int outOffset) {
            float[] hh = (float[]) h;
            float[] ww = (float[]) w;
            for (int i = 0, p = 0; i < rows; i++) {
                float s = 0;
                for (int j = 0; j < cols; j++, p++) {
                    s += hh[p] * ww[j];
                }
                out[outOffset + i] = s + c;
            }
        }

        @Override
        public void adam(Object p, Object g, Object m, Object v, int n, double lr, double b1, double b2, double eps,
                  double c1, double c2) {
            float[] pp = (float[]) p;
            float[] gg = (float[]) g;
            float[] mm = (float[]) m;
            float[] vv = (float[]) v;
            float fb1 = (float) b1;
            float fb2 = (float) b2;
            float step = (float) (lr / c1);
            float ic2 = (float) (1 / c2);
            float feps = (float) eps;
            for (int i = 0; i < n; i++) {
                float gi = gg[i];
                float mi = fb1 * mm[i] + (1 - fb1) * gi;
                float vi = fb2 * vv[i] + (1 - fb2) * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                pp[i] -= step * mi / ((float) Math.sqrt(vi * ic2) + feps);
            }
        }
    }

    private static final class F64 extends Blas {
        @Override
        public Object alloc(int n) {
            return new double[n];
        }

        @Override
        public int length(Object a) {
            return ((double[]) a).length;
        }

        @Override
        public double get(Object a, int i) {
            return ((double[]) a)[i];
        }

        @Override
        public void set(Object a, int i, double v) {
            ((double[]) a)[i] = v;
        }

        @Override
        public Object copy(Object a) {
            return ((double[]) a).clone();
        }

        @Override
        public void setRows(Object buf, double[][] rows, int start, int count, int d) {
            double[] b = (double[]) buf;
            for (int i = 0; i < count; i++) {
                System.arraycopy(rows[start + i], 0, b, i * d, d);
            }
        }

        @Override
        public void getRows(Object buf, double[][] rows, int start, int count, int d) {
            double[] b = (double[]) buf;
            for (int i = 0; i < count; i++) {
                System.arraycopy(b, i * d, rows[start + i], 0, d);
            }
        }

        @Override
        public void fill(Object a, double v) {
            java.util.Arrays.fill((double[]) a, v);
        }

        @Override
        public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Object a, Object b, double beta, Object c) {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
                    ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    m, n, k, alpha, (double[]) a, ta ? m : k, (double[]) b, tb ? k : n, beta, (double[]) c, n);
        }

        @Override
        public void fillRows(Object c, Object row, int rows, int cols) {
            double[] cc = (double[]) c;
            double[] r = (double[]) row;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(r, 0, cc, i * cols, cols);
            }
        }

        @Override
        public void activate(Activation act, Object z, Object prev, Object s1, Object s2, int n, boolean keepValue) {
            ActivationLoops.apply(act, (double[]) z, (double[]) prev, (double[]) s1, (double[]) s2, n, keepValue);
        }

        @Override
        public void mulRow(Object x, Object row, Object out, int rows, int cols) {
            double[] xx = (double[]) x;
            double[] r = (double[]) row;
            double[] o = (double[]) out;
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, p++) {
                    o[p] = xx[p] * r[j];
                }
            }
        }

        @Override
        public void mul(Object a, Object b, Object add, Object out, int n) {
            double[] x = (double[]) a;
            double[] y = (double[]) b;
            double[] o = (double[]) out;
            if (add == null) {
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i];
                }
            } else {
                double[] s = (double[]) add;
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i] + s[i];
                }
            }
        }

        @Override
        public void mul3(Object a, Object b, Object c, Object add, Object out, int n) {
            double[] x = (double[]) a;
            double[] y = (double[]) b;
            double[] z = (double[]) c;
            double[] o = (double[]) out;
            if (add == null) {
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i] * z[i];
                }
            } else {
                double[] s = (double[]) add;
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * y[i] * z[i] + s[i];
                }
            }
        }

        @Override
        public void mulMulRow(Object a, Object b, Object row, Object out, int rows, int cols) {
            double[] x = (double[]) a;
            double[] y = (double[]) b;
            double[] r = (double[]) row;
            double[] o = (double[]) out;
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, p++) {
                    o[p] = x[p] * y[p] * r[j];
                }
            }
        }

        @Override
        public void colSum(Object x, int rows, int cols, Object out) {
            double[] xx = (double[]) x;
            double[] o = (double[]) out;
            java.util.Arrays.fill(o, 0, cols, 0.0);
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, p++) {
                    o[j] += xx[p];
                }
            }
        }

        @Override
        public void addTo(Object a, Object out, int n) {
            double[] x = (double[]) a;
            double[] o = (double[]) out;
            for (int i = 0; i < n; i++) {
                o[i] += x[i];
            }
        }

        @Override
        public double squaredLoss(Object g, Object t, Object gbar, int rows, int cols) {
            double[] gg = (double[]) g;
            double[] tt = (double[]) t;
            double[] o = (double[]) gbar;
            double sum = 0;
            double scale = 2.0 / rows;
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                double r = gg[i] - tt[i];
                sum += r * r;
                o[i] = scale * r;
            }
            return sum / rows;
        }

        @Override
        public void rowDot(Object h, Object w, double c, int rows, int cols, double[] out, int outOffset) {
            double[] hh = (double[]) h;
            double[] ww = (double[]) w;
            for (int i = 0, p = 0; i < rows; i++) {
                double s = 0;
                for (int j = 0; j < cols; j++, p++) {
                    s += hh[p] * ww[j];
                }
                out[outOffset + i] = s + c;
            }
        }

        @Override
        public void adam(Object p, Object g, Object m, Object v, int n, double lr, double b1, double b2, double eps,
                  double c1, double c2) {
            double[] pp = (double[]) p;
            double[] gg = (double[]) g;
            double[] mm = (double[]) m;
            double[] vv = (double[]) v;
            double step = lr / c1;
            for (int i = 0; i < n; i++) {
                double gi = gg[i];
                double mi = b1 * mm[i] + (1 - b1) * gi;
                double vi = b2 * vv[i] + (1 - b2) * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                pp[i] -= step * mi / (Math.sqrt(vi / c2) + eps);
            }
        }
    }
}
