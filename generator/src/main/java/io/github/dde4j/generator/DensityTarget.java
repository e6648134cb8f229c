package io.github.dde4j.generator;

import io.github.dde4j.core.Density;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Any density with a score. */
final class DensityTarget extends MonteCarloSmoothed {
    private final Density p;

    DensityTarget(Density p, int mc) {
        super(0.0, mc);
        this.p = p;
    }

    @Override
    INDArray baseValue(INDArray u) {
        return Nd4j.createFromArray(p.logDensity(Kernels.toRows(u))).castTo(u.dataType());
    }

    @Override
    INDArray baseScore(INDArray u) {
        return Kernels.toNd(p.score(Kernels.toRows(u)), u.dataType());
    }

    @Override
    public int dimension() {
        return p.dimension();
    }

    @Override
    public double[][] referenceSamples(int n, UniformRandomProvider rng) {
        return p instanceof io.github.dde4j.core.Sampler s ? s.sample(n, rng) : null;
    }

    @Override
    public String describe() {
        return "density(" + p.getClass().getSimpleName() + ", d=" + p.dimension() + ")";
    }
}
