package io.github.dde4j.dde.sampling;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.Sampler;
import io.github.dde4j.core.data.RowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * (Annealed, optionally Metropolis-adjusted) Langevin dynamics on a batch score function
 * (docs/method.md, "Langevin sampling"). Each output point is the final state of its own chain:
 * <pre>
 *   x_0 ~ initial
 *   for each level i (one level for plain Langevin), stepsPerLevel times:
 *     y = x + (eps_i / 2) s(x, sigma_i) + sqrt(eps_i) z,   z ~ N(0, I)
 *     x = y                                                  (unadjusted)
 *     x = y with probability min(1, exp(a)), else x         (MALA), where
 *       a = log p(y) - log p(x) - ||x - y - (eps_i/2) s(y)||^2 / (2 eps_i) + ||z||^2 / 2
 * </pre>
 * (||z||^2/2 = ||y - x - (eps_i/2) s(x)||^2 / (2 eps_i), the forward proposal's exponent).
 *
 * <p>Chains run in batches of {@code settings.batchSize()}: one score call per step per batch,
 * memory O(batchSize * d), any number of samples streamed to a {@link RowSink}. All randomness
 * comes from the caller's generator, consumed in a fixed order (initial points of a batch, then
 * per step the normals of all chains, then one acceptance uniform per chain, drawn whether or
 * not it is needed, so that how many numbers a step uses never depends on computed values).
 *
 * <p><b>Reproducible streams.</b> {@link #stream(LangevinTarget, long, Sampler, LangevinSettings,
 * long, RowSink)} runs the chains in blocks of {@link #BLOCK}; block b of seed s draws from its
 * own generator {@code RandomSources.stream(s, b)}. The rows for a seed then depend neither on
 * the batch size nor on the number of threads the target's arithmetic uses, only on the target's
 * values: a chain's accept or reject step cannot shift the random numbers of later chains.
 *
 * <p>Stateless; all methods are static.
 */
public final class LangevinSampler {

    /** Chains per random stream block of {@link #stream(LangevinTarget, long, Sampler, LangevinSettings, long, RowSink)}. */
    public static final int BLOCK = 1024;

    private LangevinSampler() {
    }

    /**
     * Runs {@code n} chains started from draws of {@code initial} and returns their final states.
     *
     * @throws IllegalArgumentException if dimensions differ, MALA is asked for without a log
     *                                  density, or the score is not finite (step size too large?)
     */
    public static double[][] sample(LangevinTarget target, int n, Sampler initial, LangevinSettings settings,
                                    UniformRandomProvider rng) {
        Checks.requireAtLeast(n, 0, "n");
        double[][] out = new double[n][];
        int[] pos = {0};
        stream(target, n, initial, settings, rng, (rows, count) -> {
            for (int i = 0; i < count; i++) {
                out[pos[0]++] = rows[i].clone();
            }
        });
        return out;
    }

    /**
     * Runs one chain from each row of {@code start} (not modified) and returns the final states.
     */
    public static double[][] run(LangevinTarget target, double[][] start, LangevinSettings settings, UniformRandomProvider rng) {
        check(target, settings, rng);
        Checks.requirePoints(start, target.dimension(), "start");
        double[][] out = new double[start.length][];
        for (int from = 0; from < start.length; from += settings.batchSize()) {
            int b = Math.min(settings.batchSize(), start.length - from);
            double[][] x = new double[b][];
            for (int i = 0; i < b; i++) {
                x[i] = start[from + i].clone();
            }
            runBatch(target, x, settings, rng, new long[3]);
            System.arraycopy(x, 0, out, from, b);
        }
        return out;
    }

    /**
     * Streams the final states of {@code n} chains to {@code sink}, batch by batch (the sink gets
     * at most {@code settings.batchSize()} rows per call).
     *
     * @return counts and the MALA acceptance rate
     * @throws UncheckedIOException if the sink throws an IOException
     */
    public static LangevinStats stream(LangevinTarget target, long n, Sampler initial, LangevinSettings settings,
                                       UniformRandomProvider rng, RowSink sink) {
        check(target, settings, rng);
        checkStream(target, n, initial, sink);
        long[] counters = new long[3]; // score rows, proposals, acceptances
        for (long done = 0; done < n; ) {
            int b = (int) Math.min(settings.batchSize(), n - done);
            done = runAndDeliver(target, b, initial, settings, rng, counters, sink, done);
        }
        return stats(n, settings, counters);
    }

    /**
     * Streams the final states of {@code n} chains to {@code sink} in blocks of {@link #BLOCK}
     * chains, block b drawing all its randomness (initial points, steps) from
     * {@code RandomSources.stream(seed, b)}; {@code settings.batchSize()} is not used. So the
     * rows for a seed do not depend on how they are batched or on thread counts, and the rows of
     * the whole blocks of a run are the first rows of every longer run.
     *
     * @throws UncheckedIOException if the sink throws an IOException
     */
    public static LangevinStats stream(LangevinTarget target, long n, Sampler initial, LangevinSettings settings,
                                       long seed, RowSink sink) {
        return stream(target, 0, n, initial, settings, seed, sink);
    }

    /**
     * Rows {@code [firstRow, firstRow + n)} of {@link #stream(LangevinTarget, long, Sampler,
     * LangevinSettings, long, RowSink)}'s rows for {@code seed} (a distributed job's part of one
     * long sample); {@code firstRow} is a multiple of {@link #BLOCK}.
     */
    public static LangevinStats stream(LangevinTarget target, long firstRow, long n, Sampler initial,
                                       LangevinSettings settings, long seed, RowSink sink) {
        if (firstRow < 0 || firstRow % BLOCK != 0) {
            throw new IllegalArgumentException("firstRow must be a non-negative multiple of " + BLOCK + ", got " + firstRow);
        }
        check(target, settings, RandomSources.seeded(seed));
        checkStream(target, n, initial, sink);
        long[] counters = new long[3];
        long block = firstRow / BLOCK;
        for (long done = 0; done < n; block++) {
            int b = (int) Math.min(BLOCK, n - done);
            done = runAndDeliver(target, b, initial, settings, RandomSources.stream(seed, block), counters, sink, done);
        }
        return stats(n, settings, counters);
    }

    /** Runs {@code b} chains from draws of {@code initial}, hands them to the sink, returns {@code done + b}. */
    private static long runAndDeliver(LangevinTarget target, int b, Sampler initial, LangevinSettings settings,
                                      UniformRandomProvider rng, long[] counters, RowSink sink, long done) {
        double[][] x = initial.sample(b, rng);
        Checks.requirePoints(x, target.dimension(), "initial points");
        runBatch(target, x, settings, rng, counters);
        try {
            sink.accept(x, b);
        } catch (IOException e) {
            throw new UncheckedIOException("Langevin sample sink failed after " + done + " rows", e);
        }
        return done + b;
    }

    private static void checkStream(LangevinTarget target, long n, Sampler initial, RowSink sink) {
        Checks.requireAtLeast(n, 0, "n");
        if (initial == null || initial.dimension() != target.dimension()) {
            throw new IllegalArgumentException("initial sampler is null or not of dimension " + target.dimension());
        }
        Checks.requireNonNull(sink, "sink");
    }

    private static LangevinStats stats(long n, LangevinSettings settings, long[] counters) {
        long steps = (long) settings.levels() * settings.stepsPerLevel();
        double acc = settings.metropolis() && counters[1] > 0 ? (double) counters[2] / counters[1] : Double.NaN;
        return new LangevinStats(n, steps, counters[0], acc);
    }

    private static void check(LangevinTarget target, LangevinSettings settings, UniformRandomProvider rng) {
        if (target == null || settings == null || rng == null) {
            throw new IllegalArgumentException("target, settings and rng must not be null");
        }
        if (settings.metropolis() && !target.hasLogDensity()) {
            throw new IllegalArgumentException("Metropolis adjustment (MALA) needs a target with a log density");
        }
    }

    /** Advances the chains in x (modified in place) through every level. */
    private static void runBatch(LangevinTarget target, double[][] x, LangevinSettings settings,
                                 UniformRandomProvider rng, long[] counters) {
        int b = x.length;
        int d = target.dimension();
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        boolean mala = settings.metropolis();
        double[][] z = new double[b][d];
        for (int level = 0; level < settings.levels(); level++) {
            double eps = settings.stepSizeAt(level);
            double sigma = settings.sigmaAt(level);
            double half = 0.5 * eps;
            double root = Math.sqrt(eps);
            double[] logp = mala ? new double[b] : null;
            double[][] s = checkedScore(target, x, sigma, level, counters, logp);
            for (int step = 0; step < settings.stepsPerLevel(); step++) {
                if (s == null) {
                    s = checkedScore(target, x, sigma, level, counters, null);
                }
                double[][] y = new double[b][d];
                for (int i = 0; i < b; i++) {
                    double[] xi = x[i];
                    double[] si = s[i];
                    double[] zi = z[i];
                    double[] yi = y[i];
                    for (int j = 0; j < d; j++) {
                        zi[j] = gauss.sample();
                        yi[j] = xi[j] + half * si[j] + root * zi[j];
                    }
                }
                if (!mala) {
                    // unadjusted: one score call per step, made lazily at the next step
                    System.arraycopy(y, 0, x, 0, b);
                    s = null;
                    continue;
                }
                double[] logpy = new double[b];
                double[][] sy = checkedScore(target, y, sigma, level, counters, logpy);
                counters[1] += b;
                for (int i = 0; i < b; i++) {
                    double fwd = 0;
                    double bwd = 0;
                    double[] xi = x[i];
                    double[] yi = y[i];
                    double[] syi = sy[i];
                    double[] zi = z[i];
                    for (int j = 0; j < d; j++) {
                        fwd += zi[j] * zi[j];
                        double r = xi[j] - yi[j] - half * syi[j];
                        bwd += r * r;
                    }
                    double a = logpy[i] - logp[i] - bwd / (2 * eps) + 0.5 * fwd;
                    // NaN (e.g. -inf minus -inf) and a non-finite proposal are rejections; the uniform is
                    // drawn for every chain, so the stream's position never depends on computed values
                    double u = rng.nextDouble();
                    boolean accept = a >= 0 || Math.log(u) < a;
                    if (accept && !Double.isNaN(a) && logpy[i] != Double.POSITIVE_INFINITY) {
                        x[i] = yi;
                        s[i] = syi;
                        logp[i] = logpy[i];
                        counters[2]++;
                    }
                }
            }
        }
    }

    /** The score (and, if {@code logDensityOut} is given, the log density) with checks. */
    private static double[][] checkedScore(LangevinTarget target, double[][] x, double sigma, int level, long[] counters,
                                           double[] logDensityOut) {
        double[][] s = logDensityOut == null ? target.score(x, sigma) : target.scoreAndLogDensity(x, sigma, logDensityOut);
        counters[0] += x.length;
        if (s == null || s.length != x.length) {
            throw new IllegalArgumentException("score returned " + (s == null ? "null" : s.length + " rows")
                    + " for " + x.length + " points");
        }
        for (int i = 0; i < s.length; i++) {
            double[] si = s[i];
            if (si == null || si.length != x[i].length) {
                throw new IllegalArgumentException("score row " + i + " has the wrong dimension");
            }
            for (double v : si) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("score is " + v + " at " + Arrays.toString(x[i]) + " (level " + level
                            + "): the chain diverged; use a smaller step size");
                }
            }
        }
        return s;
    }
}
