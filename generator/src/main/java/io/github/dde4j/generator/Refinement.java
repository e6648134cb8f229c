package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;

/**
 * Moves generated rows by Metropolis-adjusted Langevin (MALA) steps on the generator's data DDE
 * (its smoothed density p~ at the DDE's sigma): each step proposes, in the DDE's standardised
 * units, z' = z + (eps/2) grad log p~(z) + sqrt(eps) xi with eps = (stepScale sigma)^2, and accepts
 * with probability min(1, p~(z') q(z | z') / (p~(z) q(z' | z))), so the rows' distribution stays
 * p~ when it already is and moves towards it otherwise. A generator that draws thin bridges of
 * rows between separated modes (a continuous map cannot jump between them) gets those rows pulled
 * into the modes; see docs/generator.md, "Sharper samples: refinement", for when it pays.
 *
 * @param steps     MALA steps per row (0 = no refinement)
 * @param stepScale proposal standard deviation in units of the DDE's sigma, > 0
 */
public record Refinement(int steps, double stepScale) {

    /** No refinement. */
    public static final Refinement NONE = new Refinement(0, 0.5);

    public Refinement {
        Checks.requireAtLeast(steps, 0, "steps");
        if (!(stepScale > 0 && stepScale <= 10)) {
            throw new IllegalArgumentException("stepScale must be in (0, 10], got " + stepScale);
        }
    }

    /** {@code steps} MALA steps with proposal standard deviation sigma / 2. */
    public static Refinement mala(int steps) {
        return new Refinement(steps, 0.5);
    }
}
