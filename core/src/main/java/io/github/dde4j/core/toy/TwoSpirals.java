package io.github.dde4j.core.toy;

import io.github.dde4j.core.Checks;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Two interleaved spirals, as in the FFJORD toy set (Grathwohl et al. 2019): with U, U1, U2 ~ U(0,1),
 * a fair sign s and t = sqrt(U) * 3 pi (540 degrees),
 * <pre>
 *   x = s * ( -t cos t + J U1,  t sin t + J U2 ) / 3  +  N(0, noise^2 I)
 * </pre>
 * with uniform jitter J = 0.5 and noise = 0.1 by default. There is no closed-form density.
 */
public final class TwoSpirals implements Toy {

    private final double jitter;
    private final double noise;

    private TwoSpirals(double jitter, double noise) {
        if (!(jitter >= 0 && jitter < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("jitter must be finite and >= 0, got " + jitter);
        }
        if (!(noise >= 0 && noise < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        this.jitter = jitter;
        this.noise = noise;
    }

    /** Jitter 0.5, noise 0.1. */
    public static TwoSpirals standard() {
        return new TwoSpirals(0.5, 0.1);
    }

    /** Custom uniform jitter and Gaussian noise sd (both >= 0; 0 gives points on the curves). */
    public static TwoSpirals of(double jitter, double noise) {
        return new TwoSpirals(jitter, noise);
    }

    @Override
    public String name() {
        return "2spirals";
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        Checks.requireAtLeast(n, 0, "n");
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            double t = Math.sqrt(rng.nextDouble()) * 3 * Math.PI;
            double s = rng.nextBoolean() ? 1.0 : -1.0;
            double a = -t * Math.cos(t) + jitter * rng.nextDouble();
            double b = t * Math.sin(t) + jitter * rng.nextDouble();
            out[i][0] = s * a / 3 + noise * g.sample();
            out[i][1] = s * b / 3 + noise * g.sample();
        }
        return out;
    }

    @Override
    public String toString() {
        return "TwoSpirals(jitter=" + jitter + ", noise=" + noise + ")";
    }
}
