package io.github.dde4j.core.toy;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.dist.GaussianMixture;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Eight Gaussians: an equal-weight mixture of N(c_k, s^2 I) with centres on a circle,
 * c_k = R (cos(k pi/4), sin(k pi/4)), k = 0..7. The defaults R = 2, s = 0.2 match the PyTorch
 * reference (docs/method.md, "Toy problems"). Density and smoothed density are exact
 * Gaussian mixtures: p * N(0, sigma^2 I) has component variance s^2 + sigma^2.
 */
public final class EightGaussians implements Toy {

    /** Default circle radius. */
    public static final double DEFAULT_RADIUS = 2.0;
    /** Default component standard deviation. */
    public static final double DEFAULT_SD = 0.2;

    private final double radius;
    private final double sd;
    private final GaussianMixture mixture;

    private EightGaussians(double radius, double sd) {
        this.radius = Checks.requirePositive(radius, "radius");
        this.sd = Checks.requirePositive(sd, "sd");
        this.mixture = GaussianMixture.equalWeights(centres(radius), sd);
    }

    /** Radius 2, component sd 0.2. */
    public static EightGaussians standard() {
        return new EightGaussians(DEFAULT_RADIUS, DEFAULT_SD);
    }

    /** Custom radius and component sd (both finite and > 0). */
    public static EightGaussians of(double radius, double sd) {
        return new EightGaussians(radius, sd);
    }

    /** The eight centres R (cos(k pi/4), sin(k pi/4)). */
    public static double[][] centres(double radius) {
        double[][] c = new double[8][2];
        for (int k = 0; k < 8; k++) {
            double a = k * Math.PI / 4;
            c[k][0] = radius * Math.cos(a);
            c[k][1] = radius * Math.sin(a);
        }
        return c;
    }

    public double radius() {
        return radius;
    }

    public double sd() {
        return sd;
    }

    /** The distribution as a {@link GaussianMixture}. */
    public GaussianMixture mixture() {
        return mixture;
    }

    @Override
    public String name() {
        return "8gaussians";
    }

    /** 8. */
    @Override
    public int modeCount() {
        return 8;
    }

    /** The nearest centre: the 45-degree sector of the point's angle. */
    @Override
    public int mode(double[] x) {
        Checks.requirePoint(x, 2, "x");
        return Math.floorMod((int) Math.round(Math.atan2(x[1], x[0]) / (Math.PI / 4)), 8);
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        return mixture.sample(n, rng);
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public GaussianMixture density() {
        return mixture;
    }

    @Override
    public GaussianMixture smoothedDensity(double sigma) {
        return mixture.convolved(sigma);
    }

    @Override
    public String toString() {
        return "EightGaussians(radius=" + radius + ", sd=" + sd + ")";
    }
}
