package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;

/**
 * How {@link Proposal#fitted(double[][], double, ProposalSpec)} builds an importance-sampling
 * proposal from data (mean mu, sample covariance S) and the target's smoothing scale sigma:
 * <pre>
 *   C = inflation * (S + sigma^2 I + ridge I)
 *   q = kdeWeight * KDE(centres, h = kdeBandwidthFactor * sigma)
 *     + (1 - kdeWeight) * [ (1 - heavyTailWeight) N(mu, C) + heavyTailWeight t_nu(mu, C) ]
 * </pre>
 * where KDE is the Gaussian kernel density on at most {@code maxKdeCentres} rows of the data
 * (all of them when there are fewer; evenly strided otherwise). The KDE part is left out when
 * {@code kdeWeight = 0} or sigma = 0.
 *
 * <p>Why a defensive mixture by default: every component with weight a bounds the weights
 * w = exp f / q by (exp f / q_k) / a, so mixing costs at most a factor 1/a in weight variance
 * against the best component alone, while each component covers a way the target can look:
 * the KDE part matches a DDE's spiky smoothed-data density when sigma is small against the data's
 * spread (where one Gaussian misses most of the mass in high dimension), the Gaussian part matches
 * a smooth, unimodal target, and the Student-t part keeps the weights of finite variance when the
 * target's tails are heavier than Gaussian.
 *
 * @param inflation          factor on the covariance, >= 1 recommended (1 = as fitted)
 * @param heavyTailWeight    share of the Student-t inside the parametric part, in [0, 1]
 * @param degreesOfFreedom   nu > 2 of the Student-t component
 * @param ridge              extra variance added to the diagonal, >= 0 (guards singular data)
 * @param kdeWeight          weight of the KDE component, in [0, 1)
 * @param kdeBandwidthFactor h / sigma of the KDE component, > 0 (slightly above 1)
 * @param maxKdeCentres      the most data rows used as KDE centres, >= 1 (cost per proposal
 *                           density evaluation is O(centres * d))
 */
public record ProposalSpec(double inflation, double heavyTailWeight, double degreesOfFreedom, double ridge,
                           double kdeWeight, double kdeBandwidthFactor, int maxKdeCentres) {

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
        Checks.requireNonNegative(ridge, "ridge");
        if (!(kdeWeight >= 0 && kdeWeight < 1)) {
            throw new IllegalArgumentException("kdeWeight must be in [0, 1), got " + kdeWeight);
        }
        if (!(kdeBandwidthFactor > 0 && kdeBandwidthFactor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("kdeBandwidthFactor must be finite and > 0, got " + kdeBandwidthFactor);
        }
        Checks.requireAtLeast(maxKdeCentres, 1, "maxKdeCentres");
    }

    /** The parametric part only (no KDE component). */
    public ProposalSpec(double inflation, double heavyTailWeight, double degreesOfFreedom, double ridge) {
        this(inflation, heavyTailWeight, degreesOfFreedom, ridge, 0.0, 1.25, 1000);
    }

    /**
     * The default: half KDE on up to 1000 data rows with h = 1.25 sigma, half
     * 0.9 N(mu, S + sigma^2 I) + 0.1 t_5(mu, S + sigma^2 I); ridge 1e-9.
     */
    public static ProposalSpec defaults() {
        return new ProposalSpec(1.0, 0.1, 5.0, 1e-9, 0.5, 1.25, 1000);
    }

    /** Gaussian and Student-t only: 0.9 N(mu, C) + 0.1 t_5(mu, C), for targets that are not smoothed data. */
    public static ProposalSpec parametric() {
        return new ProposalSpec(1.0, 0.1, 5.0, 1e-9);
    }

    /** A pure Gaussian N(mu, inflation * (S + sigma^2 I)). */
    public static ProposalSpec gaussian(double inflation) {
        return new ProposalSpec(inflation, 0.0, 5.0, 1e-9);
    }

    /** A copy with another KDE weight (0 leaves the KDE component out). */
    public ProposalSpec withKdeWeight(double weight) {
        return new ProposalSpec(inflation, heavyTailWeight, degreesOfFreedom, ridge, weight, kdeBandwidthFactor, maxKdeCentres);
    }
}
