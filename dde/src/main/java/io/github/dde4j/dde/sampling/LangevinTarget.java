package io.github.dde4j.dde.sampling;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import io.github.dde4j.dde.normalize.UnnormalizedLogDensity;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What Langevin dynamics needs from a distribution: its score s(x) = grad_x log p(x) on batches,
 * optionally conditioned on the current noise level sigma (a noise-conditional score
 * s(x, sigma) = grad_x log (p * N(0, sigma^2 I))(x)), and optionally its log density up to a
 * constant, which enables the Metropolis adjustment (MALA).
 *
 * <p>Batches are {@code n x d}, one point per row; implementations must not modify them and must
 * return fresh arrays. A DDE is a target: its score is grad f, its log density f.
 */
public interface LangevinTarget {

    /** The dimension d. */
    int dimension();

    /**
     * The score of each row at noise level {@code sigma}; targets that are not noise-conditional
     * ignore {@code sigma} (it is {@code Double.NaN} for plain, non-annealed Langevin).
     */
    double[][] score(double[][] x, double sigma);

    /** Whether {@link #logDensity(double[][], double)} is available (required for MALA). */
    default boolean hasLogDensity() {
        return false;
    }

    /** log p(x) + const for each row, at noise level {@code sigma} (ignored if not noise-conditional). */
    default double[] logDensity(double[][] x, double sigma) {
        throw new UnsupportedOperationException("this Langevin target has no log density (needed for MALA)");
    }

    /**
     * The score of each row and, when {@code logDensityOut} is not null, the log density written
     * into it: MALA needs both at every proposal. The default makes two calls; targets whose
     * network computes both in one pass (a DDE) override it, see {@link #fused(int, Evaluator)}.
     */
    default double[][] scoreAndLogDensity(double[][] x, double sigma, double[] logDensityOut) {
        if (logDensityOut != null) {
            double[] v = logDensity(x, sigma);
            System.arraycopy(v, 0, logDensityOut, 0, x.length);
        }
        return score(x, sigma);
    }

    /**
     * Evaluates an unnormalised log density and its score in one pass, writing into the given
     * arrays (either may be null): the shape of {@code Dde.evaluate(xs, logDensityOut, scoreOut)}.
     */
    @FunctionalInterface
    interface Evaluator {
        void evaluate(double[][] x, double[] logDensityOut, double[][] scoreOut);
    }

    /**
     * A target whose log density and score come from one fused evaluation (one network pass per
     * MALA proposal instead of two), e.g. {@code LangevinTarget.fused(d, dde::evaluate)}.
     */
    static LangevinTarget fused(int dimension, Evaluator evaluator) {
        Checks.requireAtLeast(dimension, 1, "dimension");
        Checks.requireNonNull(evaluator, "evaluator");
        return new LangevinTarget() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public double[][] score(double[][] x, double sigma) {
                return scoreAndLogDensity(x, sigma, null);
            }

            @Override
            public boolean hasLogDensity() {
                return true;
            }

            @Override
            public double[] logDensity(double[][] x, double sigma) {
                double[] out = new double[x.length];
                evaluator.evaluate(x, out, null);
                return out;
            }

            @Override
            public double[][] scoreAndLogDensity(double[][] x, double sigma, double[] logDensityOut) {
                double[][] s = new double[x.length][dimension];
                evaluator.evaluate(x, logDensityOut, s);
                return s;
            }
        };
    }

    /** A target given by its batch score only (no MALA). */
    static LangevinTarget ofScore(int dimension, UnaryOperator<double[][]> score) {
        Checks.requireNonNull(score, "score");
        return new FunctionTarget(dimension, (x, sigma) -> score.apply(x), null);
    }

    /** A target with a batch score and a batch unnormalised log density (MALA possible). */
    static LangevinTarget of(int dimension, UnaryOperator<double[][]> score, Function<double[][], double[]> logDensity) {
        if (score == null || logDensity == null) {
            throw new IllegalArgumentException("score and logDensity must not be null");
        }
        return new FunctionTarget(dimension, (x, sigma) -> score.apply(x), (x, sigma) -> logDensity.apply(x));
    }

    /** A target from an unnormalised log density and its score. */
    static LangevinTarget of(UnnormalizedLogDensity f, UnaryOperator<double[][]> score) {
        Checks.requireNonNull(f, "f");
        return of(f.dimension(), score, f::logDensityUnnormalized);
    }

    /**
     * A density with a score ({@link Density#hasScore()}); its log density enables MALA.
     *
     * @throws IllegalArgumentException if the density has no score
     */
    static LangevinTarget of(Density density) {
        if (density == null || !density.hasScore()) {
            throw new IllegalArgumentException("density is null or has no score");
        }
        return of(density.dimension(), density::score, density::logDensity);
    }

    /**
     * A noise-conditional target: the score at level sigma is {@code score.apply(x, sigma)}, e.g.
     * the score of the data density smoothed with N(0, sigma^2 I), or one DDE per level.
     */
    static LangevinTarget noiseConditional(int dimension, BiFunction<double[][], Double, double[][]> score) {
        Checks.requireNonNull(score, "score");
        return new FunctionTarget(dimension, score, null);
    }

    /** Noise-conditional score and log density, both functions of (x, sigma). */
    static LangevinTarget noiseConditional(int dimension, BiFunction<double[][], Double, double[][]> score,
                                           BiFunction<double[][], Double, double[]> logDensity) {
        if (score == null || logDensity == null) {
            throw new IllegalArgumentException("score and logDensity must not be null");
        }
        return new FunctionTarget(dimension, score, logDensity);
    }
}
