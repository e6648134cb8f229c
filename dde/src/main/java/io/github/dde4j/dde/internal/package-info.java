/**
 * Not API: the machinery under dde's and the generator's networks, public only because the
 * generator module calls it. {@link io.github.dde4j.dde.internal.Blas} (dense BLAS kernels on
 * plain Java arrays, both precisions), {@link io.github.dde4j.dde.internal.ActivationLoops} (the
 * fused activation loops) and {@link io.github.dde4j.dde.internal.NdRows} (bulk copies between ND4J
 * matrices and Java arrays). Anything here may change in any release.
 */
package io.github.dde4j.dde.internal;
