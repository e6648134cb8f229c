package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.dist.MultivariateGaussian;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The multivariate Student-t t_nu(mu, Sigma), Sigma = L L^T:
 * <pre>
 *   log q(y) = log Gamma((nu + d)/2) - log Gamma(nu/2) - (d/2) log(nu pi) - sum_j log L_jj
 *              - ((nu + d)/2) log(1 + ||L^-1 (y - mu)||^2 / nu)
 *   y = mu + L z sqrt(nu / W),   z ~ N(0, I_d),  W ~ chi^2_nu
 * </pre>
 */
final class StudentTProposal extends CheckedProposal {

    private final double nu;
    private final MultivariateGaussian shape;
    private final double[] mean;
    private final double[][] chol;
    private final double logConst;

    StudentTProposal(MultivariateGaussian shape, double nu) {
        super(shape.dimension());
        if (!(nu > 0 && nu < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("degrees of freedom must be finite and > 0, got " + nu);
        }
        this.nu = nu;
        this.shape = shape;
        this.mean = shape.mean();
        this.chol = shape.choleskyFactor();
        double sumLogDiag = 0;
        for (int j = 0; j < d; j++) {
            sumLogDiag += Math.log(chol[j][j]);
        }
        this.logConst = LogGamma.value(0.5 * (nu + d)) - LogGamma.value(0.5 * nu)
                - 0.5 * d * Math.log(nu * Math.PI) - sumLogDiag;
    }

    @Override
    double[][] draw(int n, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        // chi^2_nu = Gamma(shape nu/2, scale 2)
        org.apache.commons.rng.sampling.distribution.ContinuousSampler chi2 = AhrensDieterMarsagliaTsangGammaSampler.of(rng, 0.5 * nu, 2.0);
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = gauss.sample();
            }
            double scale = Math.sqrt(nu / chi2.sample());
            double[] row = out[i];
            for (int r = 0; r < d; r++) {
                double s = 0;
                double[] lr = chol[r];
                for (int k = 0; k <= r; k++) {
                    s += lr[k] * z[k];
                }
                row[r] = mean[r] + scale * s;
            }
        }
        return out;
    }

    @Override
    public double[] logDensity(double[][] y) {
        double[] q = shape.squaredMahalanobis(y);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = logConst - 0.5 * (nu + d) * Math.log1p(q[i] / nu);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Student-t proposal (d=" + d + ", nu=" + nu + ")";
    }
}
