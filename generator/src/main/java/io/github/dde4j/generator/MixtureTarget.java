package io.github.dde4j.generator;

import io.github.dde4j.core.dist.GaussianMixture;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Exact Gaussian mixture, convolved per level (cached). */
final class MixtureTarget implements GeneratorTarget {
    private final GaussianMixture mixture;
    private final Map<Double, GaussianMixture> cache = new HashMap<>();

    MixtureTarget(GaussianMixture mixture) {
        this.mixture = mixture;
    }

    private synchronized GaussianMixture at(double s) {
        return cache.computeIfAbsent(s, mixture::convolved);
    }

    @Override
    public int dimension() {
        return mixture.dimension();
    }

    @Override
    public double minimumSigma() {
        return 0;
    }

    @Override
    public INDArray smoothedScore(INDArray y, double s, UniformRandomProvider rng) {
        return Kernels.toNd(at(s).score(Kernels.toRows(y)), y.dataType());
    }

    @Override
    public INDArray smoothedLogDensity(INDArray y, double s, UniformRandomProvider rng) {
        return Nd4j.createFromArray(at(s).logDensity(Kernels.toRows(y))).castTo(y.dataType());
    }

    @Override
    public Smoothed smoothed(INDArray y, double s, UniformRandomProvider rng) {
        GaussianMixture m = at(s);
        double[][] rows = Kernels.toRows(y);
        return new Smoothed(Kernels.toNd(m.score(rows), y.dataType()),
                Nd4j.createFromArray(m.logDensity(rows)).castTo(y.dataType()));
    }

    @Override
    public double[][] referenceSamples(int n, UniformRandomProvider rng) {
        return mixture.sample(n, rng);
    }

    @Override
    public String describe() {
        return "gaussian-mixture(" + mixture.components() + " components, d=" + mixture.dimension() + ")";
    }
}
