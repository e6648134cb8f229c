package io.github.dde4j.core.toy;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * What the point-by-point toys share: the registry name, the mode count and the sampling loop
 * (argument checks, output layout, one Gaussian source for the noise). A toy only says how one
 * point is drawn.
 */
abstract class PlanarToy implements Toy {

    private final String name;
    private final int modeCount;

    PlanarToy(String name, int modeCount) {
        this.name = name;
        this.modeCount = modeCount;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int modeCount() {
        return modeCount;
    }

    @Override
    public final double[][] sample(int n, UniformRandomProvider rng) {
        Checks.requireAtLeast(n, 0, "n");
        Checks.requireNonNull(rng, "rng");
        // creating the Gaussian source draws nothing, so toys without noise see the same stream
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            drawPoint(rng, gauss, out[i]);
        }
        return out;
    }

    /** Writes one sample into {@code out} (length 2, zeros), drawing from rng and, for noise, gauss. */
    abstract void drawPoint(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] out);

    /**
     * A planar density whose log density and score come from one evaluation,
     * {@link #eval(double[], double[])}; the point checks and the batch loop live here.
     */
    abstract static class ScoredDensity implements Density {

        @Override
        public final int dimension() {
            return 2;
        }

        @Override
        public final double logDensity(double[] x) {
            Checks.requirePoint(x, 2, "x");
            return eval(x, null);
        }

        @Override
        public final boolean hasScore() {
            return true;
        }

        @Override
        public final double[][] score(double[][] xs) {
            Checks.requirePoints(xs, 2, "points");
            double[][] out = new double[xs.length][2];
            for (int i = 0; i < xs.length; i++) {
                eval(xs[i], out[i]);
            }
            return out;
        }

        /** log p(x); if {@code grad} is not null (zeros on entry) it also receives the score. */
        abstract double eval(double[] x, double[] grad);
    }
}
