package io.github.dde4j.kde;

import java.util.Objects;

/**
 * The hyperparameters of a {@link GaussianKde}, as a validated record that round-trips through
 * Jackson unchanged.
 *
 * @param rule      how the kernel covariance is chosen
 * @param bandwidth for {@link BandwidthRule#FIXED} the isotropic bandwidth h (kernel N(0, h^2 I));
 *                  for every other rule a factor multiplying the rule's bandwidth (1 = the rule
 *                  as stated; the covariance is multiplied by its square)
 */
public record KdeConfig(BandwidthRule rule, double bandwidth) {

    /**
     * Validates the rule and the bandwidth.
     *
     * @param rule      the rule
     * @param bandwidth the bandwidth h, or the factor of the rule (positive)
     */
    public KdeConfig {
        Objects.requireNonNull(rule, "rule");
        if (!(bandwidth > 0 && bandwidth < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("bandwidth must be finite and > 0, got " + bandwidth);
        }
    }

    /**
     * A fixed isotropic bandwidth h.
     *
     * @param h the bandwidth (positive)
     * @return the configuration
     */
    public static KdeConfig fixed(double h) {
        return new KdeConfig(BandwidthRule.FIXED, h);
    }

    /**
     * A bandwidth rule as stated (factor 1).
     *
     * @param rule the rule
     * @return the configuration
     */
    public static KdeConfig of(BandwidthRule rule) {
        return new KdeConfig(rule, 1.0);
    }

    /**
     * Fits a KDE with these settings to {@code data} (n x d) with optional weights (null = equal).
     *
     * @param data    the rows (n x d; not modified)
     * @param weights non-negative weights, one per row (null = equal)
     * @return the fitted estimator
     */
    public GaussianKde fit(double[][] data, double[] weights) {
        return GaussianKde.builder(data).weights(weights).config(this).build();
    }
}
