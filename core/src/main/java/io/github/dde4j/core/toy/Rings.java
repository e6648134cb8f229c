package io.github.dde4j.core.toy;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.LogSumExp;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Concentric rings: a ring r_k chosen with equal probability, a uniform angle, plus N(0, s^2 I)
 * noise. Defaults follow the FFJORD toy set: radii 3, 2.25, 1.5, 0.75 and s = 0.08 (FFJORD spaces
 * the angles evenly; here they are i.i.d. uniform, so the sampler is exact). The density has a
 * closed form (rho = ||x||, I0 the modified Bessel function):
 * <pre>
 *   p(x) = 1/K sum_k 1/(2 pi s^2) exp(-(rho^2 + r_k^2) / (2 s^2)) I0(rho r_k / s^2)
 *   score(x) = sum_k w_k(x) (r_k I1(z_k)/I0(z_k) - rho) / s^2 * x / rho,   z_k = rho r_k / s^2
 * </pre>
 * and smoothing only adds variance: p * N(0, sigma^2 I) is the same formula with s^2 + sigma^2.
 * Evaluated with scaled Bessel functions in log space, exact to about 1e-13 relative everywhere.
 */
public final class Rings extends PlanarToy {

    private final double[] radii;
    private final double noise;

    private Rings(double[] radii, double noise) {
        super("rings", radii == null ? 0 : radii.length);
        if (radii == null || radii.length == 0) {
            throw new IllegalArgumentException("radii is null or empty");
        }
        for (int k = 0; k < radii.length; k++) {
            Checks.requirePositive(radii[k], "radii[" + k + "]");
        }
        this.radii = radii.clone();
        this.noise = Checks.requirePositive(noise, "noise");
    }

    /** Radii 3, 2.25, 1.5, 0.75; noise 0.08. */
    public static Rings standard() {
        return new Rings(new double[] {3.0, 2.25, 1.5, 0.75}, 0.08);
    }

    /** Custom radii (> 0, equal weights) and noise sd (> 0). */
    public static Rings of(double[] radii, double noise) {
        return new Rings(radii, noise);
    }

    public double[] radii() {
        return radii.clone();
    }

    public double noise() {
        return noise;
    }

    /** The ring whose radius is nearest to ||x||. */
    @Override
    public int mode(double[] x) {
        Checks.requirePoint(x, 2, "x");
        double rho = Math.hypot(x[0], x[1]);
        int best = 0;
        for (int k = 1; k < radii.length; k++) {
            if (Math.abs(rho - radii[k]) < Math.abs(rho - radii[best])) {
                best = k;
            }
        }
        return best;
    }

    @Override
    void drawPoint(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] out) {
        double r = radii[rng.nextInt(radii.length)];
        double a = rng.nextDouble() * 2 * Math.PI;
        out[0] = r * Math.cos(a) + noise * gauss.sample();
        out[1] = r * Math.sin(a) + noise * gauss.sample();
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public Density density() {
        return new RingDensity(radii, noise * noise);
    }

    @Override
    public Density smoothedDensity(double sigma) {
        Checks.requirePositive(sigma, "sigma");
        return new RingDensity(radii, noise * noise + sigma * sigma);
    }

    private static final class RingDensity extends ScoredDensity {
        private final double[] radii;
        private final double var;

        RingDensity(double[] radii, double var) {
            this.radii = radii;
            this.var = var;
        }

        @Override
        double eval(double[] x, double[] grad) {
            int k = radii.length;
            double rho = Math.hypot(x[0], x[1]);
            double[] lt = new double[k];
            double logConst = -Math.log(k) - Math.log(2 * Math.PI * var);
            for (int c = 0; c < k; c++) {
                double r = radii[c];
                double z = rho * r / var;
                // exp(-(rho^2 + r^2)/(2v)) I0(z) = exp(-(rho - r)^2/(2v)) e^-z I0(z)
                lt[c] = logConst - (rho - r) * (rho - r) / (2 * var) + SpecialFunctions.logScaledBesselI0(z);
            }
            double lse = LogSumExp.of(lt);
            if (grad != null && rho > 0) {
                double dRho = 0;
                for (int c = 0; c < k; c++) {
                    double w = Math.exp(lt[c] - lse);
                    double r = radii[c];
                    dRho += w * (r * SpecialFunctions.besselRatioI1I0(rho * r / var) - rho) / var;
                }
                grad[0] = dRho * x[0] / rho;
                grad[1] = dRho * x[1] / rho;
            }
            return lse;
        }
    }

    @Override
    public String toString() {
        return "Rings(radii=" + Arrays.toString(radii) + ", noise=" + noise + ")";
    }
}
