package io.github.dde4j.core.table;

import io.github.dde4j.core.data.CsvReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a table in header order, with their types, and the cells that mean a missing
 * value. Detected from a CSV file by {@link #detect}, where a {@link TableMetadata} may state any
 * property; stored with a model (it round-trips through Jackson).
 *
 * <p>Detection, per column, on the cells that are not missing:
 * <ol>
 *   <li>every cell a plain decimal number: categorical if at most {@value #FEW_VALUES} distinct
 *       values among at least {@value #MIN_ROWS_FOR_FEW} cells, else integer if none has a decimal
 *       point or exponent, else numerical (decimals: the most digits after the point);</li>
 *   <li>every cell true/false or yes/no (any case): boolean;</li>
 *   <li>every cell a date in one of the known formats (ISO first; month/day before day/month when
 *       both parse): date, or datetime for formats with a time of day;</li>
 *   <li>otherwise text: identifier if more than {@value #IDENTIFIER_MIN_DISTINCT} distinct values
 *       and at least half of the cells distinct, else categorical.</li>
 * </ol>
 * A cell is missing when it is blank or, after trimming, one of the metadata's missing tokens.
 *
 * @param columns       the columns, in header order
 * @param missingTokens cells besides blank ones that mean a missing value
 */
public record TableSchema(List<ColumnSchema> columns, List<String> missingTokens) {

    /** Numeric columns with at most this many distinct values are categorical. */
    public static final int FEW_VALUES = 5;
    /** ... when they have at least this many non-missing cells. */
    public static final int MIN_ROWS_FOR_FEW = 20;
    /** Text columns with more distinct values than this (and half of cells distinct) are identifiers. */
    public static final int IDENTIFIER_MIN_DISTINCT = 20;

    /** Copies the lists; checks that names are distinct. */
    public TableSchema {
        columns = List.copyOf(columns);
        missingTokens = missingTokens == null ? List.of() : List.copyOf(missingTokens);
        Set<String> seen = new java.util.HashSet<>();
        for (ColumnSchema c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("column '" + c.name() + "' appears twice in the schema");
            }
        }
    }

    /** The column names, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (ColumnSchema c : columns) {
            out.add(c.name());
        }
        return out;
    }

    /** The column called {@code name}. */
    public ColumnSchema column(String name) {
        for (ColumnSchema c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "'; columns: " + String.join(", ", names()));
    }

    /** True if the cell is a missing value under this schema. */
    public boolean isMissing(String cell) {
        return isMissing(cell, missingTokens);
    }

    /**
     * A cell as a plain decimal number (surrounding blanks allowed), or NaN when it is not one:
     * the test detection applies to numeric columns. NaN and infinity words, hexadecimal and type
     * suffixes are not numbers.
     */
    public static double number(String cell) {
        return cell == null ? Double.NaN : Cells.number(cell);
    }

    static boolean isMissing(String cell, List<String> tokens) {
        return cell == null || cell.isBlank() || (!tokens.isEmpty() && tokens.contains(cell.trim()));
    }

    /**
     * The schema of a table read as text: detected types, overridden by {@code metadata}.
     *
     * @throws IllegalArgumentException naming the column: a column whose every cell is missing,
     *                                  metadata naming a column the table lacks, or a stated type
     *                                  or category the cells contradict
     */
    public static TableSchema detect(CsvReader.TextRecords table, TableMetadata metadata) {
        TableMetadata meta = metadata == null ? TableMetadata.NONE : metadata;
        for (String named : meta.columns().keySet()) {
            if (!table.header().contains(named)) {
                throw new IllegalArgumentException("metadata names column '" + named + "', which the table lacks; columns: "
                        + String.join(", ", table.header()));
            }
        }
        List<ColumnSchema> out = new ArrayList<>();
        for (int j = 0; j < table.header().size(); j++) {
            String name = table.header().get(j);
            List<String> cells = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < table.rows().size(); i++) {
                String cell = table.rows().get(i)[j];
                if (!isMissing(cell, meta.missing())) {
                    cells.add(cell.trim());
                    rows.add(i + 1);
                }
            }
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("column '" + name + "': every cell is empty (missing); drop the column");
            }
            out.add(ColumnDetector.detect(name, cells, rows, meta.columns().get(name)));
        }
        return new TableSchema(out, meta.missing());
    }

    /** The distinct values of {@code cells}, sorted. */
    static List<String> distinctSorted(List<String> cells) {
        List<String> d = new ArrayList<>(new LinkedHashSet<>(cells));
        d.sort(null);
        return d;
    }
}
