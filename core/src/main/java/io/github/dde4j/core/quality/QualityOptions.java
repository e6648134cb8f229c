package io.github.dde4j.core.quality;

import io.github.dde4j.core.table.ColumnSchema;
import io.github.dde4j.core.table.ColumnType;
import io.github.dde4j.core.table.TableSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the quality report reads the tables.
 *
 * @param categorical   columns scored as categories even if every cell is a number
 * @param ignore        columns left out of every score (identifiers)
 * @param missingTokens cells besides blank ones that mean a missing value
 * @param seed          seed of the detection folds and of the random rows of the DCR baseline
 */
public record QualityOptions(Set<String> categorical, Set<String> ignore, List<String> missingTokens, long seed)
        implements java.io.Serializable {

    /** Copies the collections; nulls become empty. */
    public QualityOptions {
        categorical = categorical == null ? Set.of() : Set.copyOf(categorical);
        ignore = ignore == null ? Set.of() : Set.copyOf(ignore);
        missingTokens = missingTokens == null ? List.of() : List.copyOf(missingTokens);
    }

    /** Every column typed by its cells, none ignored, only blank cells missing, seed 0. */
    public static QualityOptions defaults() {
        return new QualityOptions(Set.of(), Set.of(), List.of(), 0);
    }

    /**
     * The options a schema implies: its categorical and boolean columns scored as categories,
     * its identifiers ignored, its missing tokens. Dates are text to the report (categories).
     */
    public static QualityOptions of(TableSchema schema, long seed) {
        Set<String> categorical = new LinkedHashSet<>();
        Set<String> ignore = new LinkedHashSet<>();
        for (ColumnSchema c : schema.columns()) {
            if (c.type() == ColumnType.CATEGORICAL || c.type() == ColumnType.BOOLEAN) {
                categorical.add(c.name());
            } else if (c.type() == ColumnType.IDENTIFIER) {
                ignore.add(c.name());
            }
        }
        return new QualityOptions(categorical, ignore, schema.missingTokens(), seed);
    }
}
