/**
 * Two-sample distances between point sets X (n x d) and Y (m x d): unbiased MMD^2
 * ({@link io.github.dde4j.core.metrics.Mmd}), energy distance
 * ({@link io.github.dde4j.core.metrics.EnergyDistance}), sliced Wasserstein-1
 * ({@link io.github.dde4j.core.metrics.SlicedWasserstein}), exact 1-D distances
 * ({@link io.github.dde4j.core.metrics.Distances1D}), per-column marginal distances
 * ({@link io.github.dde4j.core.metrics.MarginalDistances}) and the difference of correlation
 * matrices ({@link io.github.dde4j.core.metrics.CorrelationDifference}).
 *
 * <p>The O(n m d) pair sums are tiled for the cache and run in parallel on the common ForkJoin pool
 * when large; partial sums are added in a fixed order, so results do not depend on thread timing.
 */
package io.github.dde4j.core.metrics;
