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

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
