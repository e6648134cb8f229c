package io.github.dde4j.core.data;


import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A streaming CSV writer for rows of doubles: a header line, then one line per row, cells
 * formatted by {@link DoubleFormat} straight into a byte buffer that is handed to the underlying
 * stream in large blocks. Memory use is the buffer, whatever the number of rows.
 *
 * <p>As a {@link RowSink} it consumes the batches a sampler streams; it never keeps a reference
 * to a batch. Not thread-safe. {@link #close()} flushes and closes the stream; {@link #flush()}
 * only flushes.
 */
public final class CsvWriter implements RowSink, Closeable {

    private static final int BUFFER = 1 << 16;
    private final OutputStream out;
    private final int digits;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private long rows;
    private int columns = -1;

    /**
     * @param out    the destination; closed by {@link #close()}
     * @param digits significant digits per cell (1..17), or 0 for the shortest exact round trip
     */
    public CsvWriter(OutputStream out, int digits) {
        if (digits < 0 || digits > 17) {
            throw new IllegalArgumentException("digits must be in 0..17, got " + digits);
        }
        this.out = out;
        this.digits = digits;
    }

    /**
     * Writes a CSV file through {@link AtomicFiles}: {@code body} writes the header and rows, and
     * the file appears complete when it returns, or not at all when it throws.
     */
    public static void write(Path file, int digits, AtomicFiles.IoConsumer<CsvWriter> body) throws IOException {
        AtomicFiles.write(file, out -> {
            CsvWriter w = new CsvWriter(out, digits);
            body.accept(w);
            w.flush();
        });
    }

    /** Writes the header line; names containing a comma, quote or line break are quoted. */
    public void writeHeader(List<String> names) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < names.size(); j++) {
            if (j > 0) {
                b.append(',');
            }
            String n = names.get(j);
            if (n.indexOf(',') >= 0 || n.indexOf('"') >= 0 || n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0) {
                b.append('"').append(n.replace("\"", "\"\"")).append('"');
            } else {
                b.append(n);
            }
        }
        b.append('\n');
        byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        flushBuffer();
        out.write(bytes);
        columns = names.size();
    }

    /** Writes one row. */
    public void writeRow(double[] row) throws IOException {
        writeRow(row, 0, row.length);
    }

    /** Writes {@code row[from .. from+count-1]} as one row. */
    public void writeRow(double[] row, int from, int count) throws IOException {
        if (columns >= 0 && count != columns) {
            throw new IllegalArgumentException("row " + rows + " has " + count + " values, the header has " + columns);
        }
        if (BUFFER - pos < count * (DoubleFormat.MAX_CHARS + 1)) {
            flushBuffer();
            if (BUFFER < count * (DoubleFormat.MAX_CHARS + 1)) {
                writeWideRow(row, from, count);
                return;
            }
        }
        byte[] b = buf;
        int p = pos;
        int end = from + count;
        for (int j = from; j < end; j++) {
            if (j > from) {
                b[p++] = ',';
            }
            p = DoubleFormat.write(b, p, row[j], digits);
        }
        b[p++] = '\n';
        pos = p;
        rows++;
    }

    /** A row too wide for the buffer (over ~2000 columns): cell by cell. */
    private void writeWideRow(double[] row, int from, int count) throws IOException {
        for (int j = 0; j < count; j++) {
            if (BUFFER - pos < DoubleFormat.MAX_CHARS + 2) {
                flushBuffer();
            }
            if (j > 0) {
                buf[pos++] = ',';
            }
            pos = DoubleFormat.write(buf, pos, row[from + j], digits);
        }
        buf[pos++] = '\n';
        rows++;
    }

    @Override
    public void accept(double[][] batch, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            writeRow(batch[i]);
        }
    }

    /** Rows written so far (header excluded). */
    public long rows() {
        return rows;
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Hands buffered bytes to the stream and flushes it. */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
