package io.github.dde4j.core.table;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a table column holds; written in lower case in metadata and schema files. */
public enum ColumnType {
    /** Real numbers, written back with the column's number of decimals. */
    NUMERICAL,
    /** Whole numbers. */
    INTEGER,
    /** A fixed set of labels (text, or numbers with few distinct values). */
    CATEGORICAL,
    /** Two labels such as true/false or yes/no, spelled as in the input. */
    BOOLEAN,
    /** Calendar dates in one format (ISO or another common one), written back in it. */
    DATE,
    /** Dates with a time of day, in one format, written back in it. */
    DATETIME,
    /** Near-unique text such as names or keys: not modelled; output gets fresh values. */
    IDENTIFIER;

    /** The lower-case name used in files. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code id} (any case). */
    @JsonCreator
    public static ColumnType of(String id) {
        for (ColumnType t : values()) {
            if (t.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown column type '" + id + "'; known types: numerical, integer, "
                + "categorical, boolean, date, datetime, identifier");
    }

    /** True for the types whose cells are numbers or dates (ordered values). */
    public boolean isOrdered() {
        return this == NUMERICAL || this == INTEGER || this == DATE || this == DATETIME;
    }
}
