package io.github.dde4j.generator.nn;

import io.github.dde4j.core.Checks;
import io.github.dde4j.dde.nn.Activation;
import io.github.dde4j.dde.internal.Blas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multilayer perceptron generator g: R^k -> R^d.
 *
 * <pre>
 *   h_0 = z,   a_l = h_{l-1} W_l + b_l,   h_l = act(a_l)      (l = 1..L hidden layers)
 *   m(z) = h_L W_{L+1} + b_{L+1}                               (linear output)
 *   g(z) = m(z)                                    skip NONE
 *   g(z) = z + m(z)                                skip IDENTITY  (residual, k = d)
 *   g(z) = z A + c + m(z)                          skip AFFINE    (A: k x d, c: 1 x d trainable)
 * </pre>
 * Rows are points (z is {@code n x k}). With a skip, the output layer starts at
 * {@code outputScale} times the usual scale, so that g starts near the identity (IDENTITY, or
 * AFFINE with A = I, c = 0) or near the affine map of a data-fitted Gaussian N(mu, L L^T):
 * A = L^T, c = mu ({@link #withAffineInit}), which already places the generator's mass where the data
 * are; the MLP then learns the non-Gaussian part.
 *
 * <p>Backward pass for an external error E = dL/dY (n x d), with D_l = dL/da_l:
 * D_{L+1} = E, dW_l = h_{l-1}^T D_l, db_l = 1^T D_l, D_{l-1} = (D_l W_l^T) . act'(a_{l-1});
 * for AFFINE also dA = z^T E, dc = 1^T E.
 *
 * <p>Parameter layout (one row vector): for each layer W_l (row-major, fan_in x fan_out) then b_l;
 * for AFFINE then A (row-major k x d) and c. Immutable: the parameter vector is never modified
 * after construction.
 */
public final class MlpGenerator implements GeneratorNetwork {

    /** How the latent reaches the output besides the MLP. */
    public enum Skip {
        /** g(z) = MLP(z). */
        NONE,
        /** g(z) = z + MLP(z); needs k = d. */
        IDENTITY,
        /** g(z) = z A + c + MLP(z) with trainable A, c; needs k = d. */
        AFFINE
    }

    private final int k;
    private final int d;
    private final int[] hidden;
    private final Activation activation;
    private final Skip skip;
    private final DataType dtype;
    private final INDArray flat;
    /** widths[0] = k, widths[1..L] = hidden, widths[L+1] = d. */
    private final int[] widths;
    /** Offsets into flat: wOff[l], bOff[l] for layer l = 0..L. */
    private final long[] wOff;
    private final long[] bOff;
    private final long aOff;
    private final long cOff;
    private final long count;

    private MlpGenerator(int k, int d, int[] hidden, Activation activation, Skip skip, DataType dtype,
                         INDArray flat) {
        this.k = k;
        this.d = d;
        this.hidden = hidden.clone();
        this.activation = activation;
        this.skip = skip;
        this.dtype = dtype;
        this.widths = new int[hidden.length + 2];
        widths[0] = k;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = d;
        int layers = widths.length - 1;
        wOff = new long[layers];
        bOff = new long[layers];
        long off = 0;
        for (int l = 0; l < layers; l++) {
            wOff[l] = off;
            off += (long) widths[l] * widths[l + 1];
            bOff[l] = off;
            off += widths[l + 1];
        }
        if (skip == Skip.AFFINE) {
            aOff = off;
            off += (long) k * d;
            cOff = off;
            off += d;
        } else {
            aOff = -1;
            cOff = -1;
        }
        this.count = off;
        if (flat.length() != count) {
            throw new IllegalArgumentException("parameter vector has length " + flat.length() + ", expected " + count);
        }
        this.flat = flat;
    }

    /**
     * A freshly initialised MLP generator. Hidden weights ~ N(0, gain/fan_in) (gain 2 for ReLU, 1
     * otherwise), biases 0; the output layer is scaled by {@code outputScale} (use a small value
     * such as 0.01 with a skip so that g starts near its skip map; 1 without one).
     *
     * @throws IllegalArgumentException for non-positive sizes, a skip with k != d, or a bad scale
     */
    public static MlpGenerator create(int latentDimension, int dimension, int[] hidden, Activation activation,
                                      Skip skip, double outputScale, DataType dtype, UniformRandomProvider rng) {
        Checks.requireAtLeast(latentDimension, 1, "latentDimension");
        Checks.requireAtLeast(dimension, 1, "dimension");
        if (hidden == null) {
            throw new IllegalArgumentException("hidden is null");
        }
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1) {
                throw new IllegalArgumentException("hidden layer " + i + " has width " + hidden[i] + ", must be >= 1");
            }
        }
        if (activation == null || skip == null || dtype == null || rng == null) {
            throw new IllegalArgumentException("activation, skip, dtype and rng must not be null");
        }
        if (skip != Skip.NONE && latentDimension != dimension) {
            throw new IllegalArgumentException("skip " + skip + " needs latentDimension == dimension, got "
                    + latentDimension + " and " + dimension);
        }
        if (!(outputScale >= 0 && outputScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("outputScale must be finite and >= 0, got " + outputScale);
        }
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException("dtype must be FLOAT or DOUBLE, got " + dtype);
        }
        io.github.dde4j.dde.nn.Nd4jRuntime.ensureInitialized();
        MlpGenerator shape = new MlpGenerator(latentDimension, dimension, hidden, activation, skip, dtype,
                Nd4j.zeros(DataType.DOUBLE, 1, countParams(latentDimension, dimension, hidden, skip)));
        double[] p = new double[(int) shape.count];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int layers = shape.widths.length - 1;
        double gain = activation == Activation.RELU ? 2.0 : 1.0;
        for (int l = 0; l < layers; l++) {
            int in = shape.widths[l];
            int out = shape.widths[l + 1];
            double sd = Math.sqrt(gain / in) * (l == layers - 1 ? outputScale : 1.0);
            for (long i = 0; i < (long) in * out; i++) {
                p[(int) (shape.wOff[l] + i)] = sd * gauss.sample();
            }
        }
        if (skip == Skip.AFFINE) {
            for (int j = 0; j < dimension; j++) {
                p[(int) (shape.aOff + (long) j * dimension + j)] = 1.0;
            }
        }
        INDArray flat = Nd4j.createFromArray(p).reshape(1, p.length).castTo(dtype);
        return new MlpGenerator(latentDimension, dimension, hidden, activation, skip, dtype, flat);
    }

    private static long countParams(int k, int d, int[] hidden, Skip skip) {
        long n = 0;
        int prev = k;
        for (int h : hidden) {
            n += (long) prev * h + h;
            prev = h;
        }
        n += (long) prev * d + d;
        if (skip == Skip.AFFINE) {
            n += (long) k * d + d;
        }
        return n;
    }

    /**
     * Rebuilds a network from {@link #describe()} output and a parameter vector (used by model files).
     */
    public static MlpGenerator fromDescription(Map<String, Object> description, INDArray flat) {
        try {
            int k = ((Number) description.get("latentDimension")).intValue();
            int d = ((Number) description.get("dimension")).intValue();
            @SuppressWarnings("unchecked")
            List<Number> h = (List<Number>) description.get("hidden");
            int[] hidden = h.stream().mapToInt(Number::intValue).toArray();
            Activation act = Activation.valueOf(((String) description.get("activation")).toUpperCase(Locale.ROOT));
            Skip skip = Skip.valueOf(((String) description.get("skip")).toUpperCase(Locale.ROOT));
            DataType dt = DataType.valueOf(((String) description.get("dataType")).toUpperCase(Locale.ROOT));
            return new MlpGenerator(k, d, hidden, act, skip, dt, flat.reshape(1, flat.length()).castTo(dt).dup());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid MLP generator description " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same network with the affine skip set to the map of N(mean, L L^T): A = L^T, c = mean
     * (needs skip AFFINE). A sample is then z L^T + mean + MLP(z): exactly the Gaussian when the MLP's
     * output layer is 0.
     */
    public MlpGenerator withAffineInit(double[] mean, double[][] cholesky) {
        if (skip != Skip.AFFINE) {
            throw new IllegalStateException("withAffineInit needs skip AFFINE, this network has " + skip);
        }
        Checks.requirePoint(mean, d, "mean");
        Checks.requirePoints(cholesky, d, "cholesky");
        if (cholesky.length != d) {
            throw new IllegalArgumentException("cholesky must be " + d + " x " + d + ", got " + cholesky.length + " rows");
        }
        INDArray p = flat.castTo(DataType.DOUBLE).dup();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                // (z A)_j = sum_i z_i A_ij should equal (L z)_j = sum_i L_ji z_i
                p.putScalar(0, aOff + (long) i * d + j, cholesky[j][i]);
            }
        }
        for (int j = 0; j < d; j++) {
            p.putScalar(0, cOff + j, mean[j]);
        }
        return new MlpGenerator(k, d, hidden, activation, skip, dtype, p.castTo(dtype));
    }

    @Override
    public int latentDimension() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public DataType dataType() {
        return dtype;
    }

    @Override
    public long parameterCount() {
        return count;
    }

    /** Hidden widths (a copy). */
    public int[] hidden() {
        return hidden.clone();
    }

    public Activation activation() {
        return activation;
    }

    public Skip skip() {
        return skip;
    }

    @Override
    public INDArray parameters() {
        return flat.dup();
    }

    @Override
    public MlpGenerator withParameters(INDArray p) {
        if (p == null || p.length() != count) {
            throw new IllegalArgumentException("parameters must have length " + count + ", got "
                    + (p == null ? "null" : p.length()));
        }
        return new MlpGenerator(k, d, hidden, activation, skip, dtype, p.reshape(1, count).castTo(dtype).dup());
    }

    /**
     * A network that shares (does not copy) {@code p}: the trainer's working copy, whose parameter
     * vector the optimiser updates in place. Not for use outside training.
     */
    public MlpGenerator sharing(INDArray p) {
        if (p.length() != count || p.dataType() != dtype) {
            throw new IllegalArgumentException("shared parameters must be " + dtype + " of length " + count);
        }
        return new MlpGenerator(k, d, hidden, activation, skip, dtype, p);
    }

    private INDArray w(int l) {
        long n = (long) widths[l] * widths[l + 1];
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(wOff[l], wOff[l] + n)).reshape('c', widths[l], widths[l + 1]);
    }

    private INDArray b(int l) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(bOff[l], bOff[l] + widths[l + 1])).reshape(1, widths[l + 1]);
    }

    private INDArray skipA() {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(aOff, aOff + (long) k * d)).reshape('c', k, d);
    }

    private INDArray skipC() {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(cOff, cOff + d)).reshape(1, d);
    }

    private void checkInput(INDArray z) {
        if (z == null || z.rank() != 2 || z.columns() != k) {
            throw new IllegalArgumentException("latent batch must be n x " + k + ", got "
                    + (z == null ? "null" : Arrays.toString(z.shape())));
        }
    }

    /** The checked latent batch in this network's type. */
    private INDArray input(INDArray z) {
        checkInput(z);
        return z.dataType() == dtype ? z : z.castTo(dtype);
    }

    /** The last hidden layer's activations for input {@code in} (the hidden part of every forward pass). */
    private INDArray lastHidden(INDArray in) {
        INDArray h = in;
        for (int l = 0; l < widths.length - 2; l++) {
            h = activation.apply(h.mmul(w(l)).addiRowVector(b(l)));
        }
        return h;
    }

    @Override
    public INDArray forward(INDArray z) {
        INDArray in = input(z);
        int layers = widths.length - 1;
        INDArray h = lastHidden(in);
        INDArray y = h.mmul(w(layers - 1)).addiRowVector(b(layers - 1));
        if (skip == Skip.IDENTITY) {
            y.addi(in);
        } else if (skip == Skip.AFFINE) {
            y.addi(in.mmul(skipA())).addiRowVector(skipC());
        }
        return y;
    }

    /**
     * Forward pass into a caller-owned output buffer, for streaming sampling: {@code out} is
     * {@code n x d} of this network's type. Avoids one allocation per batch for the output;
     * hidden activations are still temporary.
     */
    public void forwardInto(INDArray z, INDArray out) {
        INDArray in = input(z);
        int layers = widths.length - 1;
        INDArray h = lastHidden(in);
        Nd4j.gemm(h, w(layers - 1), out, false, false, 1.0, 0.0);
        out.addiRowVector(b(layers - 1));
        if (skip == Skip.IDENTITY) {
            out.addi(in);
        } else if (skip == Skip.AFFINE) {
            Nd4j.gemm(in, skipA(), out, false, false, 1.0, 1.0);
            out.addiRowVector(skipC());
        }
    }

    /**
     * A forward-only workspace for batches of up to {@code maxRows} latent rows: the fast path
     * for sampling. See {@link Inference}.
     */
    public Inference inference(int maxRows) {
        Checks.requireAtLeast(maxRows, 1, "maxRows");
        return new Inference(maxRows);
    }

    /**
     * The same maths as {@link #forward} on plain row-major Java arrays ({@code float[]} for a
     * FLOAT network, {@code double[]} for DOUBLE): each matrix product is one
     * {@code cblas_?gemm} call into the OpenBLAS that ND4J ships, through dde's dense-layer step
     * ({@link Blas#dense}, the same one the DDE's network uses: the bias is preloaded into the
     * product's output, beta = 1), and the activation is dde's fused,
     * branch-free loop (its float32 tanh/sigmoid are a few ulp from the exact ones; ReLU is a
     * max loop there). For AFFINE, c is folded into the output bias: y = z A + (b + c) + MLP(z).
     *
     * <p>Why: a generator forward at d = 4, width 128 is a handful of small operations; through
     * ND4J each costs tens of microseconds of per-op overhead plus a copy, and sampling ran at
     * ~40k rows/s. Here there are no per-op objects and no per-batch allocations.
     *
     * <p>The weights are copied when the workspace is created (a snapshot). Not thread-safe: use
     * one workspace per thread.
     */
    public final class Inference {
        private final Blas kr;
        private final int maxRows;
        private final Object[] weights;
        private final Object[] biases;
        private final Object skipMatrix;
        private final Object[] hiddenBuf;
        private final Object scratch;

        private Inference(int maxRows) {
            boolean f32 = dtype == DataType.FLOAT;
            this.kr = f32 ? Blas.F32 : Blas.F64;
            this.maxRows = maxRows;
            double[] p = flat.castTo(DataType.DOUBLE).toDoubleVector();
            int layers = widths.length - 1;
            weights = new Object[layers];
            biases = new Object[layers];
            int widest = 1;
            for (int l = 0; l < layers; l++) {
                weights[l] = slice(p, wOff[l], widths[l] * widths[l + 1]);
                biases[l] = slice(p, bOff[l], widths[l + 1]);
            }
            if (skip == Skip.AFFINE) {
                skipMatrix = slice(p, aOff, k * d);
                double[] bc = new double[d];
                for (int j = 0; j < d; j++) {
                    bc[j] = p[(int) (bOff[layers - 1] + j)] + p[(int) (cOff + j)];
                }
                biases[layers - 1] = slice(bc, 0, d);
            } else {
                skipMatrix = null;
            }
            hiddenBuf = new Object[layers - 1];
            for (int l = 0; l < layers - 1; l++) {
                hiddenBuf[l] = kr.alloc(maxRows * widths[l + 1]);
                widest = Math.max(widest, widths[l + 1]);
            }
            scratch = kr.alloc(maxRows * widest);
        }

        private Object slice(double[] p, long off, int n) {
            if (dtype == DataType.DOUBLE) {
                return Arrays.copyOfRange(p, (int) off, (int) off + n);
            }
            float[] o = new float[n];
            for (int i = 0; i < n; i++) {
                o[i] = (float) p[(int) off + i];
            }
            return o;
        }

        /** The largest batch this workspace takes. */
        public int maxRows() {
            return maxRows;
        }

        /** Columns of an output row. */
        public int dimension() {
            return d;
        }

        /** FLOAT (float[] buffers) or DOUBLE (double[] buffers), the network's type. */
        public DataType dataType() {
            return dtype;
        }

        /**
         * {@code out[i * d + j] = g(z_i)_j} for {@code i < rows}, z row-major {@code rows x k} (FLOAT network).
         */
        public void forward(float[] z, int rows, float[] out) {
            check(dtype == DataType.FLOAT, z.length, out.length, rows);
            run(z, rows, out);
        }

        /**
         * {@code out[i * d + j] = g(z_i)_j} for {@code i < rows}, z row-major {@code rows x k} (DOUBLE network).
         */
        public void forward(double[] z, int rows, double[] out) {
            check(dtype == DataType.DOUBLE, z.length, out.length, rows);
            run(z, rows, out);
        }

        private void check(boolean typeOk, int zLen, int outLen, int rows) {
            if (!typeOk) {
                throw new IllegalArgumentException("this network computes in " + dtype + "; pass "
                        + (dtype == DataType.FLOAT ? "float[]" : "double[]") + " buffers");
            }
            if (rows < 0 || rows > maxRows) {
                throw new IllegalArgumentException("rows must be in [0, " + maxRows + "], got " + rows);
            }
            if (zLen < (long) rows * k || outLen < (long) rows * d) {
                throw new IllegalArgumentException("buffers too short for " + rows + " rows: z has " + zLen
                        + " (needs " + (long) rows * k + "), out " + outLen + " (needs " + (long) rows * d + ")");
            }
        }

        private void run(Object z, int rows, Object out) {
            if (rows == 0) {
                return;
            }
            int layers = widths.length - 1;
            Object h = z;
            for (int l = 0; l < layers - 1; l++) {
                kr.dense(h, weights[l], biases[l], rows, widths[l], widths[l + 1], hiddenBuf[l], activation, null,
                        scratch, null, true);
                h = hiddenBuf[l];
            }
            kr.dense(h, weights[layers - 1], biases[layers - 1], rows, widths[layers - 1], d, out, null, null, null,
                    null, true);
            if (skip == Skip.IDENTITY) {
                kr.addTo(z, out, rows * d);
            } else if (skip == Skip.AFFINE) {
                kr.gemm(false, false, rows, d, k, 1.0, z, skipMatrix, 1.0, out);
            }
        }
    }

    @Override
    public Pass forwardForBackprop(INDArray z) {
        checkInput(z);
        INDArray in = z.dataType() == dtype ? z : z.castTo(dtype);
        int layers = widths.length - 1;
        List<INDArray> pre = new ArrayList<>(layers);
        List<INDArray> act = new ArrayList<>(layers);
        act.add(in);
        INDArray h = in;
        for (int l = 0; l < layers - 1; l++) {
            INDArray a = h.mmul(w(l)).addiRowVector(b(l));
            pre.add(a);
            h = activation.apply(a);
            act.add(h);
        }
        INDArray y = h.mmul(w(layers - 1)).addiRowVector(b(layers - 1));
        if (skip == Skip.IDENTITY) {
            y.addi(in);
        } else if (skip == Skip.AFFINE) {
            y.addi(in.mmul(skipA())).addiRowVector(skipC());
        }
        return new Pass() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dLdy) {
                if (dLdy == null || dLdy.rank() != 2 || dLdy.rows() != y.rows() || dLdy.columns() != d) {
                    throw new IllegalArgumentException("dL/dy must be " + y.rows() + " x " + d + ", got "
                            + (dLdy == null ? "null" : Arrays.toString(dLdy.shape())));
                }
                INDArray e = dLdy.dataType() == dtype ? dLdy : dLdy.castTo(dtype);
                INDArray grad = Nd4j.zeros(dtype, 1, count);
                INDArray delta = e;
                for (int l = layers - 1; l >= 0; l--) {
                    INDArray hPrev = act.get(l);
                    INDArray dW = hPrev.transpose().mmul(delta);
                    INDArray db = delta.sum(0);
                    long nw = (long) widths[l] * widths[l + 1];
                    grad.get(NDArrayIndex.point(0), NDArrayIndex.interval(wOff[l], wOff[l] + nw)).assign(dW.reshape('c', 1, nw));
                    grad.get(NDArrayIndex.point(0), NDArrayIndex.interval(bOff[l], bOff[l] + widths[l + 1])).assign(db.reshape(1, widths[l + 1]));
                    if (l > 0) {
                        INDArray back = delta.mmul(w(l).transpose());
                        delta = back.muli(activation.derivative(pre.get(l - 1), act.get(l)));
                    }
                }
                if (skip == Skip.AFFINE) {
                    INDArray dA = in.transpose().mmul(e);
                    grad.get(NDArrayIndex.point(0), NDArrayIndex.interval(aOff, aOff + (long) k * d)).assign(dA.reshape('c', 1, (long) k * d));
                    grad.get(NDArrayIndex.point(0), NDArrayIndex.interval(cOff, cOff + d)).assign(e.sum(0).reshape(1, d));
                }
                return grad;
            }
        };
    }

    @Override
    public String architecture() {
        return "mlp";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latentDimension", k);
        m.put("dimension", d);
        m.put("hidden", Arrays.stream(hidden).boxed().toList());
        m.put("activation", activation.name().toLowerCase(Locale.ROOT));
        m.put("skip", skip.name().toLowerCase(Locale.ROOT));
        m.put("dataType", dtype.name());
        return m;
    }

    @Override
    public String toString() {
        return "MlpGenerator" + describe();
    }
}
