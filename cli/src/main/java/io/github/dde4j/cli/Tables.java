package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.RowSink;
import io.github.dde4j.core.table.ColumnCoding;
import io.github.dde4j.core.table.ColumnSchema;
import io.github.dde4j.core.table.TableEncoder;
import io.github.dde4j.core.table.TableMetadata;
import io.github.dde4j.core.table.TableSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed tables on the command line (docs/tables.md): a CSV file with text, dates or empty cells
 * (or any file given with {@code --metadata}) is read as text, typed by {@link TableSchema},
 * encoded by a {@link TableEncoder} that the model file stores, and decoded back to cells by
 * {@code sample}. Tables whose every cell is a number keep the numeric path.
 */
final class Tables {

    /** The model file's config key of the stored encoder (schema and codings, JSON). */
    static final String ENCODER_KEY = "table_encoder";

    private Tables() {
    }

    /** A table read as text with its schema and the encoder fitted to it. */
    record Typed(CsvReader.TextRecords text, TableEncoder encoder) {
        TableSchema schema() {
            return encoder.schema();
        }
    }

    /**
     * Reads {@code file} as a typed table: the selected columns (all when null or empty), their
     * schema (detected, overridden by the metadata file when given) and the encoder fitted to
     * every row.
     */
    static Typed read(Path file, List<String> columns, Path metadataFile) throws IOException {
        Inputs.requireFile(file);
        TableMetadata meta = metadataFile == null ? TableMetadata.NONE : readMetadata(metadataFile);
        CsvReader.TextRecords text = select(CsvReader.create().readText(file), columns, file);
        TableSchema schema = TableSchema.detect(text, meta);
        TableEncoder encoder = TableEncoder.fit(schema, text);
        if (encoder.dimension() == 0) {
            throw new UserException(file + ": no column to model (every column is an identifier or constant)");
        }
        return new Typed(text, encoder);
    }

    /** The number of generated rows on which {@link #calibrate} sets the decoding. */
    static final int CALIBRATION_ROWS = 20_000;

    /**
     * The table with its decoding calibrated on {@value #CALIBRATION_ROWS} rows of the generator
     * ({@link TableEncoder#calibratedOn}: missing indicators' thresholds and label columns'
     * offsets, so that each column's training shares come out); prints one line per calibrated
     * column to {@code msg} unless null (label columns only where an offset is not zero).
     */
    static Typed calibrate(Typed typed, io.github.dde4j.generator.Generator gen, long seed, java.io.PrintWriter msg) {
        if (!needsCalibration(typed)) {
            return typed;
        }
        TableEncoder e = typed.encoder();
        double[][] rows = gen.sample(CALIBRATION_ROWS, seed + 2);
        TableEncoder calibrated = e.calibratedOn(rows);
        if (msg != null) {
            calibrationLines(calibrated, rows).forEach(msg::println);
            msg.flush();
        }
        return new Typed(typed.text(), calibrated);
    }

    /** Whether the table has something {@link #calibrate} sets: a label column or a missing indicator. */
    static boolean needsCalibration(Typed typed) {
        return typed.encoder().codings().stream().anyMatch(c -> c.kind() == ColumnCoding.Kind.LEVELS || c.hasMissing());
    }

    /** What {@link #calibrate} prints: thresholds, non-zero label offsets, shares the offsets' bound kept from the training's. */
    static List<String> calibrationLines(TableEncoder calibrated, double[][] rows) {
        List<String> lines = new ArrayList<>();
        for (ColumnCoding c : calibrated.codings()) {
            if (c.missingThreshold() != null) {
                lines.add(String.format(Locale.ROOT, "  %s: decoded as missing above %.3f (0/1 units), the training share"
                        + " %.1f%% of %d generated rows", c.name(), c.threshold(), 100 * c.missingShare(), rows.length));
            }
            if (c.labelOffsets() == null) {
                continue;
            }
            List<String> offsets = new ArrayList<>();
            List<String> off = new ArrayList<>();
            double[] target = c.labelShares();
            double[] share = c.decodedLabelShares(rows);
            for (int k = 0; k < c.width(); k++) {
                String label = k < c.levels().size() ? c.levels().get(k) : "(missing)";
                if (Math.round(1000 * c.labelOffset(k)) != 0) {
                    offsets.add(String.format(Locale.ROOT, "%s +%.3f", label, c.labelOffset(k)));
                }
                if (Math.abs(share[k] - target[k]) > 0.005) {
                    off.add(String.format(Locale.ROOT, "%s %.1f%% against %.1f%%", label, 100 * share[k], 100 * target[k]));
                }
            }
            if (!offsets.isEmpty()) {
                lines.add(String.format(Locale.ROOT, "  %s: labels decoded with offsets %s (0/1 units): %s", c.name(),
                        String.join(", ", offsets), off.isEmpty()
                                ? "the training shares of " + rows.length + " generated rows"
                                : "the offsets' bound kept " + String.join(", ", off)));
            }
        }
        return lines;
    }

    private static TableMetadata readMetadata(Path file) throws IOException {
        Inputs.requireFile(file);
        return TableMetadata.read(file);
    }

    /** The named columns of a text table, in the order named. */
    static CsvReader.TextRecords select(CsvReader.TextRecords t, List<String> columns, Path file) {
        if (columns == null || columns.isEmpty()) {
            return t;
        }
        int[] at = new int[columns.size()];
        for (int j = 0; j < at.length; j++) {
            at[j] = t.header().indexOf(columns.get(j));
            if (at[j] < 0) {
                throw new UserException(file + " has no column '" + columns.get(j) + "'; its columns: "
                        + String.join(", ", t.header()));
            }
        }
        List<String[]> rows = new ArrayList<>(t.rows().size());
        for (String[] r : t.rows()) {
            String[] cells = new String[at.length];
            for (int j = 0; j < at.length; j++) {
                cells[j] = r[at[j]];
            }
            rows.add(cells);
        }
        return new CsvReader.TextRecords(List.copyOf(columns), rows);
    }

