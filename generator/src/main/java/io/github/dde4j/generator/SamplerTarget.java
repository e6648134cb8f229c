package io.github.dde4j.generator;

import org.apache.commons.rng.UniformRandomProvider;

/** Fresh draws of an exact sampler. */
final class SamplerTarget extends ReferenceTarget {
    private final io.github.dde4j.core.Sampler sampler;

    SamplerTarget(io.github.dde4j.core.Sampler sampler, int referenceSize) {
        super(sampler.dimension(), referenceSize);
        this.sampler = sampler;
    }

    @Override
    double[][] draw(int n, UniformRandomProvider rng) {
        return sampler.sample(n, rng);
    }

    @Override
    public String describe() {
        return "sampler-kde(" + sampler.getClass().getSimpleName() + ", d=" + d + ", reference " + size + ")";
    }
}
