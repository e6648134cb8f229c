package io.github.dde4j.core.data;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import java.util.Arrays;

/**
 * Seeded random train/test splits. The test set has round(n * testFraction) rows, clamped to
 * 1 .. n-1 so both parts are non-empty; which rows go where is a uniformly random subset drawn by a
 * Fisher-Yates shuffle from {@link RandomSources#seeded(long)}; both parts keep the original row
 * order. The same seed and n always give the same split. {@link #evenlySpaced} thins rows without
 * randomness.
 */
public final class Splits {

    private Splits() {
    }

    /** Splits the rows of an n x d array (n >= 2); the returned arrays hold copies of the rows. */
    public static Split<double[][]> trainTest(double[][] data, double testFraction, long seed) {
        Checks.requirePoints(data, -1, "data");
        int[][] idx = indices(data.length, testFraction, seed);
        return new Split<>(pick(data, idx[0]), pick(data, idx[1]), idx[0], idx[1]);
    }

    /**
     * At most {@code max} rows of {@code rows}, evenly strided and in order: row
     * floor(i n / max) for i = 0 .. max-1 (deterministic, so a figure or a proposal built from them
     * is the same on every run). The rows are shared, not copied; {@code rows} itself is returned
     * when it has no more than {@code max} rows.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static double[][] evenlySpaced(double[][] rows, int max) {
        Checks.requireNonNull(rows, "rows");
        Checks.requireAtLeast(max, 0, "max");
        if (rows.length <= max) {
            return rows;
        }
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            out[i] = rows[(int) ((long) i * rows.length / max)];
        }
        return out;
    }

    /** Splits the rows of a table (n >= 2). */
    public static Split<DataTable> trainTest(DataTable table, double testFraction, long seed) {
        Checks.requireNonNull(table, "table");
        int[][] idx = indices(table.rowCount(), testFraction, seed);
        return new Split<>(table.rows(idx[0]), table.rows(idx[1]), idx[0], idx[1]);
    }

    /**
     * The test indices and training indices for n rows: {@code {train, test}}, each sorted.
     *
     * @throws IllegalArgumentException if n &lt; 2 or testFraction is not in (0, 1)
     */
    public static int[][] indices(int n, double testFraction, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 rows to split, got " + n);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int nTest = (int) Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
        // the first nTest slots become a uniform random subset
        int[] perm = RandomSources.partialPermutation(n, nTest, RandomSources.seeded(seed));
        int[] test = Arrays.copyOfRange(perm, 0, nTest);
        int[] train = Arrays.copyOfRange(perm, nTest, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new int[][] {train, test};
    }

    private static double[][] pick(double[][] data, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int a = 0; a < rows.length; a++) {
            out[a] = data[rows[a]].clone();
        }
        return out;
    }
}
