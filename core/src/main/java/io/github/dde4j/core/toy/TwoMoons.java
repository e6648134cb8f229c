package io.github.dde4j.core.toy;

import io.github.dde4j.core.Checks;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Two interleaving half circles, as scikit-learn's {@code make_moons} but with independent random
 * points: a fair coin picks the moon, t ~ U(0, pi),
 * <pre>
 *   upper moon: (cos t, sin t),   lower moon: (1 - cos t, 1/2 - sin t),   plus N(0, noise^2 I)
 * </pre>
 * noise = 0.1 by default. There is no closed-form density.
 */
public final class TwoMoons extends PlanarToy {

    private final double noise;

    /** Modes: 0 the upper moon, 1 the lower one. */
    private TwoMoons(double noise) {
        super("moons", 2);
        Checks.requireNonNegative(noise, "noise");
        this.noise = noise;
    }

    /** Noise sd 0.1. */
    public static TwoMoons standard() {
        return new TwoMoons(0.1);
    }

    /** Custom Gaussian noise sd (>= 0; 0 puts the points on the arcs). */
    public static TwoMoons of(double noise) {
        return new TwoMoons(noise);
    }

    /** The moon whose (noise-free) arc is nearer to x. */
    @Override
    public int mode(double[] x) {
        Checks.requirePoint(x, 2, "x");
        double upper = x[1] >= 0 ? Math.abs(Math.hypot(x[0], x[1]) - 1)
                : Math.min(Math.hypot(x[0] - 1, x[1]), Math.hypot(x[0] + 1, x[1]));
        double lower = x[1] <= 0.5 ? Math.abs(Math.hypot(x[0] - 1, x[1] - 0.5) - 1)
                : Math.min(Math.hypot(x[0], x[1] - 0.5), Math.hypot(x[0] - 2, x[1] - 0.5));
        return upper <= lower ? 0 : 1;
    }

    @Override
    void drawPoint(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] out) {
        double t = rng.nextDouble() * Math.PI;
        if (rng.nextBoolean()) {
            out[0] = Math.cos(t);
            out[1] = Math.sin(t);
        } else {
            out[0] = 1 - Math.cos(t);
            out[1] = 0.5 - Math.sin(t);
        }
        out[0] += noise * gauss.sample();
        out[1] += noise * gauss.sample();
    }

    @Override
    public String toString() {
        return "TwoMoons(noise=" + noise + ")";
    }
}
