package io.github.dde4j.core.data;

import static io.github.dde4j.core.TestData.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void partitionsTheRowsReproducibly() {
        double[][] data = new double[101][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {i, -i};
        }
        Split<double[][]> s = Splits.trainTest(data, 0.2, 5);
        assertEquals(20, s.test().length);
        assertEquals(81, s.train().length);
        boolean[] seen = new boolean[101];
        for (int i : s.trainRows()) {
            seen[i] = true;
        }
        for (int i : s.testRows()) {
            assertFalse(seen[i], "disjoint");
            seen[i] = true;
        }
        for (boolean b : seen) {
            assertTrue(b, "covering");
        }
        assertEquals(s.testRows()[3], (int) s.test()[3][0]);
        assertArrayEquals(s.testRows(), Splits.trainTest(data, 0.2, 5).testRows());
        assertFalse(Arrays.equals(s.testRows(), Splits.trainTest(data, 0.2, 6).testRows()));
        s.test()[0][0] = -1;
        assertEquals(s.testRows()[0], (int) data[s.testRows()[0]][0], "copies, not views");
        Split<DataTable> t = Splits.trainTest(DataTable.of(List.of("a", "b"), data), 0.2, 5);
        assertArrayEquals(s.testRows(), t.testRows());
        assertEquals(20, t.test().rowCount());
        assertEquals(1, Splits.trainTest(new double[][] {{1}, {2}}, 0.01, 1).test().length);
        assertEquals(1, Splits.trainTest(new double[][] {{1}, {2}}, 0.99, 1).train().length);
    }

    @Test
    void everyRowIsEquallyLikelyToBeInTheTestSet() {
        int n = 10;
        long[] counts = new long[n];
        int reps = 4000;
        for (int seed = 0; seed < reps; seed++) {
            for (int i : Splits.indices(n, 0.3, seed)[1]) {
                counts[i]++;
            }
        }
        double[] expected = new double[n];
        Arrays.fill(expected, reps * 3.0 / n);
        assertTrue(new ChiSquareTest().chiSquareTest(expected, counts) > 1e-4);
    }

    @Test
    void evenlySpacedTakesEveryStrideRowInOrder() {
        double[][] rows = new double[10][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i};
        }
        double[][] four = Splits.evenlySpaced(rows, 4);
        // floor(i * 10 / 4) for i = 0..3
        assertArrayEquals(new double[][] {{0}, {2}, {5}, {7}}, four);
        assertTrue(Splits.evenlySpaced(rows, 10) == rows, "no more rows than max: the array itself");
        assertEquals(0, Splits.evenlySpaced(rows, 0).length);
        assertMessage(() -> Splits.evenlySpaced(rows, -1), "max");
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> Splits.trainTest(new double[][] {{1}}, 0.5, 1), "at least 2 rows");
        assertMessage(() -> Splits.trainTest(new double[][] {{1}, {2}}, 1.0, 1), "testFraction");
        assertMessage(() -> Splits.trainTest(new double[][] {{1}, {2}}, Double.NaN, 1), "testFraction");
        assertMessage(() -> Splits.trainTest(new double[][] {{1}, {Double.NaN}}, 0.5, 1), "row 1, column 0");
    }
}
