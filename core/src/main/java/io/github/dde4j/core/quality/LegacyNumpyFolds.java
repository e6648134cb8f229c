package io.github.dde4j.core.quality;

/**
 * The test folds of scikit-learn's {@code StratifiedKFold(k, shuffle=True, random_state=seed)}
 * for labels that list every row of class A before every row of class B, reproduced so that the
 * detection score uses the same folds as the reference: NumPy's legacy {@code RandomState}
 * (MT19937 seeded by init_genrand) shuffles each class's block of fold numbers, class A first,
 * with Fisher-Yates and masked rejection sampling.
 */
final class LegacyNumpyFolds {

    private final int[] mt = new int[624];
    private int index = 624;

    private LegacyNumpyFolds(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < 624; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    /**
     * Fold (0..k-1) of each row: rows 0..first-1 are of the first class (in order of
     * appearance), the remaining {@code second} rows of the other.
     */
    static int[] assign(int first, int second, int k, long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be in 0..2^32-1 (NumPy's legacy seeding), got " + seed);
        }
        LegacyNumpyFolds rng = new LegacyNumpyFolds(seed);
        int n = first + second;
        // round robin over the rows sorted by class gives each fold's count per class
        int[][] allocation = new int[k][2];
        for (int i = 0; i < n; i++) {
            allocation[i % k][i < first ? 0 : 1]++;
        }
        int[] folds = new int[n];
        int offset = 0;
        for (int cls = 0; cls < 2; cls++) {
            int size = cls == 0 ? first : second;
            int[] block = new int[size];
            int at = 0;
            for (int f = 0; f < k; f++) {
                for (int c = 0; c < allocation[f][cls]; c++) {
                    block[at++] = f;
                }
            }
            for (int i = size - 1; i > 0; i--) {
                int j = (int) rng.interval(i);
                int t = block[i];
                block[i] = block[j];
                block[j] = t;
            }
            System.arraycopy(block, 0, folds, offset, size);
            offset += size;
        }
        return folds;
    }

    /** A uniform integer in 0..max by masked rejection (NumPy's random_interval, 32-bit path). */
    private long interval(long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = next() & mask;
        } while (v > max);
        return v;
    }

    /** The next 32-bit output of MT19937, as an unsigned value. */
    private long next() {
        if (index >= 624) {
            for (int i = 0; i < 624; i++) {
                int y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
                mt[i] = mt[(i + 397) % 624] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }
}
