package io.github.dde4j.dde;

/**
 * The DDE noise level sigma over training steps t = 0, 1, ...:
 * sigma(t) = max(floor, start * factor^floor(t / every)). Fixed when {@code factor == 1}.
 * Units: the space the network is trained in (standardised units when the trainer
 * standardises, see {@link DdeConfig#standardize()}).
 *
 * @param start  sigma at step 0, > 0
 * @param factor multiplier in (0, 1]
 * @param every  steps between multiplications, >= 1
 * @param floor  lower bound, in (0, start]
 */
public record SigmaSchedule(double start, double factor, long every, double floor) {

    public SigmaSchedule {
        if (!(start > 0 && start < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigma start must be finite and > 0, got " + start);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("sigma factor must be in (0, 1], got " + factor);
        }
        if (every < 1) {
            throw new IllegalArgumentException("sigma every must be >= 1, got " + every);
        }
        if (!(floor > 0 && floor <= start)) {
            throw new IllegalArgumentException("sigma floor must be in (0, start = " + start + "], got " + floor);
        }
    }

    /** A constant sigma. */
    public static SigmaSchedule fixed(double sigma) {
        return new SigmaSchedule(sigma, 1, 1, sigma);
    }

    /** sigma = max(floor, start * factor^floor(t/every)). */
    public static SigmaSchedule annealed(double start, double factor, long every, double floor) {
        return new SigmaSchedule(start, factor, every, floor);
    }

    /** Whether sigma never changes. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFixed() {
        return factor == 1 || floor == start;
    }

    /** sigma at step {@code t}. */
    public double at(long t) {
        return Math.max(floor, start * Math.pow(factor, (double) (t / every)));
    }
}
