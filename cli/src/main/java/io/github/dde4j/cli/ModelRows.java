package io.github.dde4j.cli;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.DoubleFormat;
import io.github.dde4j.core.data.RowSink;
import io.github.dde4j.core.table.TableEncoder;
import io.github.dde4j.generator.Generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A model file as a job that does the commands' work in parts uses it (the spark module): the rows
 * {@code dde4j sample} writes, drawn from any multiple of {@link #BLOCK} rows on, as the cells of
 * its CSV output, and the per-row log density that {@code dde4j evaluate} averages. Every value
 * comes from the commands' own code (the model's {@link RowSource}, the table encoder, the CSV
 * number format), so a part drawn here is byte for byte that part of the command's output.
 * Not thread-safe: one instance per task.
 */
public final class ModelRows {

    /**
     * Rows per random stream block: block b of seed s draws from {@code RandomSources.stream(s, b)}
     * (the generator's and the Langevin sampler's blocks, which are equal), so a part of a sample
     * starts at a multiple of this.
     */
    public static final int BLOCK = Generator.BLOCK;

    /** The significant digits of {@code dde4j sample}'s numbers by default (a flag's default value). */
    public static final String DEFAULT_DIGITS = SampleCommand.DEFAULT_DIGITS;

    private final Models.Loaded loaded;
    private final RowSource source;

    private ModelRows(Models.Loaded loaded) {
        this.loaded = loaded;
        this.source = loaded.rowSource(null, false, new Common());
    }

    /** Reads a model file written by {@code dde4j fit}; a bad file is an exception that {@link #describe} puts in one line. */
    public static ModelRows read(Path file) throws IOException {
        Inputs.requireFile(file);
        return new ModelRows(Models.load(file));
    }

    /** One line saying what went wrong, as the dde4j command says it. */
    public static String describe(Throwable t) {
        return Errors.describe(t);
    }

    /** Whether {@code t} is the user's doing (bad input, missing file) rather than a bug. */
    public static boolean isUserError(Throwable t) {
        return t instanceof UserException || t instanceof IllegalArgumentException || t instanceof IOException;
    }

    /** An error in the user's input, reported in one line by the commands' error handling. */
    public static RuntimeException userError(String message) {
        return new UserException(message);
    }

    /** Whether the model is a typed table's (its cells are text: labels, dates, empty cells). */
    public boolean typed() {
        return loaded.encoder() != null;
    }

    /** The header {@code dde4j sample} writes. */
    public List<String> header() {
        return typed() ? loaded.encoder().header() : loaded.columns();
    }

    /** The model's columns (a typed model's encoded dimensions), the columns of {@link #logDensity}'s rows. */
    public List<String> columns() {
        return loaded.columns();
    }

    /**
     * Rows {@code [firstRow, firstRow + n)} of {@code dde4j sample --seed seed}, as numbers (a
     * typed model's encoded rows); the sink's arrays are reused between calls.
     *
     * @param firstRow a multiple of {@link #BLOCK}
     */
    public void sample(long firstRow, long n, long seed, RowSink sink) throws IOException {
        source.stream(firstRow, n, seed, Generator.DEFAULT_BATCH, sink);
    }

    /**
     * The CSV cells {@code dde4j sample} writes for {@code rows[0 .. count)}, the sample's rows from
     * {@code firstRow} on: a typed model's decoded cells (null for an empty cell; fresh identifiers
     * numbered from {@code firstRow}), or numbers with {@code digits} significant digits (0: the
     * shortest exact form).
     */
    public String[][] cells(double[][] rows, int count, long firstRow, int digits) {
        if (typed()) {
            String[][] out = loaded.encoder().decode(Arrays.copyOf(rows, count), firstRow).toArray(new String[0][]);
            for (String[] r : out) {
                for (int j = 0; j < r.length; j++) {
                    if (r[j] != null && r[j].isEmpty()) {
                        r[j] = null;
                    }
                }
            }
            return out;
        }
        String[][] out = new String[count][];
        for (int i = 0; i < count; i++) {
            double[] r = rows[i];
            String[] c = new String[r.length];
            for (int j = 0; j < r.length; j++) {
                c[j] = DoubleFormat.toString(r[j], digits);
            }
            out[i] = c;
        }
        return out;
    }

    /**
     * The rows of a table read as text, as the model's density takes them: a typed model's
     * encoding at the cells' values (as {@code evaluate} encodes its data), or the model's columns
     * as numbers. A cell that does not parse is an exception naming {@code source}, the row
     * ({@code firstRow} + its index, 1-based) and the column.
     */
    public double[][] encode(List<String> header, List<String[]> rows, String source, long firstRow) {
        if (typed()) {
            try {
                return loaded.encoder().encode(new CsvReader.TextRecords(header, rows));
            } catch (IllegalArgumentException e) {
                throw new UserException(source + ": " + e.getMessage());
            }
        }
        List<String> cols = loaded.columns();
        int[] at = new int[cols.size()];
        for (int j = 0; j < at.length; j++) {
            at[j] = header.indexOf(cols.get(j));
            if (at[j] < 0) {
                throw new UserException(source + " has no column '" + cols.get(j) + "' of the model; its columns: "
                        + String.join(", ", header));
            }
        }
        double[][] out = new double[rows.size()][at.length];
        for (int i = 0; i < out.length; i++) {
            String[] r = rows.get(i);
            for (int j = 0; j < at.length; j++) {
                String c = r[at[j]];
                try {
                    out[i][j] = Double.parseDouble(c == null ? "" : c.strip());
                } catch (NumberFormatException e) {
                    c = null;
                }
                if (c == null || !Double.isFinite(out[i][j])) {
                    throw new UserException(source + ": row " + (firstRow + i + 1) + ", column '" + cols.get(j)
                            + "': '" + (r[at[j]] == null ? "" : r[at[j]]) + "' is not a number");
                }
            }
        }
        return out;
    }

    /**
     * Log p(x) of each row under the model's normalised density (the values {@code dde4j evaluate}
     * averages).
     */
    public double[] logDensity(double[][] rows) {
        return density().logDensity(rows);
    }

    private Density density() {
        return loaded.density().orElseThrow(() -> new UserException(loaded.file
                + " has no normalised density (no DDE with log Z) to score rows with"));
    }

    /** Log Z of the model's density and its standard error. */
    public double[] logZ() {
        density();
        return new double[] {loaded.contents.logZ().logZ(), loaded.contents.logZ().standardError()};
    }

    /** The standard error of an average log-likelihood whose rows' standard error is {@code seRows}, as {@code evaluate} gives it. */
    public double standardError(double seRows) {
        return EvaluateCommand.standardError(seRows, loaded.contents.logZ());
    }
}
