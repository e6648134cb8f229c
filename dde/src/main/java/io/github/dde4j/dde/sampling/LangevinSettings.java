package io.github.dde4j.dde.sampling;

import io.github.dde4j.core.Checks;
import java.util.List;

/**
 * Hyperparameters of (annealed) Langevin dynamics, a validated record that round-trips through
 * Jackson.
 *
 * <p>Plain Langevin ({@code sigmas} empty): {@code stepsPerLevel} steps of
 * x &lt;- x + (eps/2) s(x) + sqrt(eps) z, z ~ N(0, I), eps = {@code stepSize}.
 *
 * <p>Annealed Langevin (Song and Ermon 2019): for each level i = 1..L of {@code sigmas} (from
 * large to small), {@code stepsPerLevel} steps with the score at sigma_i and step
 * eps_i = eps * sigma_i^2 / sigma_L^2, so that the last level uses eps and the step stays in
 * proportion to the width of the smoothed modes.
 *
 * <p>With {@code metropolis} each move is a MALA proposal accepted with probability
 * min(1, p(y) k(x|y) / (p(x) k(y|x))), k(y|x) = N(y; x + (eps/2) s(x), eps I), which removes the
 * O(eps) bias of the unadjusted chain (for N(mu, Sigma) the unadjusted chain's stationary
 * covariance is Sigma (I - (eps/4) Sigma^-1)^-1, not Sigma); it needs the target's log density.
 *
 * @param sigmas        the noise levels, each > 0, empty for plain Langevin
 * @param stepSize      eps > 0 (at the last level when annealed)
 * @param stepsPerLevel steps at each level, >= 1
 * @param metropolis    whether to Metropolis-adjust every step (MALA)
 * @param batchSize     chains run together (one score call per step per batch), >= 1
 */
public record LangevinSettings(List<Double> sigmas, double stepSize, int stepsPerLevel, boolean metropolis, int batchSize) {

    /** Validates and copies. */
    public LangevinSettings {
        sigmas = sigmas == null ? List.of() : List.copyOf(sigmas);
        for (int i = 0; i < sigmas.size(); i++) {
            Checks.requirePositive(sigmas.get(i), "sigmas[" + i + "]");
        }
        Checks.requirePositive(stepSize, "stepSize");
        Checks.requireAtLeast(stepsPerLevel, 1, "stepsPerLevel");
        Checks.requireAtLeast(batchSize, 1, "batchSize");
    }

    /** Plain unadjusted Langevin: {@code steps} steps of size eps, batches of 1024 chains. */
    public static LangevinSettings plain(double stepSize, int steps) {
        return new LangevinSettings(List.of(), stepSize, steps, false, 1024);
    }

    /** Plain Metropolis-adjusted Langevin (MALA). */
    public static LangevinSettings mala(double stepSize, int steps) {
        return new LangevinSettings(List.of(), stepSize, steps, true, 1024);
    }

    /** Annealed Langevin over {@code sigmas} (large to small), eps_i = eps sigma_i^2 / sigma_L^2. */
    public static LangevinSettings annealed(double[] sigmas, double stepSize, int stepsPerLevel) {
        if (sigmas == null || sigmas.length == 0) {
            throw new IllegalArgumentException("sigmas is null or empty");
        }
        return new LangevinSettings(java.util.Arrays.stream(sigmas).boxed().toList(), stepSize, stepsPerLevel, false, 1024);
    }

    /**
     * Geometric levels sigma_i = sigmaMax (sigmaMin/sigmaMax)^((i-1)/(L-1)), i = 1..L (L >= 2),
     * from sigmaMax down to sigmaMin.
     */
    public static double[] geometricLevels(double sigmaMax, double sigmaMin, int levels) {
        Checks.requirePositive(sigmaMax, "sigmaMax");
        Checks.requirePositive(sigmaMin, "sigmaMin");
        Checks.requireAtLeast(levels, 2, "levels");
        double[] s = new double[levels];
        for (int i = 0; i < levels; i++) {
            s[i] = sigmaMax * Math.pow(sigmaMin / sigmaMax, i / (levels - 1.0));
        }
        s[levels - 1] = sigmaMin;
        return s;
    }

    /** A copy with the Metropolis adjustment on or off. */
    public LangevinSettings withMetropolis(boolean on) {
        return new LangevinSettings(sigmas, stepSize, stepsPerLevel, on, batchSize);
    }

    /** A copy with another batch size. */
    public LangevinSettings withBatchSize(int size) {
        return new LangevinSettings(sigmas, stepSize, stepsPerLevel, metropolis, size);
    }

    /** Whether this is annealed (at least one sigma level). */
    public boolean hasLevels() {
        return !sigmas.isEmpty();
    }

    /** The number of levels (1 for plain Langevin). */
    public int levels() {
        return Math.max(1, sigmas.size());
    }

    /** The step size at level i: eps sigma_i^2 / sigma_L^2 when annealed, eps otherwise. */
    public double stepSizeAt(int level) {
        if (sigmas.isEmpty()) {
            return stepSize;
        }
        double last = sigmas.get(sigmas.size() - 1);
        double s = sigmas.get(level);
        return stepSize * (s * s) / (last * last);
    }

    /** The sigma passed to the score at level i (NaN for plain Langevin). */
    public double sigmaAt(int level) {
        return sigmas.isEmpty() ? Double.NaN : sigmas.get(level);
    }
}
