/**
 * Closed-form distributions on R^d: {@link io.github.dde4j.core.dist.MultivariateGaussian} and
 * {@link io.github.dde4j.core.dist.GaussianMixture}. Both are exact densities (with scores) and
 * exact samplers, and both are closed under convolution with N(0, sigma^2 I), so they give the
 * exact smoothed density p~ = p * N(0, sigma^2 I) that a DDE learns.
 */
package io.github.dde4j.core.dist;
