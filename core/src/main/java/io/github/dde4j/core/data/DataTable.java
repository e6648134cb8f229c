package io.github.dde4j.core.data;

import io.github.dde4j.core.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable numeric table: named columns and n rows of finite doubles. Arrays are copied on
 * the way in and on the way out, so neither the caller nor a consumer can change a table.
 */
public final class DataTable {

    private final List<String> columns;
    private final double[][] rows;

    private DataTable(List<String> columns, double[][] rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * A table with the given column names and rows (copied).
     *
     * @throws IllegalArgumentException for duplicate or blank names, no rows, ragged rows, or a
     *                                  non-finite value (naming its row and column)
     */
    public static DataTable of(List<String> columnNames, double[][] rows) {
        List<String> names = checkNames(columnNames);
        Checks.requirePoints(rows, names.size(), "rows");
        return new DataTable(names, Checks.copy(rows));
    }

    /** A table with columns named x0, x1, ... */
    public static DataTable of(double[][] rows) {
        int d = Checks.requirePoints(rows, -1, "rows");
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        return new DataTable(Collections.unmodifiableList(names), Checks.copy(rows));
    }

    /** Takes ownership of already validated rows: used by the readers, which build fresh arrays. */
    static DataTable wrap(List<String> names, double[][] rows) {
        return new DataTable(List.copyOf(names), rows);
    }

    private static List<String> checkNames(List<String> columnNames) {
        if (columnNames == null || columnNames.isEmpty()) {
            throw new IllegalArgumentException("column names are null or empty");
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < columnNames.size(); j++) {
            String name = columnNames.get(j);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("column " + j + " has a blank name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("column name '" + name + "' appears twice");
            }
        }
        return List.copyOf(columnNames);
    }

    /** The column names, in order (unmodifiable). */
    public List<String> columnNames() {
        return columns;
    }

    /** Number of rows n. */
    public int rowCount() {
        return rows.length;
    }

    /** Number of columns d. */
    public int columnCount() {
        return columns.size();
    }

    /** The index of a column. @throws IllegalArgumentException listing the available names */
    public int columnIndex(String name) {
        int j = columns.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; available columns: " + String.join(", ", columns));
        }
        return j;
    }

    /** The value at row i, column j. */
    public double get(int i, int j) {
        return rows[i][j];
    }

    /** A copy of row i. */
    public double[] row(int i) {
        return rows[i].clone();
    }

    /** A copy of one column by index. */
    public double[] column(int j) {
        if (j < 0 || j >= columns.size()) {
            throw new IllegalArgumentException("column index " + j + " out of range 0.." + (columns.size() - 1));
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }

    /** A copy of one column by name. */
    public double[] column(String name) {
        return column(columnIndex(name));
    }

    /** A copy of all rows as an n x d array. */
    public double[][] toArray() {
        return Checks.copy(rows);
    }

    /** A table with only the named columns, in the given order. */
    public DataTable select(String... names) {
        return select(List.of(names));
    }

    /** A table with only the named columns, in the given order. */
    public DataTable select(List<String> names) {
        List<String> picked = checkNames(names);
        int[] idx = new int[picked.size()];
        for (int a = 0; a < idx.length; a++) {
            idx[a] = columnIndex(picked.get(a));
        }
        double[][] out = new double[rows.length][idx.length];
        for (int i = 0; i < rows.length; i++) {
            for (int a = 0; a < idx.length; a++) {
                out[i][a] = rows[i][idx[a]];
            }
        }
        return new DataTable(picked, out);
    }

    /** A table with the given rows (indices may repeat), in the given order. */
    public DataTable rows(int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("row indices are null or empty");
        }
        double[][] out = new double[indices.length][];
        for (int a = 0; a < indices.length; a++) {
            int i = indices[a];
            if (i < 0 || i >= rows.length) {
                throw new IllegalArgumentException("row index " + i + " (position " + a + ") out of range 0.." + (rows.length - 1));
            }
            out[a] = rows[i].clone();
        }
        return new DataTable(columns, out);
    }

    /** The first {@code n} rows (all if n >= rowCount()). */
    public DataTable head(int n) {
        Checks.requireAtLeast(n, 1, "n");
        int m = Math.min(n, rows.length);
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) {
            out[i] = rows[i].clone();
        }
        return new DataTable(columns, out);
    }

    @Override
    public String toString() {
        return "DataTable(" + rows.length + " rows x " + columns + ")";
    }
}
