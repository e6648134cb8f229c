package io.github.dde4j.dde.normalize;

/**
 * How {@link Proposal#fitted(double[][], double, ProposalSpec)} builds an importance-sampling
 * proposal from data: scale C = inflation * (S + sigma^2 I + ridge I) around the data mean, as
 * the mixture (1 - heavyTailWeight) N(mu, C) + heavyTailWeight t_nu(mu, C).
 *
 * <p>Why a defensive mixture by default: with weight a on the Student-t the weights
 * w = exp f / q are at most 1/(1 - a) times those of the pure Gaussian proposal (so the cost is
 * bounded by that factor in variance), while targets whose tails are heavier than the fitted
 * Gaussian in some direction still give weights of finite variance (bounded by exp f / (a t_nu)).
 *
 * @param inflation        factor on the covariance, >= 1 recommended (1 = as fitted)
 * @param heavyTailWeight  a in [0, 1]: 0 = pure Gaussian, 1 = pure Student-t
 * @param degreesOfFreedom nu > 2 of the Student-t component
 * @param ridge            extra variance added to the diagonal, >= 0 (guards singular data)
 */
public record ProposalSpec(double inflation, double heavyTailWeight, double degreesOfFreedom, double ridge) {

    /** Validates. */
    public ProposalSpec {
        if (!(inflation > 0 && inflation < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("inflation must be finite and > 0, got " + inflation);
        }
        if (!(heavyTailWeight >= 0 && heavyTailWeight <= 1)) {
            throw new IllegalArgumentException("heavyTailWeight must be in [0, 1], got " + heavyTailWeight);
        }
        if (!(degreesOfFreedom > 2 && degreesOfFreedom < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("degreesOfFreedom must be finite and > 2, got " + degreesOfFreedom);
        }
        if (!(ridge >= 0 && ridge < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("ridge must be finite and >= 0, got " + ridge);
        }
    }

    /** The default: inflation 1, 10% Student-t with 5 degrees of freedom, ridge 1e-9. */
    public static ProposalSpec defaults() {
        return new ProposalSpec(1.0, 0.1, 5.0, 1e-9);
    }

    /** A pure Gaussian N(mu, inflation * (S + sigma^2 I)). */
    public static ProposalSpec gaussian(double inflation) {
        return new ProposalSpec(inflation, 0.0, 5.0, 1e-9);
    }
}
