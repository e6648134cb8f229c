package io.github.dde4j.core.data;

/**
 * A CSV file whose content cannot be read as a numeric table. The message names the file, the
 * data row (1-based, the header is not counted), the physical line, the column and the value, e.g.
 * {@code file data.csv, row 17 (line 18), column 'waiting': value 'abc' is not a number}.
 */
public final class CsvFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long row;
    private final long line;
    private final String column;

    CsvFormatException(String source, long row, long line, String column, String message) {
        super(message);
        this.source = source;
        this.row = row;
        this.line = line;
        this.column = column;
    }

    /** The file or source name. */
    public String source() {
        return source;
    }

    /** The 1-based data row, or 0 when the problem is in the header or the file as a whole. */
    public long row() {
        return row;
    }

    /** The 1-based physical line where the offending record starts, or 0 if not applicable. */
    public long line() {
        return line;
    }

    /** The column name, or null when the problem is not in one column. */
    public String column() {
        return column;
    }
}
