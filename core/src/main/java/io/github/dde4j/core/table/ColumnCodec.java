package io.github.dde4j.core.table;

import io.github.dde4j.core.data.CsvReader;
import org.apache.commons.rng.UniformRandomProvider;

/** Encodes and decodes one column's cells with its fitted {@link ColumnCoding}. */
final class ColumnCodec {

    private ColumnCodec() {
    }

    static void encode(TableSchema schema, ColumnSchema col, ColumnCoding c, CsvReader.TextRecords table, int j,
                       UniformRandomProvider rng, double labelNoise, double[][] out) {
        if (c.kind() == ColumnCoding.Kind.IDENTIFIER) {
            return;
        }
        double[] means = c.means();
        double[] scales = c.scales();
        int last = c.width() - 1;
        for (int i = 0; i < out.length; i++) {
            String cell = table.rows().get(i)[j];
            double[] row = out[i];
            if (schema.isMissing(cell)) {
                if (!c.hasMissing()) {
                    throw new IllegalArgumentException("column '" + c.name() + "': row " + (i + 1)
                            + " is missing, but the training rows had no missing value in this column");
                }
                for (int k = 0; k < c.width(); k++) {
                    row[c.offset() + k] = c.kind() == ColumnCoding.Kind.ORDERED && k == 0 ? 0.0 : ((k == last ? 1 : 0) + jitter(rng, labelNoise) - means[k]) / scales[k];
                }
                continue;
            }
            String value = cell.trim();
            switch (c.kind()) {
                case CONSTANT -> {
                    if (!value.equals(c.constant()) && !(col.type().isOrdered()
                            && Cells.value(col, value) == Cells.value(col, c.constant()))) {
                        throw new IllegalArgumentException("column '" + c.name() + "': row " + (i + 1) + " has '" + value
                                + "', but the training rows held only '" + c.constant() + "'");
                    }
                }
                case ORDERED -> {
                    double v = Cells.value(col, value);
                    if (Double.isNaN(v)) {
                        throw new IllegalArgumentException("column '" + c.name() + "': row " + (i + 1) + " has '" + value
                                + "', not a " + col.type().id() + (col.format() == null ? "" : " in format " + col.format()));
                    }
                    if (rng != null && c.step() > 0) {
                        v += (rng.nextDouble() - 0.5) * c.step();
                    }
                    double y = "log1p".equals(c.transform()) ? Math.log1p(v / c.transformScale()) : v;
                    row[c.offset()] = (y - means[0]) / scales[0];
                }
                case LEVELS -> {
                    int at = c.levels().indexOf(value);
                    if (at < 0) {
                        throw new IllegalArgumentException("column '" + c.name() + "': row " + (i + 1) + " has '" + value
                                + "', a category the training rows did not have; known: " + String.join(", ", c.levels()));
                    }
                    for (int k = 0; k < c.width(); k++) {
                        row[c.offset() + k] = ((k == at ? 1 : 0) + jitter(rng, labelNoise) - means[k]) / scales[k];
                    }
                    continue;
                }
                default -> throw new IllegalStateException(c.kind().toString());
            }
            if (c.hasMissing()) {
                row[c.offset() + last] = (jitter(rng, labelNoise) - means[last]) / scales[last];
            }
        }
    }

    /** Uniform noise of width {@code w} centred on 0, or 0 without a random source. */
    private static double jitter(UniformRandomProvider rng, double w) {
        return rng == null ? 0 : (rng.nextDouble() - 0.5) * w;
    }

    static String decode(ColumnSchema col, ColumnCoding c, double[] row, long rowIndex) {
        if (c.kind() == ColumnCoding.Kind.IDENTIFIER) {
            return c.name() + "-" + (rowIndex + 1);
        }
        double[] means = c.means();
        double[] scales = c.scales();
        int last = c.width() - 1;
        if (c.kind() == ColumnCoding.Kind.LEVELS) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c.width(); k++) {
                double raw = row[c.offset() + k] * scales[k] + means[k] + c.labelOffset(k);
                if (raw > bestValue) {
                    best = k;
                    bestValue = raw;
                }
            }
            return best < c.levels().size() ? c.levels().get(best) : "";
        }
        if (c.hasMissing() && row[c.offset() + last] * scales[last] + means[last] > c.threshold()) {
            return "";
        }
        if (c.kind() == ColumnCoding.Kind.CONSTANT) {
            return c.constant();
        }
        double y = row[c.offset()] * scales[0] + means[0];
        double v = "log1p".equals(c.transform()) ? Math.expm1(y) * c.transformScale() : y;
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("column '" + c.name() + "': an encoded value is NaN");
        }
        return Cells.format(col, Math.max(c.min(), Math.min(c.max(), v)));
    }
}
