package io.github.dde4j.spark;

import io.github.dde4j.cli.ModelRows;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;

import java.util.Locale;

/** The table formats the jobs read and write. */
enum Format {
    PARQUET, CSV;

    /** The value of a format flag ("parquet" or "csv"). */
    static Format of(String flag, String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ModelRows.userError(flag + " must be parquet or csv, got '" + value + "'");
        }
    }

    /** A table's format from its name: .csv is CSV, anything else Parquet (a folder of part files). */
    static Format ofName(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : PARQUET;
    }

    /**
     * CSV as the dde4j command writes and reads it: a header, cells quoted with " only when they
     * hold a comma, quote or line break (a quote doubled), spaces kept, an empty cell for a missing
     * one, and every cell read as text. Rows are read one line each (no line break inside a quoted
     * cell), so that a large file splits over tasks.
     */
    static DataFrameWriter<Row> writer(DataFrameWriter<Row> w, Format f) {
        if (f == PARQUET) {
            return w.format("parquet");
        }
        return w.format("csv").option("header", "true").option("quote", "\"").option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
                .option("nullValue", "").option("lineSep", "\n");
    }

    static DataFrameReader reader(DataFrameReader r, Format f) {
        if (f == PARQUET) {
            return r.format("parquet");
        }
        return r.format("csv").option("header", "true").option("inferSchema", "false").option("quote", "\"")
                .option("escape", "\"").option("ignoreLeadingWhiteSpace", "false")
                .option("ignoreTrailingWhiteSpace", "false");
    }
}