    /** The rows of {@code t} at {@code index}, in that order. */
    static CsvReader.TextRecords rows(CsvReader.TextRecords t, int[] index) {
        List<String[]> out = new ArrayList<>(index.length);
        for (int i : index) {
            out.add(t.rows().get(i));
        }
        return new CsvReader.TextRecords(t.header(), out);
    }

    /** Decoded rows as a text table with the encoder's header. */
    static CsvReader.TextRecords decode(TableEncoder encoder, double[][] rows) {
        return new CsvReader.TextRecords(encoder.header(), encoder.decode(rows, 0));
    }

    /**
     * One line per column, as {@code fit} prints them: type, format or decimals, share of missing
     * cells, and how the column is encoded.
     */
    static List<String> describe(TableEncoder encoder) {
        List<String> lines = new ArrayList<>();
        int width = 6;
        for (ColumnSchema c : encoder.schema().columns()) {
            width = Math.max(width, c.name().length());
        }
        String fmt = "  %-" + width + "s  %-11s  %-16s  %7s  %s";
        lines.add(String.format(Locale.ROOT, fmt, "column", "type", "format", "missing", "encoding"));
        for (int j = 0; j < encoder.codings().size(); j++) {
            ColumnSchema s = encoder.schema().columns().get(j);
            ColumnCoding c = encoder.codings().get(j);
            lines.add(String.format(Locale.ROOT, fmt, s.name(), s.type().id(), format(s),
                    String.format(Locale.ROOT, "%.1f%%", 100 * c.missingShare()), encoding(c)));
        }
        return lines;
    }

    private static String format(ColumnSchema s) {
        return switch (s.type()) {
            case DATE, DATETIME -> s.format();
            case NUMERICAL -> s.decimals() == null ? "as written" : s.decimals() + " decimal" + (s.decimals() == 1 ? "" : "s");
            case CATEGORICAL, BOOLEAN -> s.categories().size() + " label" + (s.categories().size() == 1 ? "" : "s");
            default -> "";
        };
    }

    private static String encoding(ColumnCoding c) {
        String missing = c.hasMissing() && c.kind() != ColumnCoding.Kind.LEVELS ? " + missing indicator" : "";
        return switch (c.kind()) {
            case IDENTIFIER -> "not modelled (fresh values)";
            case CONSTANT -> "constant '" + c.constant() + "'" + missing;
            case LEVELS -> "one-hot, " + c.width() + " dims" + (c.hasMissing() ? " (missing as a label)" : "");
            case ORDERED -> ("log1p".equals(c.transform()) ? "log1p, " : "") + "standardised" + missing;
        };
    }

    /** The encoder stored in a model file's config, or null for an all-numeric model. */
    static TableEncoder encoderOf(JsonNode config) throws IOException {
        JsonNode n = config.get(ENCODER_KEY);
        return n == null || n.isNull() ? null : Json.MAPPER.treeToValue(n, TableEncoder.class);
    }

    /**
     * Rows of a data file encoded at their cells' values (no random source), for evaluating the
     * model's density; a cell the encoder cannot take is one line naming file, row, column and value.
     */
    static double[][] encode(TableEncoder encoder, Path file) throws IOException {
        Inputs.requireFile(file);
        CsvReader.TextRecords text = CsvReader.create().readText(file);
        try {
            return encoder.encode(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": " + e.getMessage());
        }
    }

    /**
     * Streams {@code n} rows of {@code source} decoded to cells as CSV on {@code out}: the
     * encoder's header, then chunk by chunk the decoded rows (fresh identifiers continue across
     * chunks), decoded and written on a second thread.
     */
    static void writeSample(TableEncoder encoder, RowSource source, long n, long seed, int batch, OutputStream out,
                            boolean quiet) throws IOException {
        CellWriter w = new CellWriter(out);
        w.row(encoder.header().toArray(new String[0]));
        RowSink decoding = new RowSink() {
            private long written;

            @Override
            public void accept(double[][] rows, int count) throws IOException {
                double[][] chunk = java.util.Arrays.copyOf(rows, count);
                for (String[] cells : encoder.decode(chunk, written)) {
                    w.row(cells);
                }
                written += count;
            }
        };
        SampleCommand.writeRows(source, n, seed, batch, decoding, quiet);
        w.flush();
    }

    /** Writes a text table as CSV (header, then rows), quoting cells as {@link #writeSample} does. */
    static void writeCsv(CsvReader.TextRecords table, OutputStream out) throws IOException {
        CellWriter w = new CellWriter(out);
        w.row(table.header().toArray(new String[0]));
        for (String[] r : table.rows()) {
            w.row(r);
        }
        w.flush();
    }

    /** CSV rows of text cells; a cell with a comma, quote or line break is quoted. */
    private static final class CellWriter {
        private final OutputStream out;
        private final StringBuilder line = new StringBuilder();

        CellWriter(OutputStream out) {
            this.out = new java.io.BufferedOutputStream(out, 1 << 16);
        }

        void row(String[] cells) throws IOException {
            line.setLength(0);
            for (int j = 0; j < cells.length; j++) {
                if (j > 0) {
                    line.append(',');
                }
                String c = cells[j] == null ? "" : cells[j];
                if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                    line.append('"').append(c.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(c);
                }
            }
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }

        void flush() throws IOException {
            out.flush();
        }
    }
}
