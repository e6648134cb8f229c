package io.github.dde4j.dde.nn;

import io.github.dde4j.dde.internal.Blas;

import io.github.dde4j.core.Checks;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A scalar multilayer perceptron f: R^d -> R with its input gradient (the score of a DDE) and
 * the parameter gradient of the score-matching loss, all computed by hand-written passes.
 *
 * <h2>Forward and score</h2>
 * With rows as points, h_0 = y, for hidden layers l = 1..L
 * <pre>
 *   z_l = h_{l-1} W_l + b_l,   h_l = act(z_l) + r_l h_{l-1}      (r_l = 1 for a residual skip)
 *   f   = h_L w + c
 * </pre>
 * and the input gradient, a backward pass written as forward operations,
 * <pre>
 *   g_L = w (every row),   a_l = g_l . act'(z_l),   g_{l-1} = a_l W_l^T + r_l g_l,   grad_y f = g_0.
 * </pre>
 *
 * <h2>Loss gradient (a gradient of a gradient)</h2>
 * For L(theta) = (1/B) sum_i ||g_0,i - t_i||^2 with fixed targets t, reverse mode through the
 * two passes above gives, with G_0 = (2/B)(g_0 - t) and l = 1..L,
 * <pre>
 *   A_l = G_{l-1} W_l,     dW_l  = G_{l-1}^T a_l,
 *   G_l = A_l . act'(z_l) + r_l G_{l-1},   Zs_l = A_l . g_l . act''(z_l),     dw = colsum(G_L)
 * </pre>
 * and then down the forward pass, with H_L = 0 (f itself is not in the loss) and l = L..1,
 * <pre>
 *   Z_l = Zs_l + H_l . act'(z_l),   dW_l += h_{l-1}^T Z_l,   db_l = colsum(Z_l),
 *   H_{l-1} = Z_l W_l^T + r_l H_l;      dc = 0.
 * </pre>
 * Every formula is checked against central finite differences in the tests.
 *
 * <p>Parameters are ordered [W_1, b_1, ..., W_L, b_L, w, c], each W_l row-major
 * (fan-in x fan-out). Instances are mutable and not thread safe; fitted models hold private
 * copies. Inference methods allocate their own scratch space and may be called concurrently
 * only while nobody changes the parameters.
 */
public final class ScalarMlp {

    /**
     * The first layer starts steeper (weights N(0, g^2/fan_in)) with biases U(-g, g), g = 3, so
     * that the softplus kinks are spread over the (standardised) data range instead of all
     * passing through the origin. Measured on eight Gaussians (sigma 0.1, 3 x 64, 2000 steps):
     * final loss 2.40 -> 1.83 and correlation with the exact KDE 0.972 -> 0.977 against g = 1 with
     * zero biases; g = 6 or 10 lowered the loss further but hurt the tails (correlation 0.948),
     * and PyTorch's U(+-1/sqrt(fan_in)) initialisation was far worse (loss 14, correlation 0.58).
     */
    static final double FIRST_LAYER_GAIN = 3;

    private final MlpSpec spec;
    final Blas k;
    final int depth;
    final int[] width;
    final boolean[] skip;
    /** [W_1, b_1, ..., W_L, b_L, w, c]. */
    final Object[] params;

    private ScalarMlp(MlpSpec spec, Object[] params) {
        this.spec = spec;
        this.k = Blas.of(spec.precision());
        this.depth = spec.depth();
        this.width = new int[depth + 1];
        this.skip = new boolean[depth + 1];
        for (int l = 0; l <= depth; l++) {
            width[l] = spec.width(l);
            skip[l] = l > 0 && spec.skip(l);
        }
        this.params = params;
    }

