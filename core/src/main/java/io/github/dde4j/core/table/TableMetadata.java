package io.github.dde4j.core.table;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a user states about a table, overriding detection: extra missing-value tokens and, per
 * column, any of type, categories, date format, decimals and bounds. Read from JSON or YAML:
 * <pre>{@code
 * {"missing": ["NA", "null"],
 *  "columns": {"Year": {"type": "integer", "min": 1965, "max": 1985},
 *              "Name": {"type": "identifier"}}}
 * }</pre>
 *
 * @param missing cells (after trimming) that mean a missing value besides the empty cell
 * @param columns per column name, the stated properties
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TableMetadata(List<String> missing, Map<String, Column> columns) {

    /** No statements: everything detected, only empty cells missing. */
    public static final TableMetadata NONE = new TableMetadata(List.of(), Map.of());

    /** The stated properties of one column; null fields are detected. See {@link ColumnSchema}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(ColumnType type, List<String> categories, String format, Integer decimals,
                         String min, String max) {
        /** Copies the categories. */
        public Column {
            categories = categories == null ? null : List.copyOf(categories);
        }
    }

    /** Copies the lists; nulls become empty. */
    public TableMetadata {
        missing = missing == null ? List.of() : List.copyOf(missing);
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /**
     * Reads a metadata file: YAML if its name ends in .yaml or .yml, JSON otherwise.
     *
     * @throws IllegalArgumentException with one line naming the file, for malformed content,
     *                                  unknown keys or unknown types
     */
    public static TableMetadata read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            TableMetadata m = mapper.readValue(text, TableMetadata.class);
            return m == null ? NONE : m;
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("metadata file " + file + ": unknown key '" + e.getPropertyName()
                    + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String why = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("metadata file " + file + (e.getLocation() == null ? "" : ", line "
                    + e.getLocation().getLineNr()) + ": " + why.lines().findFirst().orElse(why));
        }
    }
}
