package io.github.dde4j.core.quality;

/**
 * NumPy's {@code numpy.random.default_rng(seed)} (PCG64 seeded through SeedSequence), as far as
 * the DCR baseline's random rows need it: {@code random}, {@code uniform} and {@code choice} over
 * a small population. Reproduced so that the random rows, and hence the baseline, equal the
 * reference's draw for draw.
 */
final class NumpyGenerator {

    private static final long MULT_HI = 2549297995355413924L;
    private static final long MULT_LO = 4865540595714422341L;

    private long stateHi;
    private long stateLo;
    private final long incHi;
    private final long incLo;
    private boolean hasUint32;
    private int uinteger;

    NumpyGenerator(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        long[] v = seedSequence(seed);
        // pcg_setseq_128_srandom_r: state 0, inc = (initseq << 1) | 1, step, state += initstate, step
        incHi = (v[2] << 1) | (v[3] >>> 63);
        incLo = (v[3] << 1) | 1L;
        stateHi = 0;
        stateLo = 0;
        step();
        long lo = stateLo + v[1];
        stateHi = stateHi + v[0] + (Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0);
        stateLo = lo;
        step();
    }

    /** SeedSequence(seed).generate_state(4, uint64), pool size 4, no spawn key. */
    private static long[] seedSequence(long seed) {
        final int initA = 0x43b0d7e5;
        final int multA = 0x931e8875;
        final int initB = 0x8b51f9dd;
        final int multB = 0x58f38ded;
        int[] entropy = seed == 0 ? new int[] {0}
                : seed <= 0xFFFFFFFFL ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
        int[] pool = new int[4];
        int[] hash = {initA};
        for (int i = 0; i < pool.length; i++) {
            pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hash, multA);
        }
        for (int src = 0; src < pool.length; src++) {
            for (int dst = 0; dst < pool.length; dst++) {
                if (src != dst) {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], hash, multA));
                }
            }
        }
        for (int src = pool.length; src < entropy.length; src++) {
            for (int dst = 0; dst < pool.length; dst++) {
                pool[dst] = mix(pool[dst], hashmix(entropy[src], hash, multA));
            }
        }
        int[] words = new int[8];
        int h = initB;
        for (int i = 0; i < words.length; i++) {
            int value = pool[i % pool.length];
            value ^= h;
            h *= multB;
            value *= h;
            value ^= value >>> 16;
            words[i] = value;
        }
        long[] out = new long[4];
        for (int k = 0; k < 4; k++) {
            out[k] = (Integer.toUnsignedLong(words[2 * k + 1]) << 32) | Integer.toUnsignedLong(words[2 * k]);
        }
        return out;
    }

    private static int hashmix(int value, int[] hash, int multA) {
        value ^= hash[0];
        hash[0] *= multA;
        value *= hash[0];
        value ^= value >>> 16;
        return value;
    }

    private static int mix(int x, int y) {
        int r = 0xca01f9dd * x - 0x4973f715 * y;
        return r ^ (r >>> 16);
    }

    /** state = state * multiplier + inc (mod 2^128). */
    private void step() {
        long lo = stateLo * MULT_LO;
        long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateLo * MULT_HI + stateHi * MULT_LO;
        long sumLo = lo + incLo;
        stateHi = hi + incHi + (Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0);
        stateLo = sumLo;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The next 64-bit output (XSL RR of the stepped state). */
    long nextLong() {
        step();
        return Long.rotateRight(stateHi ^ stateLo, (int) (stateHi >>> 58));
    }

    /** The next 32-bit output: the low half of a 64-bit one, then its high half. */
    long nextUint32() {
        if (hasUint32) {
            hasUint32 = false;
            return Integer.toUnsignedLong(uinteger);
        }
        long next = nextLong();
        hasUint32 = true;
        uinteger = (int) (next >>> 32);
        return next & 0xFFFFFFFFL;
    }

    /** {@code random()}: a double in [0, 1) from the top 53 bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * (1.0 / 9007199254740992.0);
    }

    /** {@code uniform(low, high)}. */
    double uniform(double low, double high) {
        double range = high - low;
        return low + range * nextDouble();
    }

    /** {@code integers(0, n)} for n <= 2^32 (Lemire's method on 32-bit draws), as {@code choice} uses. */
    int index(int n) {
        long rng = n - 1L;
        if (rng == 0) {
            return 0;
        }
        long excl = rng + 1;
        long m = nextUint32() * excl;
        long leftover = m & 0xFFFFFFFFL;
        if (leftover < excl) {
            long threshold = (0xFFFFFFFFL - rng) % excl;
            while (leftover < threshold) {
                m = nextUint32() * excl;
                leftover = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }
}
