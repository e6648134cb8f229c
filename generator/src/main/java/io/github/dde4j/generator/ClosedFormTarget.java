package io.github.dde4j.generator;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.Sampler;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exact target whose density smoothed at each level is closed form (a Gaussian, a Gaussian
 * mixture: the components' covariances grow by s^2 I); scores and log densities come from that
 * density, built once per level and cached.
 */
final class ClosedFormTarget implements GeneratorTarget {
    private final Sampler target;
    private final DoubleFunction<? extends Density> smoothing;
    private final String description;
    private final Map<Double, Density> cache = new HashMap<>();

    /**
     * @param target      the density's sampler (reference samples)
     * @param smoothing   the density convolved with N(0, s^2 I), for each level s
     * @param description what {@link #describe()} says
     */
    ClosedFormTarget(Sampler target, DoubleFunction<? extends Density> smoothing, String description) {
        this.target = target;
        this.smoothing = smoothing;
        this.description = description;
    }

    private synchronized Density at(double s) {
        return cache.computeIfAbsent(s, smoothing::apply);
    }

    @Override
    public int dimension() {
        return target.dimension();
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
        Density m = at(s);
        double[][] rows = Kernels.toRows(y);
        return new Smoothed(Kernels.toNd(m.score(rows), y.dataType()),
                Nd4j.createFromArray(m.logDensity(rows)).castTo(y.dataType()));
    }

    @Override
    public double[][] referenceSamples(int n, UniformRandomProvider rng) {
        return target.sample(n, rng);
    }

    @Override
    public String describe() {
        return description;
    }
}
