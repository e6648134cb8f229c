package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.core.dist.MultivariateGaussian;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * An importance-sampling proposal q on R^d: a normalised density that can be sampled. The log
 * density must be the exact, normalised one: every error in log q goes one to one into log Z
 * (the published DDE code used the mean instead of the sum of the squared whitened coordinates
 * in a Gaussian proposal, which biases log Z low by (d/2) ln(2 - 1/d) nats).
 *
 * <p>Implementations are immutable and hold no random generator.
 *
 * @see ImportanceSamplingLogPartition
 */
public interface Proposal {

    /** The dimension d. */
    int dimension();

    /** Draws {@code n} independent points, as an {@code n x d} array. */
    double[][] sample(int n, UniformRandomProvider rng);

    /** The normalised log q(y_i) of every row. */
    double[] logDensity(double[][] y);

    /**
     * The Gaussian N(mu, Sigma):
     * log q(y) = -1/2 sum_j z_j^2 - sum_j log L_jj - (d/2) log(2 pi), z = L^-1 (y - mu), Sigma = L L^T.
     */
    static Proposal gaussian(MultivariateGaussian gaussian) {
        Checks.requireNonNull(gaussian, "gaussian");
        return new Proposal() {
            @Override
            public int dimension() {
                return gaussian.dimension();
            }

            @Override
            public double[][] sample(int n, UniformRandomProvider rng) {
                return gaussian.sample(n, rng);
            }

            @Override
            public double[] logDensity(double[][] y) {
                return gaussian.logDensity(y);
            }

            @Override
            public String toString() {
                return "Gaussian proposal " + gaussian;
            }
        };
    }

    /**
     * The multivariate Student-t with {@code nu} degrees of freedom, location mu and scale
     * matrix Sigma (see {@link StudentTProposal}); heavier tails than the Gaussian with the same
     * Sigma keep the importance weights bounded when the target's tails are heavier than Gaussian.
     */
    static Proposal studentT(double[] mean, double[][] scale, double nu) {
        return new StudentTProposal(MultivariateGaussian.of(mean, scale), nu);
    }

    /**
     * The mixture q(y) = sum_k a_k q_k(y) (a "defensive" mixture when one component has heavy
     * tails): log q = logsumexp_k (log a_k + log q_k(y)); weights are normalised to sum 1.
     */
    static Proposal mixture(double[] weights, List<Proposal> components) {
        return new MixtureProposal(weights, components);
    }

    /**
     * The data-fitted proposal described by {@code spec} ({@link ProposalSpec}): a KDE on the
     * data with bandwidth {@code kdeBandwidthFactor * sigma}, mixed with a Gaussian and a
     * Student-t of scale C = inflation * (S + sigma^2 I + ridge I) around the data mean.
     *
     * @param data  n x d, n >= 2, finite (e.g. the training data, in the density's units)
     * @param sigma the smoothing scale of the density (the DDE's noise level), >= 0
     * @param spec  the mixture's make-up
     */
    static Proposal fitted(double[][] data, double sigma, ProposalSpec spec) {
        Checks.requirePoints(data, -1, "data");
        Checks.requireNonNegative(sigma, "sigma");
        Checks.requireNonNull(spec, "spec");
        MultivariateGaussian fit = MultivariateGaussian.fit(data, sigma * sigma + spec.ridge());
        double[][] cov = fit.covariance();
        for (double[] row : cov) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= spec.inflation();
            }
        }
        MultivariateGaussian g = MultivariateGaussian.of(fit.mean(), cov);
        double a = spec.heavyTailWeight();
        Proposal parametric;
        if (a == 0) {
            parametric = gaussian(g);
        } else if (a == 1) {
            parametric = new StudentTProposal(g, spec.degreesOfFreedom());
        } else {
            parametric = mixture(new double[] {1 - a, a}, List.of(gaussian(g), new StudentTProposal(g, spec.degreesOfFreedom())));
        }
        double k = spec.kdeWeight();
        if (k == 0 || sigma == 0) {
            return parametric;
        }
        Proposal kde = new KdeProposal(Splits.evenlySpaced(data, spec.maxKdeCentres()), spec.kdeBandwidthFactor() * sigma);
        return mixture(new double[] {k, 1 - k}, List.of(kde, parametric));
    }

    /**
     * The Gaussian kernel density (1/m) sum_i N(c_i, h^2 I) on the rows of {@code centres}, a
     * proposal that matches a smoothed-data density such as a DDE's.
     */
    static Proposal kde(double[][] centres, double bandwidth) {
        return new KdeProposal(centres, bandwidth);
    }
}
