package io.github.dde4j.generator;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.Dde;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * {@link Refinement}'s MALA steps on rows in the caller's units, block by block: the rows of
 * sampling block b (rows b*BLOCK ..) draw their proposals and acceptances from
 * {@code RandomSources.stream(seed, STREAM_OFFSET + b)}, so refined rows do not depend on the
 * batch size or on how many threads share the blocks.
 */
final class MalaRefiner {

    /** Far above any latent block index, so refinement streams never meet the latents' streams. */
    static final long STREAM_OFFSET = 1L << 48;

    private final Dde dde;
    private final Refinement refinement;
    private final Standardizer std;
    private final int d;
    private final double eps;

    MalaRefiner(Dde dde, Refinement refinement) {
        this.dde = dde;
        this.refinement = refinement;
        this.std = dde.standardizer();
        this.d = dde.dimension();
        double h = refinement.stepScale() * dde.sigma();
        this.eps = h * h;
    }

    /** Refines rows[offset .. offset + count) in place; row offset + i belongs to block firstBlock + i / block. */
    void refine(double[][] rows, int offset, int count, long seed, long firstBlock, int block, int threads) {
        int blocks = (count + block - 1) / block;
        AtomicInteger next = new AtomicInteger();
        IntStream.range(0, Math.max(1, Math.min(threads, blocks))).parallel().forEach(w -> {
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                int from = offset + b * block;
                int to = Math.min(offset + count, from + block);
                refineBlock(rows, from, to, RandomSources.stream(seed, STREAM_OFFSET + firstBlock + b));
            }
        });
    }

    private void refineBlock(double[][] rows, int from, int to, UniformRandomProvider rng) {
        int n = to - from;
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] scale = std.scales();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = rows[from + i].clone();
        }
        double[] logP = new double[n];
        double[][] score = new double[n][d];
        dde.evaluate(x, logP, score);
        double[][] prop = new double[n][d];
        double[] logPProp = new double[n];
        double[][] scoreProp = new double[n][d];
        double sqrtEps = Math.sqrt(eps);
        for (int k = 0; k < refinement.steps(); k++) {
            // in standardised units z = (x - m) / s the score is s * grad_x and the proposal isotropic
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double gz = score[i][j] * scale[j];
                    prop[i][j] = x[i][j] + scale[j] * (0.5 * eps * gz + sqrtEps * g.sample());
                }
            }
            dde.evaluate(prop, logPProp, scoreProp);
            for (int i = 0; i < n; i++) {
                double logAccept = logPProp[i] - logP[i] + logQ(x[i], prop[i], scoreProp[i], scale)
                        - logQ(prop[i], x[i], score[i], scale);
                if (Double.isFinite(logPProp[i]) && (logAccept >= 0 || Math.log(rng.nextDouble()) < logAccept)) {
                    System.arraycopy(prop[i], 0, x[i], 0, d);
                    System.arraycopy(scoreProp[i], 0, score[i], 0, d);
                    logP[i] = logPProp[i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, rows[from + i], 0, d);
        }
    }

    /**
     * log q(to | from) up to a constant: the Gaussian proposal from {@code from} in standardised units
     * (the standardisation's shift cancels in the difference, so x / s stands for z).
     */
    private double logQ(double[] to, double[] from, double[] scoreFrom, double[] scale) {
        double ss = 0;
        for (int j = 0; j < d; j++) {
            double mean = from[j] / scale[j] + 0.5 * eps * scoreFrom[j] * scale[j];
            double r = to[j] / scale[j] - mean;
            ss += r * r;
        }
        return -ss / (2 * eps);
    }
}
