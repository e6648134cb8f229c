package io.github.dde4j.core.quality;

import io.github.dde4j.core.table.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The scored columns of a report and how each is read, fixed by the real table (see
 * {@link ColumnProfile}): numerical or categorical, and for a numerical column the range of its
 * real values, which places the bins of the column pair trends and scales the distances to
 * closest records.
 */
public final class ColumnKinds implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final boolean[] numerical;
    private final double[] min;
    private final double[] max;
    private final QualityOptions options;

    ColumnKinds(List<String> names, boolean[] numerical, double[] min, double[] max, QualityOptions options) {
        this.names = List.copyOf(names);
        this.numerical = numerical.clone();
        this.min = min.clone();
        this.max = max.clone();
        this.options = options;
    }

    /** The scored columns, in the real table's order. */
    public List<String> names() {
        return names;
    }

    /** Whether column {@code a} (an index into {@link #names()}) is numerical. */
    public boolean numerical(int a) {
        return numerical[a];
    }

    /** How the tables are read. */
    public QualityOptions options() {
        return options;
    }

    /**
     * The positions of the scored columns in another table's header.
     *
     * @param role the table's name in the error, e.g. "synthetic"
     * @throws IllegalArgumentException if its columns (without the ignored ones) are not the real table's
     */
    public int[] positions(List<String> header, String role) {
        List<String> expected = new ArrayList<>(header);
        expected.removeAll(options.ignore());
        if (!expected.equals(names)) {
            throw new IllegalArgumentException("the " + role + " table's columns (" + String.join(", ", expected)
                    + ") differ from the real table's (" + String.join(", ", names) + ")");
        }
        int[] at = new int[names.size()];
        for (int a = 0; a < at.length; a++) {
            at[a] = header.indexOf(names.get(a));
        }
        return at;
    }

    /** A cell of numerical column {@code a} as the report reads it: NaN if missing or not a number. */
    public double number(String cell) {
        return ScoredTable.isMissing(cell, options) ? Double.NaN : TableSchema.number(cell);
    }

    /** A row's cells of the scored columns, in {@link #names()} order. */
    public static String[] cells(String[] row, int[] positions) {
        String[] out = new String[positions.length];
        for (int a = 0; a < out.length; a++) {
            out[a] = row[positions[a]];
        }
        return out;
    }

    int size() {
        return names.size();
    }

    boolean[] numericalFlags() {
        return numerical.clone();
    }

    /** The smallest real value of a numerical column. */
    double min(int a) {
        return min[a];
    }

    /** The largest real value of a numerical column. */
    double max(int a) {
        return max[a];
    }
}
