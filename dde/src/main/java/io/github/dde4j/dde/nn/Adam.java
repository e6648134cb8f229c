package io.github.dde4j.dde.nn;

import io.github.dde4j.core.Checks;
import io.github.dde4j.dde.internal.Blas;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Adam optimiser with a learning-rate schedule. At step t = 1, 2, ... with gradient g:
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,
 *   p = p - lr_t (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps),   lr_t = lr * schedule.factor(t - 1, T).
 * </pre>
 * One instance follows one fixed list of parameter tensors, given as a {@link ScalarMlp}
 * (fast path), as {@code double[]}s, or as one flat ND4J vector (the generator's); its moments are
 * created on the first step. A caller with its own schedule passes each step's rate
 * ({@link #step(double[][], double[][], double)}, {@link #step(INDArray, INDArray, double)}).
 * Mutable, single-threaded. {@link #state()} / {@link #restore(State, ScalarMlp)} save and
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
        step(params, grads, learningRate());
    }

    /**
     * One step of plain double arrays at {@code learningRate} instead of the schedule's (and any
     * cool-down's): for a caller that keeps its own schedule.
     */
    public void step(double[][] params, double[][] grads, double learningRate) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException(params.length + " parameter arrays but " + grads.length + " gradients");
        }
        if (m == null) {
            m = new Object[params.length];
            v = new Object[params.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = new double[params[i].length];
                v[i] = new double[params[i].length];
            }
        }
        t++;
        double c1 = 1 - Math.pow(config.beta1(), t);
        double c2 = 1 - Math.pow(config.beta2(), t);
        for (int i = 0; i < params.length; i++) {
            if (grads[i].length != params[i].length || ((double[]) m[i]).length != params[i].length) {
                throw new IllegalArgumentException("parameter array " + i + " has " + params[i].length + " values, its gradient "
                        + grads[i].length + ", the moments " + ((double[]) m[i]).length);
            }
            Blas.F64.adam(params[i], grads[i], m[i], v[i], params[i].length, learningRate, config.beta1(), config.beta2(),
                    config.epsilon(), c1, c2);
        }
    }

    /**
     * One step of a flat ND4J parameter vector (float32 or float64, updated in place) with a
     * gradient of the same length, at {@code learningRate}. The update is computed in float64
     * on a copy (moments float64) and written back rounded to the vector's type: the vector stays
     * the master copy, and {@link #state()} with the vector resumes bit for bit.
     */
    public void step(INDArray params, INDArray grad, double learningRate) {
        if (params.length() != grad.length()) {
            throw new IllegalArgumentException(params.length() + " parameters but " + grad.length() + " gradients");
        }
        double[] p = params.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] g = grad.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        step(new double[][] {p}, new double[][] {g}, learningRate);
        params.assign(Nd4j.create(p, params.shape(), 'c').castTo(params.dataType()));
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
