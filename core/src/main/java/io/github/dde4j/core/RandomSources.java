package io.github.dde4j.core;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The one place where dde4j creates random generators. There is no global generator:
 * callers pass a seed, and long-running work splits independent streams from it.
 *
 * <p>The generator is XoShiRo256++ (fast, 256-bit state, jumpable); its state can be saved
 * and restored, which is what makes checkpoints resume bit for bit.
 */
public final class RandomSources {

    private static final RandomSource ALGORITHM = RandomSource.XO_SHI_RO_256_PP;

    private RandomSources() {
    }

    /** A new generator whose whole sequence is determined by {@code seed}. */
    public static RestorableUniformRandomProvider seeded(long seed) {
        return ALGORITHM.create(seed);
    }

    /**
     * A generator for an independent sub-stream {@code stream} of {@code seed}: different
     * streams of one seed do not overlap in practice (the seed material is mixed with SplitMix64).
     */
    public static RestorableUniformRandomProvider stream(long seed, long stream) {
        long a = mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1));
        long b = mix(a + stream);
        return ALGORITHM.create(new long[] {a, b, mix(b ^ seed), mix(a ^ ~stream)});
    }

    /** A fresh seed drawn from {@code rng}, for handing to a sub-task. */
    public static long nextSeed(UniformRandomProvider rng) {
        return rng.nextLong();
    }

    /**
     * The indices 0 .. n-1 whose first {@code k} slots hold a uniformly random k-subset in random
     * order (a partial Fisher-Yates shuffle: exactly k draws from rng, none for k = 0); the other
     * slots hold the remaining indices. The one subsampler behind seeded splits and subsets.
     *
     * @param n   the number of indices, >= 0
     * @param k   how many slots to draw, 0 .. n
     * @param rng the random source (consumed)
     * @return a new array of length n
     */
    public static int[] partialPermutation(int n, int k, UniformRandomProvider rng) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, " + n + "], got " + k);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
