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

    public KdeConfig {
        Objects.requireNonNull(rule, "rule");
        if (!(bandwidth > 0 && bandwidth < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("bandwidth must be finite and > 0, got " + bandwidth);
        }
    }

    /** A fixed isotropic bandwidth h. */
    public static KdeConfig fixed(double h) {
        return new KdeConfig(BandwidthRule.FIXED, h);
    }

    /** A bandwidth rule as stated (factor 1). */
    public static KdeConfig of(BandwidthRule rule) {
        return new KdeConfig(rule, 1.0);
    }

    /** Fits a KDE with these settings to {@code data} (n x d) with optional weights (null = equal). */
    public GaussianKde fit(double[][] data, double[] weights) {
        return GaussianKde.builder(data).weights(weights).config(this).build();
    }
}
