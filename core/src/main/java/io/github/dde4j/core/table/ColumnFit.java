package io.github.dde4j.core.table;

import io.github.dde4j.core.data.CsvReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Fits one column's {@link ColumnCoding} to training rows; see {@link TableEncoder}. */
final class ColumnFit {

    private ColumnFit() {
    }

    /** {@code labelNoise}: the width of the dequantisation noise of 0/1 dimensions, part of their variance. */
    static ColumnCoding fit(TableSchema schema, ColumnSchema col, CsvReader.TextRecords training, int j, int offset,
                            double labelNoise) {
        int n = training.rows().size();
        List<String> present = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cell = training.rows().get(i)[j];
            if (!schema.isMissing(cell)) {
                present.add(cell.trim());
                rows.add(i + 1);
            }
        }
        if (present.isEmpty()) {
            throw new IllegalArgumentException("column '" + col.name() + "': every training cell is empty (missing)");
        }
        double p = (n - present.size()) / (double) n;
        double[] indicator = p > 0 ? new double[] {p, Math.sqrt(p * (1 - p) + labelNoise * labelNoise / 12)} : null;
        switch (col.type()) {
            case IDENTIFIER:
                return new ColumnCoding(col.name(), ColumnCoding.Kind.IDENTIFIER, offset, 0, null, 0, 0, 0, 0, null,
                        new double[0], new double[0], p, null, null, null);
            case CATEGORICAL:
            case BOOLEAN:
                return levels(col, present, rows, p, offset, labelNoise);
            default:
                break;
        }
        double[] v = new double[present.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Cells.value(col, present.get(i));
            if (Double.isNaN(v[i])) {
                throw new IllegalArgumentException("column '" + col.name() + "': row " + rows.get(i) + " has '" + present.get(i)
                        + "', not a " + col.type().id() + (col.format() == null ? "" : " in format " + col.format()));
            }
        }
        double lo = Arrays.stream(v).min().orElseThrow();
        double hi = Arrays.stream(v).max().orElseThrow();
        if (lo == hi) {
            return constant(col, present.get(0), p, indicator, offset);
        }
        String transform = "none";
        double transformScale = 1;
        if ((col.type() == ColumnType.NUMERICAL || col.type() == ColumnType.INTEGER) && lo >= 0) {
            double skew = skewness(v);
            double m = medianPositive(v);
            if (skew > TableEncoder.SKEW_LIMIT && Math.abs(skewness(log1p(v, m))) < skew) {
                transform = "log1p";
                transformScale = m;
            }
        }
        double[] y = "log1p".equals(transform) ? log1p(v, transformScale) : v;
        double mean = Arrays.stream(y).average().orElseThrow();
        double var = 0;
        for (double t : y) {
            var += (t - mean) * (t - mean);
        }
        double sd = Math.sqrt(var / y.length);
        double min = col.min() == null ? lo : Cells.value(col, col.min());
        double max = col.max() == null ? hi : Cells.value(col, col.max());
        double[] means = indicator == null ? new double[] {mean} : new double[] {mean, indicator[0]};
        double[] scales = indicator == null ? new double[] {sd} : new double[] {sd, indicator[1]};
        return new ColumnCoding(col.name(), ColumnCoding.Kind.ORDERED, offset, means.length, transform, transformScale,
                Cells.step(col), Math.min(min, lo), Math.max(max, hi), null, means, scales, p, null, null, null);
    }

    private static ColumnCoding levels(ColumnSchema col, List<String> present, List<Integer> rows, double p, int offset,
                                       double labelNoise) {
        Set<String> seen = new LinkedHashSet<>(present);
        for (int i = 0; i < present.size(); i++) {
            if (!col.categories().contains(present.get(i))) {
                throw new IllegalArgumentException("column '" + col.name() + "': row " + rows.get(i) + " has '" + present.get(i)
                        + "', not one of the categories " + col.categories());
            }
        }
        List<String> levels = new ArrayList<>();
        for (String c : col.categories()) {
            if (seen.contains(c)) {
                levels.add(c); // categories only from training: unseen ones get no dimension
            }
        }
        if (levels.size() == 1 && p == 0) {
            return constant(col, levels.get(0), 0, null, offset);
        }
        int n = present.size();
        double total = n / (1 - p);
        int width = levels.size() + (p > 0 ? 1 : 0);
        double[] means = new double[width];
        double[] scales = new double[width];
        for (String c : present) {
            means[levels.indexOf(c)] += 1 / total;
        }
        if (p > 0) {
            means[width - 1] = p;
        }
        for (int k = 0; k < width; k++) {
            scales[k] = Math.sqrt(means[k] * (1 - means[k]) + labelNoise * labelNoise / 12);
        }
        return new ColumnCoding(col.name(), ColumnCoding.Kind.LEVELS, offset, width, null, 0, 0, 0, 0, levels, means, scales, p, null, null,
                null);
    }

    private static ColumnCoding constant(ColumnSchema col, String value, double p, double[] indicator, int offset) {
        double[] means = indicator == null ? new double[0] : new double[] {indicator[0]};
        double[] scales = indicator == null ? new double[0] : new double[] {indicator[1]};
        return new ColumnCoding(col.name(), ColumnCoding.Kind.CONSTANT, offset, means.length, null, 0, 0, 0, 0, null,
                means, scales, p, value, null, null);
    }

    static double[] log1p(double[] v, double scale) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log1p(v[i] / scale);
        }
        return out;
    }

    private static double medianPositive(double[] v) {
        double[] pos = Arrays.stream(v).filter(x -> x > 0).sorted().toArray();
        return pos.length == 0 ? 1 : pos[pos.length / 2];
    }

    /** Sample skewness (third standardised moment); 0 for a constant sample. */
    static double skewness(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= v.length;
        m3 /= v.length;
        return m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
    }
}
