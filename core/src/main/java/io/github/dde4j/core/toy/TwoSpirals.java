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
public final class TwoSpirals extends PlanarToy {

    private final double jitter;
    private final double noise;
    /** The arm s = +1's centre curve at 3001 values of t, for {@link #mode(double[])}. */
    private final double[] curveX;
    private final double[] curveY;

    /** Modes: 0 the arm s = +1, 1 the arm s = -1. */
    private TwoSpirals(double jitter, double noise) {
        super("2spirals", 2);
        Checks.requireNonNegative(jitter, "jitter");
        Checks.requireNonNegative(noise, "noise");
        this.jitter = jitter;
        this.noise = noise;
        int steps = 3000;
        this.curveX = new double[steps + 1];
        this.curveY = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            double t = 3 * Math.PI * k / steps;
            curveX[k] = (-t * Math.cos(t) + jitter / 2) / 3;
            curveY[k] = (t * Math.sin(t) + jitter / 2) / 3;
        }
    }

    /** Jitter 0.5, noise 0.1. */
    public static TwoSpirals standard() {
        return new TwoSpirals(0.5, 0.1);
    }

    /** Custom uniform jitter and Gaussian noise sd (both >= 0; 0 gives points on the curves). */
    public static TwoSpirals of(double jitter, double noise) {
        return new TwoSpirals(jitter, noise);
    }

    /**
     * The arm whose centre curve s (-t cos t + J/2, t sin t + J/2) / 3 (mean jitter included),
     * t in [0, 3 pi], passes nearer to x; the distance is minimised over 3000 values of t.
     */
    @Override
    public int mode(double[] x) {
        Checks.requirePoint(x, 2, "x");
        double best0 = Double.POSITIVE_INFINITY;
        double best1 = Double.POSITIVE_INFINITY;
        for (int k = 0; k < curveX.length; k++) {
            double cx = curveX[k];
            double cy = curveY[k];
            double d0 = (x[0] - cx) * (x[0] - cx) + (x[1] - cy) * (x[1] - cy);
            double d1 = (x[0] + cx) * (x[0] + cx) + (x[1] + cy) * (x[1] + cy);
            best0 = Math.min(best0, d0);
            best1 = Math.min(best1, d1);
        }
        return best0 <= best1 ? 0 : 1;
    }

    @Override
    void drawPoint(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] out) {
        double t = Math.sqrt(rng.nextDouble()) * 3 * Math.PI;
        double s = rng.nextBoolean() ? 1.0 : -1.0;
        double a = -t * Math.cos(t) + jitter * rng.nextDouble();
        double b = t * Math.sin(t) + jitter * rng.nextDouble();
        out[0] = s * a / 3 + noise * gauss.sample();
        out[1] = s * b / 3 + noise * gauss.sample();
    }

    @Override
    public String toString() {
        return "TwoSpirals(jitter=" + jitter + ", noise=" + noise + ")";
    }
}