    /**
     * A network with LeCun-normal weights (W ~ N(0, 1/fan_in)) and zero biases, except the first
     * layer: W ~ N(0, 9/fan_in), b ~ U(-3, 3) (see {@link #FIRST_LAYER_GAIN}); drawn from {@code rng}.
     */
    public static ScalarMlp create(MlpSpec spec, UniformRandomProvider rng) {
        Blas k = Blas.of(spec.precision());
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int depth = spec.depth();
        Object[] p = new Object[2 * depth + 2];
        for (int l = 1; l <= depth; l++) {
            int fanIn = spec.width(l - 1);
            int fanOut = spec.width(l);
            Object w = k.alloc(fanIn * fanOut);
            double scale = (l == 1 ? FIRST_LAYER_GAIN : 1) / Math.sqrt(fanIn);
            for (int i = 0; i < fanIn * fanOut; i++) {
                k.set(w, i, scale * gauss.sample());
            }
            Object b = k.alloc(fanOut);
            if (l == 1) {
                for (int i = 0; i < fanOut; i++) {
                    k.set(b, i, FIRST_LAYER_GAIN * (2 * rng.nextDouble() - 1));
                }
            }
            p[2 * l - 2] = w;
            p[2 * l - 1] = b;
        }
        int last = spec.width(depth);
        Object w = k.alloc(last);
        for (int i = 0; i < last; i++) {
            k.set(w, i, gauss.sample() / Math.sqrt(last));
        }
        p[2 * depth] = w;
        p[2 * depth + 1] = k.alloc(1);
        return new ScalarMlp(spec, p);
    }

    /** A network of shape {@code spec} with the given flat parameters (see {@link #parameters()}). */
    public static ScalarMlp of(MlpSpec spec, double[] parameters) {
        ScalarMlp net = create(spec, new UniformRandomProvider() {
            @Override
            public long nextLong() {
                return 0;
            }
        });
        net.setParameters(parameters);
        return net;
    }

    /** The architecture. */
    public MlpSpec spec() {
        return spec;
    }

    /** The input dimension d. */
    public int inputDim() {
        return width[0];
    }

    /** Number of trainable parameters. */
    public int parameterCount() {
        return spec.parameterCount();
    }

    /** A deep copy. */
    public ScalarMlp copy() {
        Object[] p = new Object[params.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = k.copy(params[i]);
        }
        return new ScalarMlp(spec, p);
    }

    /** All parameters as one flat array in the order [W_1, b_1, ..., W_L, b_L, w, c]. */
    public double[] parameters() {
        double[] out = new double[parameterCount()];
        int pos = 0;
        for (Object a : params) {
            int n = k.length(a);
            for (int i = 0; i < n; i++) {
                out[pos++] = k.get(a, i);
            }
        }
        return out;
    }

    /** Sets all parameters from a flat array (rounded to float32 when the network is float32). */
    public void setParameters(double[] values) {
        if (values.length != parameterCount()) {
            throw new IllegalArgumentException("expected " + parameterCount() + " parameters, got " + values.length);
        }
        int pos = 0;
        for (Object a : params) {
            int n = k.length(a);
            for (int i = 0; i < n; i++) {
                k.set(a, i, values[pos++]);
            }
        }
    }

    /** The sizes of the parameter tensors, in order. */
    public int[] parameterSizes() {
        int[] s = new int[params.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = k.length(params[i]);
        }
        return s;
    }

    /** f(y_i) for every row. */
    public double[] value(double[][] y) {
        double[] out = new double[y.length];
        evaluate(y, out, null);
        return out;
    }

    /** grad_y f(y_i) for every row. */
    public double[][] score(double[][] y) {
        double[][] out = new double[y.length][width[0]];
        evaluate(y, null, out);
        return out;
    }

    /**
     * f and/or its input gradient for every row of {@code y}; either output may be null.
     * Works in chunks of at most 1024 rows so that the scratch space stays small.
     */
    public void evaluate(double[][] y, double[] valueOut, double[][] scoreOut) {
        Checks.requirePoints(y, width[0], "points");
        int chunk = Math.min(1024, y.length);
        Workspace ws = workspace(chunk);
        int d = width[0];
        for (int start = 0; start < y.length; start += chunk) {
            int rows = Math.min(chunk, y.length - start);
            k.setRows(ws.h[0], y, start, rows, d);
            ws.forward(rows, valueOut != null, scoreOut != null, false);
            if (valueOut != null) {
                ws.value(rows, valueOut, start);
            }
            if (scoreOut != null) {
                ws.backward(rows);
                k.getRows(ws.g[0], scoreOut, start, rows, d);
            }
        }
    }

