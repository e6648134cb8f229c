package io.github.dde4j.generator;

import io.github.dde4j.core.dist.MultivariateGaussian;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Exact Gaussian. */
final class GaussianTarget implements GeneratorTarget {
    private final MultivariateGaussian g;

    GaussianTarget(MultivariateGaussian g) {
        this.g = g;
    }

    @Override
    public int dimension() {
        return g.dimension();
    }

    @Override
    public double minimumSigma() {
        return 0;
    }

    @Override
    public INDArray smoothedScore(INDArray y, double s, UniformRandomProvider rng) {
        return Kernels.toNd(g.smoothedDensity(s).score(Kernels.toRows(y)), y.dataType());
    }

    @Override
    public INDArray smoothedLogDensity(INDArray y, double s, UniformRandomProvider rng) {
        return Nd4j.createFromArray(g.smoothedDensity(s).logDensity(Kernels.toRows(y))).castTo(y.dataType());
    }

    @Override
    public Smoothed smoothed(INDArray y, double s, UniformRandomProvider rng) {
        MultivariateGaussian sm = g.smoothedDensity(s);
        double[][] rows = Kernels.toRows(y);
        return new Smoothed(Kernels.toNd(sm.score(rows), y.dataType()),
                Nd4j.createFromArray(sm.logDensity(rows)).castTo(y.dataType()));
    }

    @Override
    public double[][] referenceSamples(int n, UniformRandomProvider rng) {
        return g.sample(n, rng);
    }

    @Override
    public String describe() {
        return "gaussian(d=" + g.dimension() + ")";
    }
}
