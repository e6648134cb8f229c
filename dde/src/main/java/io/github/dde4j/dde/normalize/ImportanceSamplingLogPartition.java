package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Estimates log Z = log integral exp f(x) dx in any dimension by importance sampling
 * (docs/method.md, "Normalisation"):
 * <pre>
 *   y_i ~ q,   log w_i = f(y_i) - log q(y_i),   log Z^ = log mean_i w_i = logsumexp_i log w_i - log n
 *   se(log Z^) = sd(w) / (sqrt(n) mean(w))            (delta method, unbiased variance)
 *   ESS = (sum_i w_i)^2 / sum_i w_i^2
 * </pre>
 * where log q is the exact normalised proposal log density (the default proposal is a
 * defensive mixture of a KDE on the data, a Gaussian and a Student-t, see {@link ProposalSpec}).
 * For its Gaussian part, log q(y) = -1/2 sum_j z_j^2 - sum_j log L_jj - (d/2) log(2 pi) with
 * z = L^-1 (y - mu): the <em>sum</em> of the squared whitened coordinates. (The published DDE
 * code used their mean, which for a target equal to the proposal gives
 * E[exp(-(1 - 1/d) ||z||^2 / 2)] = (2 - 1/d)^(-d/2), i.e. log Z biased low by (d/2) ln(2 - 1/d):
 * 1.8 nats at d = 6, 13.6 at d = 40. The tests check that this bias is absent.)
 *
 * <p>The estimate is repeated over {@code seeds} independent streams of the seed
 * ({@link RandomSources#stream(long, long)}) of {@code samplesPerSeed} points each; the reported
 * log Z and standard error pool all weights, and the per-seed estimates are returned so their
 * spread can be compared with the standard error. Points are drawn and evaluated in batches of
 * {@code batchSize}, and the weights are accumulated in streaming log-sum-exp form, so memory stays
 * O(batchSize * d) whatever the sample count.
 *
 * <p>log Z^ is consistent but, being the log of an unbiased estimate of Z, biased low by about
 * se^2/2 (Jensen); with a reasonable ESS that is far below the standard error. A small ESS (say
 * below 100) or a large {@code maxWeightFraction} diagnostic means the proposal misses mass of
 * the target and the standard error itself is unreliable.
 *
 * @param samplesPerSeed points drawn per seed, >= 2
 * @param seeds          independent repeats, >= 1
 * @param batchSize      points evaluated per call of f, >= 1
 * @param proposal       how {@link #estimate(UnnormalizedLogDensity, double[][], double, long)}
 *                       builds the proposal from data
 */
public record ImportanceSamplingLogPartition(int samplesPerSeed, int seeds, int batchSize, ProposalSpec proposal) {

    /** The method name recorded in {@link LogZEstimate#method()}. */
    public static final String METHOD = "importance-sampling";

    /** Validates. */
    public ImportanceSamplingLogPartition {
        Checks.requireAtLeast(samplesPerSeed, 2, "samplesPerSeed");
        Checks.requireAtLeast(seeds, 1, "seeds");
        Checks.requireAtLeast(batchSize, 1, "batchSize");
        Checks.requireNonNull(proposal, "proposal");
    }

    /**
     * 4 seeds x 16384 samples, batches of 4096, the default proposal ({@link ProposalSpec#defaults()}:
     * KDE + Gaussian + Student-t, made for smoothed-data densities such as a DDE's).
     */
    public static ImportanceSamplingLogPartition defaults() {
        return new ImportanceSamplingLogPartition(16384, 4, 4096, ProposalSpec.defaults());
    }

    /** A copy with another sample budget. */
    public ImportanceSamplingLogPartition withSamples(int samplesPerSeed, int seeds) {
        return new ImportanceSamplingLogPartition(samplesPerSeed, seeds, batchSize, proposal);
    }

    /** A copy with another proposal recipe. */
    public ImportanceSamplingLogPartition withProposal(ProposalSpec spec) {
        return new ImportanceSamplingLogPartition(samplesPerSeed, seeds, batchSize, spec);
    }

    /**
     * Estimates log Z with the proposal {@link Proposal#fitted(double[][], double, ProposalSpec)}
     * built from {@code data} (e.g. the training data) and the smoothing scale {@code sigma}.
     *
     * @param f     the unnormalised log density
     * @param data  n x d points, n >= 2, in the same units as f
     * @param sigma the density's smoothing scale (the DDE's noise level), >= 0
     * @param seed  determines every random draw
     */
    public LogZEstimate estimate(UnnormalizedLogDensity f, double[][] data, double sigma, long seed) {
        Checks.requireNonNull(f, "f");
        Checks.requirePoints(data, f.dimension(), "data");
        return estimate(f, Proposal.fitted(data, sigma, proposal), seed);
    }

    /**
     * Estimates log Z with a given proposal q.
     *
     * @throws IllegalArgumentException if f returns NaN or +Infinity at a sampled point (named),
     *                                  the dimensions differ, or every weight is 0
     */
    public LogZEstimate estimate(UnnormalizedLogDensity f, Proposal q, long seed) {
        if (f == null || q == null) {
            throw new IllegalArgumentException("f and q must not be null");
        }
        int d = f.dimension();
        if (q.dimension() != d) {
            throw new IllegalArgumentException("proposal has dimension " + q.dimension() + " but f has " + d);
        }
        LogSumExpAccumulator all = new LogSumExpAccumulator();
        List<Double> perSeed = new ArrayList<>(seeds);
        for (int s = 0; s < seeds; s++) {
            UniformRandomProvider rng = RandomSources.stream(seed, s);
            LogSumExpAccumulator acc = new LogSumExpAccumulator();
            for (int done = 0; done < samplesPerSeed; ) {
                int b = Math.min(batchSize, samplesPerSeed - done);
                double[][] y = q.sample(b, rng);
                int stream = s;
                int first = done;
                double[] fy = CheckedBatch.evaluate(f, y, i -> "the sampled point " + java.util.Arrays.toString(y[i])
                        + " (seed stream " + stream + ", sample " + (first + i) + ")");
                double[] lq = q.logDensity(y);
                for (int i = 0; i < b; i++) {
                    double v = fy[i];
                    if (!Double.isFinite(lq[i])) {
                        throw new IllegalStateException("proposal log density is " + lq[i] + " at its own sample "
                                + java.util.Arrays.toString(y[i]));
                    }
                    acc.add(v - lq[i]);
                }
                done += b;
            }
            if (acc.max() == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("every importance weight is 0 (f = -Infinity at all "
                        + samplesPerSeed + " points of seed stream " + s + "): the proposal misses the density");
            }
            perSeed.add(acc.logMean());
            all.addAll(acc);
        }
        Map<String, Double> diag = new LinkedHashMap<>();
        diag.put("maxWeightFraction", all.maxWeightFraction());
        diag.put("seeds", (double) seeds);
        diag.put("samplesPerSeed", (double) samplesPerSeed);
        LogZEstimate tmp = new LogZEstimate(all.logMean(), 0, 0, all.count(), METHOD, perSeed, Map.of());
        if (seeds >= 2) {
            diag.put("seedStandardDeviation", tmp.seedStandardDeviation());
        }
        double se = all.standardErrorOfLogMean();
        return new LogZEstimate(all.logMean(), Double.isNaN(se) ? 0 : se, all.effectiveSampleSize(), all.count(),
                METHOD, perSeed, diag);
    }
}
