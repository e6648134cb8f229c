package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.dde.ScalarField;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Shared Monte Carlo smoothing of a base log density f with score (at base level s0). */
abstract class MonteCarloSmoothed implements GeneratorTarget {
    final int mc;
    final double s0;

    MonteCarloSmoothed(double s0, int mc) {
        this.s0 = s0;
        this.mc = Checks.requireAtLeast(mc, 1, "mcSamples");
    }

    abstract INDArray baseValue(INDArray u);

    abstract INDArray baseScore(INDArray u);

    /**
     * f and grad f at the same points; a network base overrides it to answer both from one pass.
     * The values are a length-n vector of u's data type, the scores n x d.
     */
    ScalarField.ValueAndGradient baseValueAndScore(INDArray u) {
        return new ScalarField.ValueAndGradient(baseValue(u), baseScore(u));
    }

    @Override
    public double minimumSigma() {
        return s0;
    }

    private boolean atBase(double s) {
        return Math.abs(s - s0) <= 1e-9 * Math.max(1, s0);
    }

    /** mc stacked copies of y plus tau-noise: (mc * n) x d, copy m in rows m*n .. m*n+n-1. */
    private INDArray draws(INDArray y, double s, UniformRandomProvider rng) {
        if (s < s0 && !atBase(s)) {
            throw new IllegalArgumentException("noise level " + s + " is below the target's own level " + s0
                    + "; a DDE fitted at sigma " + s0 + " cannot be sharpened");
        }
        double tau = Math.sqrt(Math.max(0, s * s - s0 * s0));
        int n = y.rows();
        int d = y.columns();
        float[] buf = new float[mc * n * d];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (float) (tau * g.sample());
        }
        INDArray noise = Nd4j.createFromArray(buf).reshape(mc * n, d).castTo(y.dataType());
        return Nd4j.concat(0, java.util.Collections.nCopies(mc, y).toArray(new INDArray[0])).addi(noise);
    }

    @Override
    public INDArray smoothedScore(INDArray y, double s, UniformRandomProvider rng) {
        if (atBase(s)) {
            return baseScore(y);
        }
        int n = y.rows();
        ScalarField.ValueAndGradient vg = baseValueAndScore(draws(y, s, rng));
        INDArray v = vg.value().reshape(mc, n);
        INDArray g = vg.gradient().reshape(mc, n, y.columns());
        INDArray w = softmaxColumns(v);
        return g.muli(w.reshape(mc, n, 1).broadcast(mc, n, y.columns())).sum(0);
    }

    @Override
    public INDArray smoothedLogDensity(INDArray y, double s, UniformRandomProvider rng) {
        if (atBase(s)) {
            return baseValue(y);
        }
        int n = y.rows();
        return logMeanExpColumns(baseValue(draws(y, s, rng)).reshape(mc, n));
    }

    /**
     * One set of draws u_m and one evaluation of f and grad f on them: the softmax weights of the
     * score and the logmeanexp of the log density come from the same values f(u_m).
     */
    @Override
    public Smoothed smoothed(INDArray y, double s, UniformRandomProvider rng) {
        if (atBase(s)) {
            ScalarField.ValueAndGradient vg = baseValueAndScore(y);
            return new Smoothed(vg.gradient(), vg.value());
        }
        int n = y.rows();
        ScalarField.ValueAndGradient vg = baseValueAndScore(draws(y, s, rng));
        INDArray v = vg.value().reshape(mc, n);
        INDArray log = logMeanExpColumns(v);
        INDArray g = vg.gradient().reshape(mc, n, y.columns());
        INDArray w = softmaxColumns(v);
        return new Smoothed(g.muli(w.reshape(mc, n, 1).broadcast(mc, n, y.columns())).sum(0), log);
    }

    /** log mean_m exp(v[m, i]) per column i of an mc x n array (max-shifted; v is not modified). */
    private static INDArray logMeanExpColumns(INDArray v) {
        INDArray max = v.max(0);
        INDArray e = Transforms.exp(v.subRowVector(max), false);
        return Transforms.log(e.mean(0), false).addi(max);
    }

    /** softmax over axis 0 of an mc x n array. */
    private static INDArray softmaxColumns(INDArray v) {
        INDArray max = v.max(0);
        INDArray e = Transforms.exp(v.subRowVector(max), false);
        return e.diviRowVector(e.sum(0));
    }
}
