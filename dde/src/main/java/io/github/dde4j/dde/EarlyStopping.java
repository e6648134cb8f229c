package io.github.dde4j.dde;

import io.github.dde4j.core.Checks;

/**
 * Stop training when the monitored loss has not improved by more than {@code minDelta}
 * (relative) for {@code patience} consecutive evaluations, evaluated every {@code evalEvery}
 * steps. The monitored loss is the loss on a held-out {@code validationFraction} of the data
 * (with noise drawn once, so that evaluations are comparable), or, with fraction 0, an
 * exponential moving average of the training loss with smoothing {@code smoothing}.
 *
 * @param patience           evaluations without improvement before stopping, >= 1
 * @param minDelta           relative improvement that counts, >= 0
 * @param evalEvery          steps between evaluations, >= 1
 * @param validationFraction held-out share of the rows in [0, 0.5]
 * @param smoothing          EMA weight of the newest training loss, in (0, 1]
 * @param coolDown           at the plateau, instead of stopping at once, let the learning rate decay
 *                           to 0 (half a cosine) over max({@value #MIN_COOL_DOWN}, a quarter of the
 *                           steps so far, {@link #coolDownLength(long, long)}), then stop: a run stopped at a high rate ends noisy
 */
public record EarlyStopping(int patience, double minDelta, int evalEvery, double validationFraction, double smoothing,
                            boolean coolDown) {

    /** The shortest cool-down, in steps. */
    public static final int MIN_COOL_DOWN = 200;

    public EarlyStopping {
        Checks.requireAtLeast(patience, 1, "patience");
        Checks.requireNonNegative(minDelta, "minDelta");
        Checks.requireAtLeast(evalEvery, 1, "evalEvery");
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 0.5], got " + validationFraction);
        }
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must be in (0, 1], got " + smoothing);
        }
    }

    /** Stops at the plateau, without a cool-down. */
    public EarlyStopping(int patience, double minDelta, int evalEvery, double validationFraction, double smoothing) {
        this(patience, minDelta, evalEvery, validationFraction, smoothing, false);
    }

    /** The cool-down length after a plateau at {@code step}: {@link #coolDownLength(long, long)} with {@value #MIN_COOL_DOWN}. */
    public long coolDownLength(long step) {
        return coolDownLength(step, MIN_COOL_DOWN);
    }

    /**
     * The one cool-down rule of the project's trainers (DDE and generator): after a plateau found at
     * step {@code from}, a quarter of the steps so far (rounded half up), at least {@code minSteps}.
     * A quarter: long enough for the rate's decay to settle the parameters, short next to the run.
     */
    public static long coolDownLength(long from, long minSteps) {
        return Math.max(minSteps, Math.round(0.25 * from));
    }

    /**
     * The one plateau test of the project's trainers: the best monitored value so far and the
     * evaluations since it last improved by more than {@code minDelta} (relative to |best|). Mutable;
     * its two numbers go into checkpoints. A best that is not finite (NaN or +inf: what callers store
     * for "none yet") is beaten by any value.
     */
    public static final class Plateau {
        private final int patience;
        private final double minDelta;
        private double best;
        private int bad;

        /** A plateau test resumed at {@code best} and {@code bad} (a fresh one: best NaN or +inf, bad 0). */
        public Plateau(int patience, double minDelta, double best, int bad) {
            this.patience = patience;
            this.minDelta = minDelta;
            this.best = best;
            this.bad = bad;
        }

        /**
         * Records an evaluation. An improvement becomes the new best; otherwise, unless a cool-down is
         * already running, it counts against the patience.
         *
         * @return true when this evaluation used up the patience (the caller cools down or stops)
         */
        public boolean record(double monitored, boolean coolingDown) {
            if (!Double.isFinite(best) || monitored < best - minDelta * Math.abs(best)) {
                best = monitored;
                bad = 0;
                return false;
            }
            return !coolingDown && ++bad >= patience;
        }

        /** The best monitored value so far (the initial value if none). */
        public double best() {
            return best;
        }

        /** Evaluations since the last improvement. */
        public int bad() {
            return bad;
        }
    }

    /**
     * The default ({@code DdeConfig.defaults()}): every 100 steps the loss on a 10% validation split
     * must have improved by 0.2% within 5 checks; at the plateau the learning rate cools down to 0,
     * then the run stops. Measured (docs/dde.md, "Choosing the run length"): within 0.05 nats of
     * held-out log likelihood of a 4,000-step cosine run on faithful and eight Gaussians, better on
     * airports, after 800 to 3,750 steps instead of 4,000.
     */
    public static EarlyStopping onValidationPlateau() {
        return new EarlyStopping(5, 0.002, 100, 0.1, 0.05, true);
    }

    /** Patience 10 evaluations every 100 steps on a 10% validation split, 0.1% relative improvement. */
    public static EarlyStopping onValidation() {
        return new EarlyStopping(10, 1e-3, 100, 0.1, 0.05);
    }

    /**
     * The DDE-driven pipeline's check ({@code dde4j fit}, {@code GeneratorTrainer.trainOnData}): every
     * 100 steps the moving average of the training loss (weight 0.05; low-variance targets make it a
     * quiet measure) must have improved by 1% within 5 checks, else the DDE has converged.
     */
    public static EarlyStopping onTrainingLossLevelling() {
        return new EarlyStopping(5, 0.01, 100, 0, 0.05);
    }

    /** Patience 10 evaluations every 100 steps on the smoothed training loss. */
    public static EarlyStopping onTrainingLoss() {
        return new EarlyStopping(10, 1e-3, 100, 0, 0.02);
    }
}
