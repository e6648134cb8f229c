package io.github.dde4j.dde.nn;

import io.github.dde4j.core.Checks;
import io.github.dde4j.dde.internal.Blas;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Adam optimiser with a learning-rate schedule. At step t = 1, 2, ... with gradient g:
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,
 *   p = p - lr_t (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps),   lr_t = lr * schedule.factor(t - 1, T).
 * </pre>
 * One instance follows one fixed list of parameter tensors, given as a {@link ScalarMlp}
 * (fast path), as ND4J arrays, or as {@code double[]}s; its moments are created on the
 * first step. Mutable, single-threaded. {@link #state()} / {@link #restore(State, ScalarMlp)} save and
 * restore everything needed to continue bit for bit.
 */
public final class Adam {

    private final AdamConfig config;
    private final long totalSteps;
    private long t;
    /** Cool-down: from step coolFrom the rate decays (cosine) to 0 over coolLength steps; 0 = none. */
    private long coolFrom;
    private long coolLength;
    private Object[] m;
    private Object[] v;
    private INDArray[] mNd;
    private INDArray[] vNd;

    /**
     * @param config     hyperparameters
     * @param totalSteps the run length T the schedule refers to (ignored by CONSTANT and STEP)
     */
    public Adam(AdamConfig config, long totalSteps) {
        Checks.requireNonNull(config, "config");
        this.config = config;
        this.totalSteps = totalSteps;
    }

    /** The hyperparameters. */
    public AdamConfig config() {
        return config;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    /** The learning rate the next step will use. */
    public double learningRate() {
        if (coolFrom > 0 && t >= coolFrom) {
            double start = config.learningRate() * config.schedule().factor(coolFrom, totalSteps);
            double done = Math.min(1.0, (double) (t - coolFrom) / coolLength);
            return start * 0.5 * (1 + Math.cos(Math.PI * done));
        }
        return config.learningRate() * config.schedule().factor(t, totalSteps);
    }

    /**
     * From step {@code fromStep} on, the rate decays from the schedule's rate at that step to 0 over
     * {@code length} steps (half a cosine): the end of a run whose length a plateau rule decided.
     *
     * @param fromStep the first step of the decay (> 0)
     * @param length   its length in steps (> 0)
     */
    public void coolDown(long fromStep, long length) {
        if (fromStep <= 0 || length <= 0) {
            throw new IllegalArgumentException("cool-down needs fromStep > 0 and length > 0, got " + fromStep + ", " + length);
        }
        this.coolFrom = fromStep;
        this.coolLength = length;
    }

    /** One step of {@code net}'s parameters with the gradient left in {@code ws}. */
    public void step(ScalarMlp net, ScalarMlp.Workspace ws) {
        Blas k = net.k;
        if (m == null) {
            m = new Object[net.params.length];
            v = new Object[net.params.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = k.alloc(k.length(net.params[i]));
                v[i] = k.alloc(k.length(net.params[i]));
            }
        }
        double lr = learningRate();
        t++;
        double c1 = 1 - Math.pow(config.beta1(), t);
        double c2 = 1 - Math.pow(config.beta2(), t);
        for (int i = 0; i < m.length; i++) {
            k.adam(net.params[i], ws.grad[i], m[i], v[i], k.length(net.params[i]), lr, config.beta1(), config.beta2(),
                    config.epsilon(), c1, c2);
        }
    }

    /** One step of plain double arrays: {@code params[i] -= ...} with gradient {@code grads[i]}. */
    public void step(double[][] params, double[][] grads) {
        if (m == null) {
            m = new Object[params.length];
            v = new Object[params.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = new double[params[i].length];
                v[i] = new double[params[i].length];
            }
        }
        double lr = learningRate();
        t++;
        double c1 = 1 - Math.pow(config.beta1(), t);
        double c2 = 1 - Math.pow(config.beta2(), t);
        for (int i = 0; i < params.length; i++) {
            Blas.F64.adam(params[i], grads[i], m[i], v[i], params[i].length, lr, config.beta1(), config.beta2(),
                    config.epsilon(), c1, c2);
        }
    }

    /**
     * One step of ND4J parameter arrays, updated in place (any shapes; gradients of the same
     * shapes and data type). Uses a few ND4J operations per tensor.
     */
    public void step(List<INDArray> params, List<INDArray> grads) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(params.size() + " parameters but " + grads.size() + " gradients");
        }
        if (mNd == null) {
            mNd = new INDArray[params.size()];
            vNd = new INDArray[params.size()];
            for (int i = 0; i < mNd.length; i++) {
                mNd[i] = params.get(i).ulike().assign(0);
                vNd[i] = params.get(i).ulike().assign(0);
            }
        }
        double lr = learningRate();
        t++;
        double c1 = 1 - Math.pow(config.beta1(), t);
        double c2 = 1 - Math.pow(config.beta2(), t);
        for (int i = 0; i < mNd.length; i++) {
            INDArray g = grads.get(i);
            mNd[i].muli(config.beta1()).addi(g.mul(1 - config.beta1()));
            vNd[i].muli(config.beta2()).addi(g.mul(g).muli(1 - config.beta2()));
            INDArray denom = Transforms.sqrt(vNd[i].div(c2), false).addi(config.epsilon());
            params.get(i).subi(mNd[i].div(denom).muli(lr / c1));
        }
    }

    /** Everything Adam remembers: step count and both moments (as doubles; exact for float32). */
    public record State(long step, double[][] m, double[][] v) {
        public State {
            m = m == null ? null : deepCopy(m);
            v = v == null ? null : deepCopy(v);
        }

        @Override
        public double[][] m() {
            return m == null ? null : deepCopy(m);
        }

        @Override
        public double[][] v() {
            return v == null ? null : deepCopy(v);
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }

    /** A snapshot of the optimiser state. */
    public State state() {
        if (mNd != null) {
            return new State(t, toDoubles(mNd), toDoubles(vNd));
        }
        if (m == null) {
            return new State(t, null, null);
        }
        return new State(t, toDoubles(m), toDoubles(v));
    }

    /**
     * Restores a snapshot taken from an optimiser of the same parameters. {@code net} gives
     * the precision of the moments (null for the double[] path).
     */
    public void restore(State s, ScalarMlp net) {
        t = s.step();
        if (s.m == null) {
            m = null;
            v = null;
            return;
        }
        Blas k = net == null ? Blas.F64 : net.k;
        m = fromDoubles(s.m, k);
        v = fromDoubles(s.v, k);
    }

    private static double[][] toDoubles(Object[] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i] instanceof float[] f) {
                out[i] = new double[f.length];
                for (int j = 0; j < f.length; j++) {
                    out[i][j] = f[j];
                }
            } else if (a[i] instanceof INDArray nd) {
                out[i] = nd.dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
            } else {
                out[i] = ((double[]) a[i]).clone();
            }
        }
        return out;
    }

    private static Object[] fromDoubles(double[][] a, Blas k) {
        Object[] out = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = k.alloc(a[i].length);
            for (int j = 0; j < a[i].length; j++) {
                k.set(out[i], j, a[i][j]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Adam" + Arrays.asList(config.learningRate(), config.beta1(), config.beta2()) + " step " + t;
    }
}
