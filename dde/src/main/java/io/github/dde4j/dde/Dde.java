package io.github.dde4j.dde;

import io.github.dde4j.core.Density;

/**
 * A fitted Denoising Density Estimator (placeholder while the implementation lands).
 */
public abstract class Dde implements Density, ScalarField {
    Dde() {
    }
}
