/**
 * 2-D toy distributions with exact seeded samplers ({@link io.github.dde4j.core.toy.Toys}); the
 * ones with a closed-form density (eight Gaussians, checkerboard, rings) also give the exact
 * smoothed density p * N(0, sigma^2 I) for any sigma, the target a DDE learns.
 */
package io.github.dde4j.core.toy;
