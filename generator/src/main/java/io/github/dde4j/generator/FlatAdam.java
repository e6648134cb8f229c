package io.github.dde4j.generator;

import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generator's optimiser: dde's {@link Adam} (Kingma and Ba 2015, bias-corrected, beta1 0.9,
 * beta2 0.999, eps 1e-8) on the generator's flat parameter vector, through its {@code double[]} path:
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,   t = t + 1
 *   phi -= lr_t (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * with lr_t = {@link GeneratorConfig#learningRateAt}(t - 1). The network's parameters (float32 or
 * float64) stay the master copy: each step reads them as doubles, updates in float64 and writes them
 * back rounded to the network's type, so a checkpoint (parameters, m, v, t) resumes bit for bit.
 * The moments are float64 ({@link #firstMoment()}, 1 x P); {@link #restore} also accepts the float32
 * moments of checkpoints written before this class existed (the generator's own Adam kept them in the
 * parameters' type): widening float32 to float64 is exact.
 *
 * <p>Schedules: CONSTANT and COSINE map onto dde's {@link LearningRateSchedule} (cosine from 1 to
 * {@code finalLearningRateFraction} over {@code steps}, the formula of {@code learningRateAt}). The
 * generator's STEP schedule (x0.3 at 60% and again at 85% of the run) has no dde equivalent, and dde's
 * Adam takes no per-step rate, so for STEP the optimiser is rebuilt with a constant rate and its
 * state carried over ({@link Adam#state()} / {@link Adam#restore}) at the two points where the rate
 * changes.
 */
final class FlatAdam {

    private final GeneratorConfig config;
    private final int length;
    private final double[] p;
    private final double[] g;
    private Adam adam;
    private double constantRate = Double.NaN;

    FlatAdam(GeneratorConfig config, long length) {
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many generator parameters for one array: " + length);
        }
        this.config = config;
        this.length = (int) length;
        this.p = new double[this.length];
        this.g = new double[this.length];
        this.adam = create(config.learningRateAt(0));
    }

    private Adam create(double rateForStep) {
        AdamConfig base = AdamConfig.of(config.learningRate());
        switch (config.schedule()) {
            case CONSTANT:
                return new Adam(base, config.steps());
            case COSINE:
                return new Adam(base.withSchedule(LearningRateSchedule.cosine(config.finalLearningRateFraction())),
                        config.steps());
            case STEP:
                constantRate = rateForStep;
                return new Adam(AdamConfig.of(rateForStep), config.steps());
            default:
                throw new AssertionError(config.schedule());
        }
    }

    /**
     * One step at learning rate {@code rate} instead of the schedule's (the trainer's cool-down after
     * a plateau): the optimiser is rebuilt with that constant rate when it changes, carrying its
     * moments and step count over, as the STEP schedule does at its change points.
     */
    void step(INDArray params, INDArray grad, double rate) {
        if (rate != constantRate) {
            Adam.State s = adam.state();
            adam = new Adam(AdamConfig.of(rate), config.steps());
            constantRate = rate;
            adam.restore(s, null);
        }
        apply(params, grad);
    }

    /** One update of {@code params} (1 x P, in place) with gradient {@code grad} (1 x P). */
    void step(INDArray params, INDArray grad) {
        if (config.schedule() == GeneratorConfig.Schedule.STEP) {
            double lr = config.learningRateAt(adam.steps());
            if (lr != constantRate) {
                Adam.State s = adam.state();
                adam = create(lr);
                adam.restore(s, null);
            }
        }
        apply(params, grad);
    }

    private void apply(INDArray params, INDArray grad) {
        copy(params, p);
        copy(grad, g);
        adam.step(new double[][] {p}, new double[][] {g});
        params.assign(Nd4j.create(p, params.shape(), 'c').castTo(params.dataType()));
    }

    private void copy(INDArray a, double[] out) {
        if (a.length() != length) {
            throw new IllegalArgumentException("expected " + length + " values, got " + a.length());
        }
        double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        System.arraycopy(v, 0, out, 0, length);
    }

    /** Restores m, v (1 x P, float32 or float64) and the step count t. */
    void restore(INDArray m, INDArray v, long t) {
        if (m.length() != length || v.length() != length) {
            throw new IllegalArgumentException("checkpoint Adam moments have " + m.length() + " / " + v.length()
                    + " values, expected " + length);
        }
        double[] mm = m.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] vv = v.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (config.schedule() == GeneratorConfig.Schedule.STEP) {
            adam = create(config.learningRateAt(t));
        }
        adam.restore(new Adam.State(t, new double[][] {mm}, new double[][] {vv}), null);
    }

    /** The first moment m as a float64 1 x P array (a copy). */
    INDArray firstMoment() {
        return moment(true);
    }

    /** The second moment v as a float64 1 x P array (a copy). */
    INDArray secondMoment() {
        return moment(false);
    }

    private INDArray moment(boolean first) {
        Adam.State s = adam.state();
        double[][] a = first ? s.m() : s.v();
        return Nd4j.create(a == null ? new double[length] : a[0], new long[] {1, length}, 'c');
    }

    /** Steps taken. */
    long steps() {
        return adam.steps();
    }
}
