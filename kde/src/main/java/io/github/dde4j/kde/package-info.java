/**
 * Exact Gaussian kernel density estimation: {@link io.github.dde4j.kde.GaussianKde} (log
 * density, score and sampling, with optional weights and scalar, per-dimension or full-matrix
 * bandwidths), bandwidth rules in {@link io.github.dde4j.kde.Bandwidths} (Scott, Silverman,
 * leave-one-out likelihood) and the validated settings record {@link io.github.dde4j.kde.KdeConfig}.
 *
 * <p>Evaluation is exact up to a rigorous, user-set bound on the pruned kernel mass (default
 * 1e-15 relative), numerically stable in the far tails, parallel across queries and memory
 * bounded for any number of points and queries. This module depends on dde4j-core only (no
 * ND4J).
 */
package io.github.dde4j.kde;