    /**
     * The loss (1/B) sum_i ||grad f(y_i) - t_i||^2 and its gradient with respect to the
     * flat parameters (same order as {@link #parameters()}); for tests and small problems.
     */
    public double lossGradient(double[][] y, double[][] target, double[] gradientOut) {
        Checks.requirePoints(y, width[0], "points");
        Checks.requirePoints(target, width[0], "targets");
        Workspace ws = workspace(y.length);
        int d = width[0];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < d; j++) {
                ws.setInput(i, j, y[i][j]);
                ws.setTarget(i, j, target[i][j]);
            }
        }
        double loss = ws.lossAndGradient(y.length);
        if (gradientOut != null) {
            int pos = 0;
            for (Object a : ws.grad) {
                int n = k.length(a);
                for (int i = 0; i < n; i++) {
                    gradientOut[pos++] = k.get(a, i);
                }
            }
        }
        return loss;
    }

    /** Scratch space for batches of up to {@code maxRows} points. */
    public Workspace workspace(int maxRows) {
        return new Workspace(maxRows);
    }

    /**
     * Preallocated buffers for one batch size: inputs, targets, activations, the score, the
     * second backward pass and the parameter gradient. Reused step after step, so a training
     * step allocates nothing. Belongs to one network and one thread.
     */
    public final class Workspace {
        final int maxRows;
        final Object[] h;
        final Object[] s1;
        final Object[] s2;
        final Object[] g;
        final Object[] a;
        final Object[] gbar;
        final Object[] zbar;
        final Object[] hbar;
        final Object abar;
        final Object target;
        final Object[] grad;

        Workspace(int maxRows) {
            Checks.requireAtLeast(maxRows, 1, "maxRows");
            this.maxRows = maxRows;
            int layers = depth + 1;
            h = new Object[layers];
            s1 = new Object[layers];
            s2 = new Object[layers];
            g = new Object[layers];
            a = new Object[layers];
            gbar = new Object[layers];
            zbar = new Object[layers];
            hbar = new Object[layers];
            int maxWidth = 0;
            for (int l = 0; l <= depth; l++) {
                int n = maxRows * width[l];
                h[l] = k.alloc(n);
                g[l] = k.alloc(n);
                gbar[l] = k.alloc(n);
                hbar[l] = k.alloc(n);
                if (l > 0) {
                    s1[l] = k.alloc(n);
                    s2[l] = k.alloc(n);
                    a[l] = k.alloc(n);
                    zbar[l] = k.alloc(n);
                }
                maxWidth = Math.max(maxWidth, width[l]);
            }
            abar = k.alloc(maxRows * maxWidth);
            target = k.alloc(maxRows * width[0]);
            grad = new Object[params.length];
            for (int i = 0; i < grad.length; i++) {
                grad[i] = k.alloc(k.length(params[i]));
            }
        }

        /** The largest batch this workspace takes. */
        public int maxRows() {
            return maxRows;
        }

        /** Sets input point {@code row}, coordinate {@code col}. */
        public void setInput(int row, int col, double v) {
            k.set(h[0], row * width[0] + col, v);
        }

        /**
         * Sets inputs and targets of the first {@code rows} points from flat row-major arrays
         * ({@code rows x d}); one call instead of 2 rows d {@link #setInput}/{@link #setTarget}.
         */
        public void setBatch(double[] inputs, double[] targets, int rows) {
            int n = rows * width[0];
            for (int i = 0; i < n; i++) {
                k.set(h[0], i, inputs[i]);
            }
            if (targets != null) {
                for (int i = 0; i < n; i++) {
                    k.set(target, i, targets[i]);
                }
            }
        }

        /** Reads input point {@code row}, coordinate {@code col}. */
        public double input(int row, int col) {
            return k.get(h[0], row * width[0] + col);
        }

        /** Sets the regression target of the score at {@code row}, coordinate {@code col}. */
        public void setTarget(int row, int col, double v) {
            k.set(target, row * width[0] + col, v);
        }

        /** After {@link #lossAndGradient} or {@link #evaluate}: grad f at input {@code row}. */
        public double score(int row, int col) {
            return k.get(g[0], row * width[0] + col);
        }

        /**
         * Forward, score and second backward pass for the first {@code rows} inputs against the
         * targets set; returns the loss and leaves its parameter gradient in this workspace
         * (used by {@link Adam#step(ScalarMlp, Workspace)}).
         */
        public double lossAndGradient(int rows) {
            check(rows);
            forward(rows, false, true, true);
            backward(rows);
            double loss = k.squaredLoss(g[0], target, gbar[0], rows, width[0]);
            secondBackward(rows);
            return loss;
        }

        /** The loss of the first {@code rows} inputs against the targets set, without gradients. */
        public double loss(int rows) {
            check(rows);
            forward(rows, false, false, false);
            backward(rows);
            return k.squaredLoss(g[0], target, gbar[0], rows, width[0]);
        }

        /** f (into {@code valueOut} from {@code offset}) and the score (read with {@link #score}). */
        public void evaluate(int rows, double[] valueOut, int offset) {
            check(rows);
            forward(rows, valueOut != null, true, false);
            if (valueOut != null) {
                value(rows, valueOut, offset);
            }
            backward(rows);
        }

        /** f at the first {@code rows} inputs, forward pass only, into {@code out[offset ..]}. */
        public void values(int rows, double[] out, int offset) {
            check(rows);
            forward(rows, true, false, false);
            value(rows, out, offset);
        }

        /** The squared norm of the last parameter gradient (for divergence checks, clipping). */
        public double gradientNormSquared() {
            double s = 0;
            for (Object x : grad) {
                int n = k.length(x);
                for (int i = 0; i < n; i++) {
                    double v = k.get(x, i);
                    s += v * v;
                }
            }
            return s;
        }

        private void check(int rows) {
            if (rows < 1 || rows > maxRows) {
                throw new IllegalArgumentException("rows must be in [1, " + maxRows + "], got " + rows);
            }
        }

        void forward(int rows, boolean needLastValue, boolean needDerivative, boolean needSecond) {
            for (int l = 1; l <= depth; l++) {
                int fanIn = width[l - 1];
                int fanOut = width[l];
                boolean keep = l < depth || needLastValue;
                k.dense(h[l - 1], params[2 * l - 2], params[2 * l - 1], rows, fanIn, fanOut, h[l], spec.activation(),
                        skip[l] ? h[l - 1] : null, s1[l], needSecond ? s2[l] : null, keep);
            }
        }

        void value(int rows, double[] out, int offset) {
            k.rowDot(h[depth], params[2 * depth], k.get(params[2 * depth + 1], 0), rows, width[depth], out, offset);
        }

        void backward(int rows) {
            int top = width[depth];
            k.fillRows(g[depth], params[2 * depth], rows, top);
            for (int l = depth; l >= 1; l--) {
                int n = rows * width[l];
                k.mul(g[l], s1[l], null, a[l], n);
                // g_{l-1} = a_l W_l^T + r_l g_l   (the skip term needs equal widths)
                if (skip[l]) {
                    copyInto(g[l], g[l - 1], n);
                }
                k.gemm(false, true, rows, width[l - 1], width[l], 1, a[l], params[2 * l - 2], skip[l] ? 1 : 0, g[l - 1]);
            }
        }

        private void copyInto(Object from, Object to, int n) {
            System.arraycopy(from, 0, to, 0, n);
        }

        void secondBackward(int rows) {
            // up the score pass: A_l, dW_l (first part), G_l, Zs_l
            for (int l = 1; l <= depth; l++) {
                int fanIn = width[l - 1];
                int fanOut = width[l];
                int n = rows * fanOut;
                k.gemm(false, false, rows, fanOut, fanIn, 1, gbar[l - 1], params[2 * l - 2], 0, abar);
                k.gemm(true, false, fanIn, fanOut, rows, 1, gbar[l - 1], a[l], 0, grad[2 * l - 2]);
                k.mul(abar, s1[l], skip[l] ? gbar[l - 1] : null, gbar[l], n);
                k.mul3(abar, g[l], s2[l], null, zbar[l], n);
            }
            k.colSum(gbar[depth], rows, width[depth], grad[2 * depth]);
            k.fill(grad[2 * depth + 1], 0);
            // down the forward pass: Z_l, dW_l (second part), db_l, H_{l-1}
            for (int l = depth; l >= 1; l--) {
                int fanIn = width[l - 1];
                int fanOut = width[l];
                int n = rows * fanOut;
                if (l < depth) {
                    k.mul(hbar[l], s1[l], zbar[l], zbar[l], n);
                }
                k.gemm(true, false, fanIn, fanOut, rows, 1, h[l - 1], zbar[l], 1, grad[2 * l - 2]);
                k.colSum(zbar[l], rows, fanOut, grad[2 * l - 1]);
                if (l > 1) {
                    boolean carry = skip[l] && l < depth;
                    if (carry) {
                        copyInto(hbar[l], hbar[l - 1], rows * fanIn);
                    }
                    k.gemm(false, true, rows, fanIn, fanOut, 1, zbar[l], params[2 * l - 2], carry ? 1 : 0, hbar[l - 1]);
                }
            }
        }
    }
}
