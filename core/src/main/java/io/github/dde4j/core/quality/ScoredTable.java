package io.github.dde4j.core.quality;

import io.github.dde4j.core.data.CsvReader;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Rows as the report reads them, column by column: per scored column either numbers (NaN =
 * missing) or labels (the cell text, {@link #MISSING} = missing). Column kinds come from the real
 * table ({@link ColumnKinds}). What the distance to closest record and detection work on; a part of
 * a table (a partition's rows, a sample) is one too.
 */
public final class ScoredTable implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String MISSING = "<missing>";

    final List<String> names;
    final boolean[] numerical;
    final double[][] numbers; // [column][row], null for categorical columns
    final String[][] labels;  // [column][row]
    final int rows;

    private ScoredTable(List<String> names, boolean[] numerical, double[][] numbers, String[][] labels, int rows) {
        this.names = names;
        this.numerical = numerical;
        this.numbers = numbers;
        this.labels = labels;
        this.rows = rows;
    }

    /** Rows given as their cells of the scored columns, in {@link ColumnKinds#names()} order. */
    public static ScoredTable of(ColumnKinds kinds, List<String[]> rows) {
        int n = rows.size();
        int c = kinds.size();
        boolean[] numerical = kinds.numericalFlags();
        double[][] num = new double[c][];
        String[][] lab = new String[c][n];
        for (int a = 0; a < c; a++) {
            if (numerical[a]) {
                num[a] = new double[n];
            }
            for (int i = 0; i < n; i++) {
                String cell = rows.get(i)[a];
                boolean m = isMissing(cell, kinds.options());
                lab[a][i] = m ? MISSING : cell;
                if (numerical[a]) {
                    num[a][i] = kinds.number(cell);
                }
            }
        }
        return new ScoredTable(kinds.names(), numerical, num, lab, n);
    }

    /** A whole table read with the real table's columns and kinds; {@code role} names it in errors. */
    static ScoredTable of(ColumnKinds kinds, CsvReader.TextRecords t, String role) {
        int[] at = kinds.positions(t.header(), role);
        return of(kinds, t.rows().stream().map(r -> ColumnKinds.cells(r, at)).toList());
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The first {@code n} rows. */
    public ScoredTable head(int n) {
        return slice(0, n);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public ScoredTable slice(int from, int to) {
        double[][] num = new double[numbers.length][];
        String[][] lab = new String[labels.length][];
        for (int a = 0; a < names.size(); a++) {
            num[a] = numbers[a] == null ? null : Arrays.copyOfRange(numbers[a], from, to);
            lab[a] = Arrays.copyOfRange(labels[a], from, to);
        }
        return new ScoredTable(names, numerical, num, lab, to - from);
    }

    static ScoredTable fromColumns(List<String> names, boolean[] numerical, double[][] numbers, String[][] labels, int rows) {
        return new ScoredTable(names, numerical, numbers, labels, rows);
    }

    static boolean isMissing(String cell, QualityOptions o) {
        return cell == null || cell.isEmpty() || o.missingTokens().contains(cell.trim());
    }
}
