package io.github.dde4j.core.quality;

import io.github.dde4j.core.table.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first look at the real table, mergeable over its parts: per scored column, whether every
 * present cell is a number, and the smallest and largest of them. It decides the columns'
 * {@link ColumnKinds kinds} (a column is numerical when every present cell is a finite number and
 * the options do not make it categorical).
 */
public final class ColumnProfile implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final QualityOptions options;
    private final long[] present;
    private final boolean[] notNumber;
    private final double[] min;
    private final double[] max;

    private ColumnProfile(List<String> names, QualityOptions options) {
        this.names = List.copyOf(names);
        this.options = options;
        int c = names.size();
        present = new long[c];
        notNumber = new boolean[c];
        min = new double[c];
        max = new double[c];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /**
     * An empty profile of the real table's scored columns: its header without the ignored ones.
     *
     * @throws IllegalArgumentException if every column is ignored
     */
    public static ColumnProfile of(List<String> realHeader, QualityOptions options) {
        QualityOptions o = options == null ? QualityOptions.defaults() : options;
        List<String> names = new ArrayList<>(realHeader);
        names.removeAll(o.ignore());
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no columns left to score (all are ignored)");
        }
        return new ColumnProfile(names, o);
    }

    /** The scored columns, in the real table's order. */
    public List<String> names() {
        return names;
    }

    /** Adds one row: its cells of the scored columns, in {@link #names()} order (null or blank = missing). */
    public void add(String[] cells) {
        for (int a = 0; a < cells.length; a++) {
            String cell = cells[a];
            if (ScoredTable.isMissing(cell, options)) {
                continue;
            }
            present[a]++;
            if (notNumber[a]) {
                continue;
            }
            double v = TableSchema.number(cell);
            if (Double.isFinite(v)) {
                min[a] = Math.min(min[a], v);
                max[a] = Math.max(max[a], v);
            } else {
                notNumber[a] = true;
            }
        }
    }

    /** Adds the rows {@code other} profiles (left unchanged). */
    public void merge(ColumnProfile other) {
        for (int a = 0; a < present.length; a++) {
            present[a] += other.present[a];
            notNumber[a] |= other.notNumber[a];
            min[a] = Math.min(min[a], other.min[a]);
            max[a] = Math.max(max[a], other.max[a]);
        }
    }

    /** The columns' kinds the profiled rows imply. */
    public ColumnKinds kinds() {
        boolean[] numerical = new boolean[names.size()];
        for (int a = 0; a < numerical.length; a++) {
            numerical[a] = !notNumber[a] && present[a] > 0 && !options.categorical().contains(names.get(a));
        }
        return new ColumnKinds(names, numerical, min, max, options);
    }
}
