package io.github.dde4j.kde;

/**
 * How {@link GaussianKde} chooses its kernel covariance from the data when no explicit bandwidth
 * is given. The data scale comes from the (weighted) sample standard deviations or covariance of
 * the training data themselves; n_eff = (sum w)^2 / sum w^2 is the effective sample size (n when
 * unweighted). See {@link Bandwidths} for the formulas.
 */
public enum BandwidthRule {
    /** A fixed isotropic bandwidth h: kernel N(0, h^2 I). */
    FIXED,
    /** Scott per dimension: h_k = n_eff^(-1/(d+4)) * sd_k (diagonal kernel covariance). */
    SCOTT,
    /** Silverman per dimension: h_k = (n_eff (d+2) / 4)^(-1/(d+4)) * sd_k. */
    SILVERMAN,
    /** Scott with the full covariance, as SciPy's gaussian_kde: H = n_eff^(-2/(d+4)) Cov. */
    SCOTT_COVARIANCE,
    /** Silverman with the full covariance, as SciPy: H = (n_eff (d+2) / 4)^(-2/(d+4)) Cov. */
    SILVERMAN_COVARIANCE,
    /**
     * Maximum leave-one-out likelihood: h_k = c * sd_k with the scalar c maximising
     * sum_i w_i log p_{-i}(x_i) (cross-validation, exact sums).
     */
    LEAVE_ONE_OUT
}
