package io.github.dde4j.core.table;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Detects one column's schema from its non-missing cells; see {@link TableSchema}. */
final class ColumnDetector {

    private ColumnDetector() {
    }

    /**
     * @param cells the non-missing cells, trimmed
     * @param rows  their 1-based data row numbers, for messages
     * @param hint  what the metadata states, or null
     */
    static ColumnSchema detect(String name, List<String> cells, List<Integer> rows, TableMetadata.Column hint) {
        TableMetadata.Column h = hint == null ? new TableMetadata.Column(null, null, null, null, null, null) : hint;
        ColumnType type = h.type();
        String format = h.format();
        if (type == null) {
            type = h.categories() != null ? ColumnType.CATEGORICAL
                    : format != null ? (format.contains("H") ? ColumnType.DATETIME : ColumnType.DATE)
                    : h.decimals() != null ? ColumnType.NUMERICAL : null;
        }
        if (type == null) {
            type = detectType(cells);
        }
        if ((type == ColumnType.DATE || type == ColumnType.DATETIME) && format == null) {
            format = detectFormat(cells, type == ColumnType.DATETIME);
            if (format == null) {
                int bad = firstBadDate(cells);
                throw new IllegalArgumentException("column '" + name + "': type " + type.id() + ", but row " + rows.get(bad)
                        + " has '" + cells.get(bad) + "', in none of the known formats; state the format in the metadata");
            }
        }
        switch (type) {
            case NUMERICAL, INTEGER, DATE, DATETIME:
                return ordered(name, type, format, cells, rows, h);
            case CATEGORICAL, BOOLEAN:
                List<String> categories = h.categories() != null ? h.categories() : categories(cells);
                Set<String> allowed = new HashSet<>(categories);
                for (int i = 0; i < cells.size(); i++) {
                    if (!allowed.contains(cells.get(i))) {
                        throw new IllegalArgumentException("column '" + name + "': row " + rows.get(i) + " has '" + cells.get(i)
                                + "', not one of the stated categories " + categories);
                    }
                }
                return new ColumnSchema(name, type, categories, null, null, null, null);
            default:
                return new ColumnSchema(name, ColumnType.IDENTIFIER, null, null, null, null, null);
        }
    }

    private static ColumnType detectType(List<String> cells) {
        Set<String> distinct = new HashSet<>(cells);
        boolean numbers = true;
        boolean integers = true;
        for (String c : cells) {
            numbers &= Double.isFinite(Cells.number(c));
            integers &= numbers && Cells.decimals(c) == 0;
            if (!numbers) {
                break;
            }
        }
        if (numbers) {
            return distinct.size() <= TableSchema.FEW_VALUES && cells.size() >= TableSchema.MIN_ROWS_FOR_FEW
                    ? ColumnType.CATEGORICAL : integers ? ColumnType.INTEGER : ColumnType.NUMERICAL;
        }
        Set<String> lower = new HashSet<>();
        for (String c : distinct) {
            lower.add(c.toLowerCase(Locale.ROOT));
        }
        if (Set.of("true", "false").containsAll(lower) || Set.of("yes", "no").containsAll(lower)) {
            return ColumnType.BOOLEAN;
        }
        if (detectFormat(cells, false) != null) {
            return ColumnType.DATE;
        }
        if (detectFormat(cells, true) != null) {
            return ColumnType.DATETIME;
        }
        return distinct.size() > TableSchema.IDENTIFIER_MIN_DISTINCT && 2 * distinct.size() >= cells.size()
                ? ColumnType.IDENTIFIER : ColumnType.CATEGORICAL;
    }

    private static String detectFormat(List<String> cells, boolean withTime) {
        for (String pattern : withTime ? Cells.DATETIME_FORMATS : Cells.DATE_FORMATS) {
            DateTimeFormatter f = Cells.formatter(pattern);
            boolean all = true;
            for (int i = 0; i < cells.size() && all; i++) {
                all = !Double.isNaN(Cells.days(cells.get(i), f, withTime));
            }
            if (all) {
                return pattern;
            }
        }
        return null;
    }

    private static int firstBadDate(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (detectFormat(List.of(cells.get(i)), false) == null && detectFormat(List.of(cells.get(i)), true) == null) {
                return i;
            }
        }
        return 0;
    }

    /** Distinct labels, in numeric order if all are numbers, else in text order. */
    private static List<String> categories(List<String> cells) {
        List<String> d = TableSchema.distinctSorted(cells);
        boolean numeric = d.stream().allMatch(s -> Double.isFinite(Cells.number(s)));
        if (numeric) {
            d.sort(Comparator.comparingDouble(Cells::number));
        }
        return d;
    }

    private static ColumnSchema ordered(String name, ColumnType type, String format, List<String> cells, List<Integer> rows,
                                        TableMetadata.Column h) {
        Integer decimals = type == ColumnType.INTEGER ? Integer.valueOf(0) : null;
        if (type == ColumnType.NUMERICAL) {
            int most = 0;
            for (String c : cells) {
                int k = Cells.decimals(c);
                most = k < 0 || most < 0 ? -1 : Math.max(most, k);
            }
            decimals = h.decimals() != null ? h.decimals() : most < 0 ? null : Integer.valueOf(most);
        }
        ColumnSchema probe = new ColumnSchema(name, type, null, format, decimals, null, null);
        int lo = -1;
        int hi = -1;
        double[] v = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            v[i] = Cells.value(probe, cells.get(i));
            if (Double.isNaN(v[i]) || (type == ColumnType.INTEGER && v[i] != Math.rint(v[i]))) {
                throw new IllegalArgumentException("column '" + name + "': type " + type.id() + (format == null ? "" : " (format "
                        + format + ")") + ", but row " + rows.get(i) + " has '" + cells.get(i) + "'");
            }
            lo = lo < 0 || v[i] < v[lo] ? i : lo;
            hi = hi < 0 || v[i] > v[hi] ? i : hi;
        }
        String min = bound(probe, h.min(), "min", v[lo], cells.get(lo), true);
        String max = bound(probe, h.max(), "max", v[hi], cells.get(hi), false);
        return new ColumnSchema(name, type, null, format, decimals, min, max);
    }

    /** The stated bound if it parses and contains the observed extreme, else the observed cell. */
    private static String bound(ColumnSchema c, String stated, String which, double observed, String observedCell, boolean lower) {
        if (stated == null) {
            return observedCell;
        }
        double b = Cells.value(c, stated);
        if (Double.isNaN(b)) {
            throw new IllegalArgumentException("column '" + c.name() + "': metadata " + which + " '" + stated
                    + "' is not a " + c.type().id() + (c.format() == null ? "" : " in format " + c.format()));
        }
        if (lower ? b > observed : b < observed) {
            throw new IllegalArgumentException("column '" + c.name() + "': metadata " + which + " " + stated
                    + " excludes the value " + observedCell + " of the table (bounds may only widen the observed range)");
        }
        return stated.trim();
    }
}
