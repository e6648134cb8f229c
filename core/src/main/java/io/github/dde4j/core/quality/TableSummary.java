package io.github.dde4j.core.quality;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report's column shapes (categorical columns), column pair trends and missing-value
 * similarity need of one table, mergeable over its parts: the row count; per column the missing
 * cells; per categorical column the count of each label (missing is a label); per pair of
 * numerical columns their {@link CoMoments}; per other pair the count of each joint label, a
 * numerical column cut into the bins the real range places (see {@link QualityReport}).
 * Memory: one entry per distinct label and per distinct joint label.
 */
public final class TableSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ColumnKinds kinds;
    private final double[][] edges; // [column] bin edges of a numerical column, null for categorical ones
    private long rows;
    private final long[] missing;
    private final long[] numbers; // cells read as numbers (not NaN) of a numerical column
    private final List<Map<String, Long>> labelCounts; // null for numerical columns
    private final CoMoments[] moments; // [pair] for numerical pairs, else null
    private final List<Map<String, Long>> jointCounts; // [pair] for the other pairs, else null

    /** An empty summary of a table read with {@code kinds}. */
    public TableSummary(ColumnKinds kinds) {
        this.kinds = kinds;
        int c = kinds.size();
        edges = new double[c][];
        missing = new long[c];
        numbers = new long[c];
        labelCounts = new ArrayList<>();
        for (int a = 0; a < c; a++) {
            edges[a] = kinds.numerical(a) ? ColumnScores.binEdges(kinds.min(a), kinds.max(a)) : null;
            labelCounts.add(kinds.numerical(a) ? null : new HashMap<>());
        }
        int pairs = c * (c - 1) / 2;
        moments = new CoMoments[pairs];
        jointCounts = new ArrayList<>();
        int k = 0;
        for (int a = 0; a < c; a++) {
            for (int b = a + 1; b < c; b++, k++) {
                boolean both = kinds.numerical(a) && kinds.numerical(b);
                moments[k] = both ? new CoMoments() : null;
                jointCounts.add(both ? null : new HashMap<>());
            }
        }
    }

    /** Adds one row: its cells of the scored columns, in {@link ColumnKinds#names()} order. */
    public void add(String[] cells) {
        int c = missing.length;
        double[] x = new double[c];
        String[] label = new String[c];
        for (int a = 0; a < c; a++) {
            boolean m = ScoredTable.isMissing(cells[a], kinds.options());
            missing[a] += m ? 1 : 0;
            if (kinds.numerical(a)) {
                x[a] = kinds.number(cells[a]);
                numbers[a] += Double.isNaN(x[a]) ? 0 : 1;
                label[a] = ColumnScores.binLabel(edges[a], x[a]);
            } else {
                label[a] = m ? ScoredTable.MISSING : cells[a];
                labelCounts.get(a).merge(label[a], 1L, Long::sum);
            }
        }
        int k = 0;
        for (int a = 0; a < c; a++) {
            for (int b = a + 1; b < c; b++, k++) {
                if (moments[k] != null) {
                    moments[k].add(x[a], x[b]);
                } else {
                    jointCounts.get(k).merge(ColumnScores.jointLabel(label[a], label[b]), 1L, Long::sum);
                }
            }
        }
        rows++;
    }

    /** Adds the rows {@code other} summarises (left unchanged). */
    public void merge(TableSummary other) {
        rows += other.rows;
        for (int a = 0; a < missing.length; a++) {
            missing[a] += other.missing[a];
            numbers[a] += other.numbers[a];
            Map<String, Long> into = labelCounts.get(a);
            if (into != null) {
                other.labelCounts.get(a).forEach((l, n) -> into.merge(l, n, Long::sum));
            }
        }
        for (int k = 0; k < moments.length; k++) {
            if (moments[k] != null) {
                moments[k].merge(other.moments[k]);
            } else {
                Map<String, Long> into = jointCounts.get(k);
                other.jointCounts.get(k).forEach((l, n) -> into.merge(l, n, Long::sum));
            }
        }
    }

    /** The rows summarised. */
    public long rows() {
        return rows;
    }

    /** The cells of numerical column {@code a} read as numbers: its values in the column shape (KS) test. */
    public long numbers(int a) {
        return numbers[a];
    }

    double missingShare(int a) {
        return (double) missing[a] / rows;
    }

    /** The label counts of a categorical column. */
    Map<String, Long> labelCounts(int a) {
        return labelCounts.get(a);
    }

    /** Pair k (pairs a < b in order) of two numerical columns. */
    CoMoments moments(int k) {
        return moments[k];
    }

    /** Pair k (pairs a < b in order) with a categorical column. */
    Map<String, Long> jointCounts(int k) {
        return jointCounts.get(k);
    }
}
