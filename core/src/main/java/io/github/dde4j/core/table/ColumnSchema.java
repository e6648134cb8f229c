package io.github.dde4j.core.table;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One column of a table: its name and type, and what its cells may hold.
 *
 * @param name       the header name
 * @param type       the column type
 * @param categories categorical and boolean columns: the labels seen in training (or named by the
 *                   metadata), sorted; null for other types
 * @param format     date and datetime columns: the java.time pattern of the cells (for example
 *                   {@code uuuu-MM-dd}); null for other types
 * @param decimals   numerical columns: digits after the decimal point written back (null: the
 *                   cells use exponents, and values are written unrounded); 0 for integers
 * @param min        ordered types: the lower bound of the output, as a cell (observed minimum
 *                   unless the metadata widens it); null for other types
 * @param max        ordered types: the upper bound, as a cell
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSchema(String name, ColumnType type, List<String> categories, String format,
                           Integer decimals, String min, String max) {

    /** Checks that the fields fit the type. */
    public ColumnSchema {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("column name is blank");
        }
        if (type == null) {
            throw new IllegalArgumentException("column '" + name + "': no type");
        }
        boolean labelled = type == ColumnType.CATEGORICAL || type == ColumnType.BOOLEAN;
        if (labelled != (categories != null)) {
            throw new IllegalArgumentException("column '" + name + "': " + (labelled
                    ? "a " + type.id() + " column needs its categories" : "type " + type.id() + " takes no categories"));
        }
        if (type == ColumnType.BOOLEAN && categories.size() > 2) {
            throw new IllegalArgumentException("column '" + name + "': type boolean, but it has " + categories.size()
                    + " values: " + String.join(", ", categories));
        }
        boolean dated = type == ColumnType.DATE || type == ColumnType.DATETIME;
        if (dated != (format != null)) {
            throw new IllegalArgumentException("column '" + name + "': " + (dated
                    ? "a " + type.id() + " column needs a format" : "type " + type.id() + " takes no date format"));
        }
        if (decimals != null && (decimals < 0 || decimals > 15 || !(type == ColumnType.NUMERICAL || type == ColumnType.INTEGER))) {
            throw new IllegalArgumentException("column '" + name + "': decimals " + decimals
                    + " (allowed for numerical columns only, 0 to 15)");
        }
        if (!type.isOrdered() && (min != null || max != null)) {
            throw new IllegalArgumentException("column '" + name + "': type " + type.id() + " takes no min or max");
        }
        categories = categories == null ? null : List.copyOf(categories);
    }
}
