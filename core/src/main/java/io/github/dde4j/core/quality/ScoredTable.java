package io.github.dde4j.core.quality;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.table.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as the report sees it: per scored column either numbers (NaN = missing) or labels
 * (the cell text, {@link #MISSING} = missing). Column kinds come from the real table.
 */
final class ScoredTable {

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

    /** The real table: a column is numerical if every present cell is a number and it is not forced categorical. */
    static ScoredTable real(CsvReader.TextRecords t, QualityOptions o) {
        List<String> names = new ArrayList<>();
        for (String h : t.header()) {
            if (!o.ignore().contains(h)) {
                names.add(h);
            }
        }
        boolean[] numerical = new boolean[names.size()];
        for (int a = 0; a < names.size(); a++) {
            int j = t.header().indexOf(names.get(a));
            boolean all = !o.categorical().contains(names.get(a));
            int present = 0;
            for (int i = 0; i < t.rows().size() && all; i++) {
                String cell = t.rows().get(i)[j];
                if (!isMissing(cell, o)) {
                    present++;
                    all = Double.isFinite(TableSchema.number(cell));
                }
            }
            numerical[a] = all && present > 0;
        }
        return of(t, names, numerical, o);
    }

    /** Another table read with the real table's columns and kinds. */
    static ScoredTable like(ScoredTable real, CsvReader.TextRecords t, QualityOptions o, String role) {
        List<String> expected = new ArrayList<>(t.header());
        expected.removeAll(o.ignore());
        if (!expected.equals(real.names)) {
            throw new IllegalArgumentException("the " + role + " table's columns (" + String.join(", ", expected)
                    + ") differ from the real table's (" + String.join(", ", real.names) + ")");
        }
        return of(t, real.names, real.numerical, o);
    }

    /** The first {@code n} rows. */
    ScoredTable head(int n) {
        double[][] num = new double[numbers.length][];
        String[][] lab = new String[labels.length][];
        for (int a = 0; a < names.size(); a++) {
            num[a] = numbers[a] == null ? null : java.util.Arrays.copyOf(numbers[a], n);
            lab[a] = java.util.Arrays.copyOf(labels[a], n);
        }
        return new ScoredTable(names, numerical, num, lab, n);
    }

    static ScoredTable fromColumns(List<String> names, boolean[] numerical, double[][] numbers, String[][] labels, int rows) {
        return new ScoredTable(names, numerical, numbers, labels, rows);
    }

    static boolean isMissing(String cell, QualityOptions o) {
        return cell == null || cell.isEmpty() || o.missingTokens().contains(cell.trim());
    }

    private static ScoredTable of(CsvReader.TextRecords t, List<String> names, boolean[] numerical, QualityOptions o) {
        int n = t.rows().size();
        double[][] num = new double[names.size()][];
        String[][] lab = new String[names.size()][n];
        for (int a = 0; a < names.size(); a++) {
            int j = t.header().indexOf(names.get(a));
            if (numerical[a]) {
                num[a] = new double[n];
            }
            for (int i = 0; i < n; i++) {
                String cell = t.rows().get(i)[j];
                boolean m = isMissing(cell, o);
                lab[a][i] = m ? MISSING : cell;
                if (numerical[a]) {
                    num[a][i] = m ? Double.NaN : TableSchema.number(cell);
                }
            }
        }
        return new ScoredTable(names, numerical, num, lab, n);
    }
}
