package io.github.dde4j.core.quality;

import io.github.dde4j.core.data.CsvReader;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * Reference tables that put a synthetic table's {@link QualityReport} scores in context. Besides
 * fresh real rows (held out from training: what a perfect synthesizer would reach), the training
 * table with its columns shuffled independently keeps every column's distribution and breaks every
 * relation between columns: column shapes score 1, column pair trends score what no dependence at
 * all earns.
 */
public final class Baselines {

    private Baselines() {
    }

    /** A copy of {@code table} with each column's cells permuted on its own (Fisher-Yates per column). */
    public static CsvReader.TextRecords shuffledColumns(CsvReader.TextRecords table, UniformRandomProvider rng) {
        int n = table.rows().size();
        List<String[]> rows = new ArrayList<>(n);
        for (String[] r : table.rows()) {
            rows.add(r.clone());
        }
        for (int j = 0; j < table.header().size(); j++) {
            for (int i = n - 1; i > 0; i--) {
                int k = rng.nextInt(i + 1);
                String cell = rows.get(i)[j];
                rows.get(i)[j] = rows.get(k)[j];
                rows.get(k)[j] = cell;
            }
        }
        return new CsvReader.TextRecords(table.header(), rows);
    }
}
