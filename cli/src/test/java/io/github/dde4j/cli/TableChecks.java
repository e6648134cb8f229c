package io.github.dde4j.cli;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.table.ColumnSchema;
import io.github.dde4j.core.table.TableSchema;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a sampled table keeps the training table's schema (the round trip of docs/tables.md). */
final class TableChecks {

    private TableChecks() {
    }

    /**
     * Same header; numbers parse with at most the column's decimals; integers are whole; dates
     * parse in the column's format; labels are training labels; identifiers name no training row;
     * each column's missing share within {@code missingTolerance} of the training table's.
     */
    static void assertSchemaKept(CsvReader.TextRecords training, CsvReader.TextRecords sampled, TableSchema schema,
                                 double missingTolerance) {
        assertEquals(training.header(), sampled.header(), "header");
        for (int j = 0; j < schema.columns().size(); j++) {
            ColumnSchema c = schema.columns().get(j);
            Set<String> seen = new HashSet<>();
            for (String[] r : training.rows()) {
                seen.add(r[j]);
            }
            DateTimeFormatter dates = c.format() == null ? null
                    : DateTimeFormatter.ofPattern(c.format(), java.util.Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
            int missing = 0;
            for (String[] r : sampled.rows()) {
                String cell = r[j];
                if (schema.isMissing(cell)) {
                    missing++;
                    continue;
                }
                String where = "column " + c.name() + ", cell '" + cell + "'";
                switch (c.type()) {
                    case NUMERICAL, INTEGER -> {
                        assertTrue(Double.isFinite(TableSchema.number(cell)), where);
                        int dot = cell.indexOf('.');
                        int decimals = dot < 0 ? 0 : cell.length() - dot - 1;
                        assertTrue(decimals <= (c.decimals() == null ? 17 : c.decimals()), where + " has " + decimals + " decimals");
                    }
                    case DATE, DATETIME -> dates.parse(cell);
                    case CATEGORICAL, BOOLEAN -> assertTrue(seen.contains(cell), where + " is not a training label");
                    case IDENTIFIER -> assertFalse(seen.contains(cell), where + " names a training row");
                    default -> throw new AssertionError(c.type());
                }
            }
            double trainShare = share(training, j, schema);
            double share = (double) missing / sampled.rows().size();
            if (trainShare > 0) {
                System.out.printf(java.util.Locale.ROOT, "missing share of column %s: %.4f sampled, %.4f in training%n",
                        c.name(), share, trainShare);
            }
            assertEquals(trainShare, share, missingTolerance, "missing share of column " + c.name());
        }
    }

    private static double share(CsvReader.TextRecords t, int j, TableSchema schema) {
        int m = 0;
        for (String[] r : t.rows()) {
            m += schema.isMissing(r[j]) ? 1 : 0;
        }
        return (double) m / t.rows().size();
    }
}
