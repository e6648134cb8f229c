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
public final class TwoMoons implements Toy {

    private final double noise;

    private TwoMoons(double noise) {
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

    @Override
    public String name() {
        return "moons";
    }

    /** 2 moons: 0 upper, 1 lower. */
    @Override
    public int modeCount() {
        return 2;
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
    public double[][] sample(int n, UniformRandomProvider rng) {
        Checks.requireAtLeast(n, 0, "n");
        Checks.requireNonNull(rng, "rng");
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            double t = rng.nextDouble() * Math.PI;
            if (rng.nextBoolean()) {
                out[i][0] = Math.cos(t);
                out[i][1] = Math.sin(t);
            } else {
                out[i][0] = 1 - Math.cos(t);
                out[i][1] = 0.5 - Math.sin(t);
            }
            out[i][0] += noise * g.sample();
            out[i][1] += noise * g.sample();
        }
        return out;
    }

    @Override
    public String toString() {
        return "TwoMoons(noise=" + noise + ")";
    }
}
