package io.github.dde4j.core.data;

import static io.github.dde4j.core.TestData.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTableTest {

    @Test
    void copiesInAndOut() {
        double[][] rows = {{1, 2}, {3, 4}};
        List<String> names = new ArrayList<>(List.of("a", "b"));
        DataTable t = DataTable.of(names, rows);
        rows[0][0] = 99;
        names.set(0, "z");
        t.toArray()[1][1] = 99;
        t.row(0)[0] = 99;
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, t.toArray());
        assertEquals(List.of("a", "b"), t.columnNames());
        assertThrows(UnsupportedOperationException.class, () -> t.columnNames().set(0, "q"));
    }

    @Test
    void selectsColumnsAndRows() {
        DataTable t = DataTable.of(List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        DataTable s = t.select("c", "a");
        assertEquals(List.of("c", "a"), s.columnNames());
        assertArrayEquals(new double[] {6, 4}, s.row(1));
        assertArrayEquals(new double[] {2, 5, 8}, t.column("b"));
        assertArrayEquals(new double[][] {{7, 8, 9}, {1, 2, 3}}, t.rows(new int[] {2, 0}).toArray());
        assertEquals(2, t.head(2).rowCount());
        assertEquals(List.of("x0", "x1"), DataTable.of(new double[][] {{1, 2}}).columnNames());
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> DataTable.of(List.of("a", "b"), new double[][] {{1, 2}, {3, Double.NaN}}), "row 1, column 1");
        assertMessage(() -> DataTable.of(List.of("a", "b"), new double[][] {{1, 2}, {3}}), "row 1 has dimension 1, expected 2");
        assertMessage(() -> DataTable.of(List.of("a", "b"), new double[0][]), "empty");
        assertMessage(() -> DataTable.of(List.of("a", "a"), new double[][] {{1, 2}}), "'a' appears twice");
        DataTable t = DataTable.of(List.of("a", "b"), new double[][] {{1, 2}});
        assertMessage(() -> t.column("q"), "no column 'q'; available columns: a, b");
        assertMessage(() -> t.rows(new int[] {0, 3}), "row index 3");
    }
}
