package io.github.dde4j.core.data;

import io.github.dde4j.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads numeric tables from CSV text (RFC 4180): a header row of column names, then one record
 * per line. Fields may be quoted ({@code "a,b"}, with {@code ""} for a quote, and line breaks
 * inside quotes); lines may end in LF, CRLF or CR; a UTF-8 byte-order mark is skipped; blank lines
 * at the end are ignored.
 *
 * <p>Only the selected columns ({@link #columns(String...)}; all columns by default) are parsed,
 * so a file may carry text columns beside the numeric ones. Every selected value must be a finite
 * number. Anything else fails with a {@link CsvFormatException} (an IllegalArgumentException) that
 * names the file, row, line, column and value: non-numbers, NaN, infinity, missing values, ragged
 * rows, an empty file, a header without data, an unknown or duplicated column name (listing the
 * available ones).
 *
 * <p>{@link #read(Path)} keeps each row once in memory; {@link #stream(Path, int, RowSink)} hands
 * rows to a {@link RowSink} in chunks and keeps only one chunk, for files larger than memory.
 *
 * <p>Instances are immutable; the configuration methods return new readers.
 * <pre>{@code
 * DataTable t = CsvReader.create().columns("eruptions", "waiting").read(Path.of("faithful.csv"));
 * }</pre>
 */
public final class CsvReader {

    private final char delimiter;
    private final List<String> selected;

    private CsvReader(char delimiter, List<String> selected) {
        this.delimiter = delimiter;
        this.selected = selected;
    }

    /** A reader for comma-separated files that selects every column. */
    public static CsvReader create() {
        return new CsvReader(',', null);
    }

    /** Shortcut: read the named columns (all if none are named) of a comma-separated file. */
    public static DataTable readFile(Path file, String... columns) throws IOException {
        CsvReader r = create();
        return (columns.length == 0 ? r : r.columns(columns)).read(file);
    }

    /** A reader that returns only these columns, in this order. */
    public CsvReader columns(String... names) {
        return columns(List.of(names));
    }

    /** A reader that returns only these columns, in this order; null or empty selects all. */
    public CsvReader columns(List<String> names) {
        if (names == null || names.isEmpty()) {
            return new CsvReader(delimiter, null);
        }
        for (int a = 0; a < names.size(); a++) {
            if (names.get(a) == null || names.get(a).isBlank()) {
                throw new IllegalArgumentException("selected column " + a + " has a blank name");
            }
            if (names.indexOf(names.get(a)) != a) {
                throw new IllegalArgumentException("column '" + names.get(a) + "' is selected twice");
            }
        }
        return new CsvReader(delimiter, List.copyOf(names));
    }

    /** A reader with another field delimiter (for example ';' or '\t'). */
    public CsvReader delimiter(char c) {
        if (c == '"' || c == '\n' || c == '\r') {
            throw new IllegalArgumentException("delimiter cannot be a quote or line break");
        }
        return new CsvReader(c, selected);
    }

    /** Reads a whole file (UTF-8) into a table. */
    public DataTable read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (CsvFormatException e) {
            throw withBadTextLine(file, e);
        }
    }

    /** Reads UTF-8 CSV from a stream (for example a class-path resource); does not close it. */
    public DataTable read(InputStream in, String sourceName) throws IOException {
        return read(new InputStreamReader(in, StandardCharsets.UTF_8), sourceName);
    }

    /** Reads CSV text from a reader into a table; {@code sourceName} is used in error messages. */
    public DataTable read(Reader reader, String sourceName) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> names = parse(reader, sourceName, rows::add);
        return DataTable.wrap(names, rows.toArray(new double[0][]));
    }

    /**
     * Streams a file to {@code sink} in chunks of at most {@code chunkRows} rows; returns the
     * names of the columns delivered. Memory use is one chunk, whatever the file size. Rows before
     * a format error have already been delivered when the exception is thrown.
     */
    public List<String> stream(Path file, int chunkRows, RowSink sink) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return stream(r, file.toString(), chunkRows, sink);
        } catch (CsvFormatException e) {
            throw withBadTextLine(file, e);
        }
    }

    /** Streams CSV text from a reader to {@code sink}; see {@link #stream(Path, int, RowSink)}. */
    public List<String> stream(Reader reader, String sourceName, int chunkRows, RowSink sink) throws IOException {
        Checks.requireAtLeast(chunkRows, 1, "chunkRows");
        Checks.requireNonNull(sink, "sink");
        double[][] chunk = new double[chunkRows][];
        int[] count = {0};
        List<String> names = parse(reader, sourceName, row -> {
            chunk[count[0]++] = row;
            if (count[0] == chunkRows) {
                sink.accept(chunk, chunkRows);
                count[0] = 0;
            }
        });
        if (count[0] > 0) {
            sink.accept(chunk, count[0]);
        }
        return names;
    }

    /** Reads only the header row of a file: its column names. */
    public List<String> header(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readHeader(new Tokenizer(r, file.toString(), delimiter), file.toString());
        } catch (CsvFormatException e) {
            throw withBadTextLine(file, e);
        }
    }

    /**
     * A decoding error found through a buffered reader knows only the line the tokenizer had
     * reached (the decoder works ahead in blocks); the file itself tells the line of the bad bytes.
     */
    private static CsvFormatException withBadTextLine(Path file, CsvFormatException e) throws IOException {
        if (!(e.getCause() instanceof java.nio.charset.CharacterCodingException)) {
            return e;
        }
        return notUtf8(file.toString(), firstBadUtf8Line(file), e.getCause());
    }

    private static CsvFormatException notUtf8(String source, long line, Throwable cause) {
        CsvFormatException x = new CsvFormatException(source, 0, line, null, "file " + source + ", line " + line
                + ": not valid UTF-8 text; the file must be UTF-8 (convert it, e.g. iconv -f latin1 -t utf-8)");
        x.initCause(cause);
        return x;
    }

    /** The line (from 1) holding the first byte sequence that is not UTF-8, streaming the file. */
    static long firstBadUtf8Line(Path file) throws IOException {
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 16);
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            boolean eof = false;
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                eof = n < 0;
                bytes.position(bytes.position() + Math.max(n, 0));
                bytes.flip();
                java.nio.charset.CoderResult r;
                do {
                    r = dec.decode(bytes, chars, eof);
                    chars.flip();
                    while (chars.hasRemaining()) {
                        if (chars.get() == '\n') {
                            line++;
                        }
                    }
                    chars.clear();
                } while (r.isOverflow());
                if (r.isError() || eof) {
                    return line;
                }
                bytes.compact();
            }
        }
    }

    private interface RowConsumer {
        void accept(double[] row) throws IOException;
    }

    private List<String> parse(Reader reader, String source, RowConsumer out) throws IOException {
        Checks.requireNonNull(reader, "reader");
        Tokenizer t = new Tokenizer(reader, source, delimiter);
        List<String> header = readHeader(t, source);
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            String h = header.get(j);
            if (h.isEmpty()) {
                if (selected == null) {
                    throw new CsvFormatException(source, 0, t.recordLine, null,
                            "file " + source + ", header: column " + (j + 1) + " has no name");
                }
                continue;
            }
            Integer prev = index.put(h, j);
            if (prev != null && (selected == null || selected.contains(h))) {
                throw new CsvFormatException(source, 0, t.recordLine, h,
                        "file " + source + ", header: column '" + shorten(h) + "' appears twice (columns " + (prev + 1) + " and " + (j + 1) + ")");
            }
        }
        List<String> names = selected == null ? header : selected;
        int[] cols = new int[names.size()];
        for (int a = 0; a < cols.length; a++) {
            Integer j = index.get(names.get(a));
            if (j == null) {
                throw new CsvFormatException(source, 0, 0, names.get(a), "file " + source + ": no column '" + shorten(names.get(a))
                        + "'; available columns: " + String.join(", ", header.stream().limit(50).map(CsvReader::shorten).toList())
                        + (header.size() > 50 ? ", ... (" + header.size() + " columns)" : ""));
            }
            cols[a] = j;
        }
        long row = 0;
        long blankSince = 0; // line of the first blank line in the current run of blank lines
        Record rec = new Record();
        while (t.next(rec)) {
            if (rec.isBlank()) {
                if (blankSince == 0) {
                    blankSince = t.recordLine;
                }
                continue;
            }
            row++;
            if (blankSince != 0) {
                throw new CsvFormatException(source, row, blankSince, null, "file " + source + ", line " + blankSince
                        + ": blank line before row " + row + " (only trailing blank lines are allowed)");
            }
            if (rec.count != header.size()) {
                throw new CsvFormatException(source, row, t.recordLine, null, "file " + source + ", row " + row + " (line "
                        + t.recordLine + "): " + rec.count + " fields, but the header has " + header.size() + " columns");
            }
            double[] values = new double[cols.length];
            for (int a = 0; a < cols.length; a++) {
                int f = cols[a];
                double v = fastParse(rec.chars, rec.starts[f], rec.ends[f]);
                values[a] = v == v ? v : parseValue(rec.field(f), source, row, t.recordLine, names.get(a));
            }
            out.accept(values);
        }
        if (row == 0) {
            throw new CsvFormatException(source, 0, 0, null, "file " + source + " has a header but no data rows");
        }
        return List.copyOf(names);
    }

    /** The first record, trimmed: the column names; an empty file has none and is an error. */
    private static List<String> readHeader(Tokenizer t, String source) throws IOException {
        List<String> fields = new ArrayList<>();
        if (!t.next(fields)) {
            throw new CsvFormatException(source, 0, 0, null, "file " + source + " is empty (no header row)");
        }
        return trimmed(fields);
    }

    private static List<String> trimmed(List<String> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (String f : fields) {
            out.add(f.trim());
        }
        return out;
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final java.util.regex.Pattern HEX_OR_SUFFIX =
            java.util.regex.Pattern.compile("[+-]?(0[xX][0-9a-fA-F.]+([pP][+-]?\\d+)?[dDfF]?|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?[dDfF])");
    /** Longest cell echoed whole in a message. */
    private static final int ECHO_CHARS = 40;

    /** A cell for a message: at most {@value #ECHO_CHARS} characters, then how long it is. */
    static String shorten(String cell) {
        return cell.length() <= ECHO_CHARS ? cell : cell.substring(0, ECHO_CHARS) + "... (" + cell.length() + " characters)";
    }

    /** Parses one finite decimal number; the message says which rule the text broke. */
    static double parseValue(String raw, String source, long row, long line, String column) {
        String s = raw.trim();
        String problem = null;
        double v = Double.NaN;
        if (s.isEmpty()) {
            problem = "is empty (missing value)";
        } else {
            // Double.parseDouble also accepts "NaN", "Infinity", "1d", "1f", "0x1p3": only plain
            // decimals ([+-]digits[.digits][e[+-]digits]) are numbers here, as in every CSV tool
            if (DECIMAL.matcher(s).matches()) {
                v = Double.parseDouble(s);
            } else if (HEX_OR_SUFFIX.matcher(s).matches()) {
                problem = "is not a plain decimal number (hexadecimal and type suffixes such as 0x1p3 or 3.6d are not accepted)";
            } else {
                String l = s.toLowerCase(java.util.Locale.ROOT).replace("+", "").replace("-", "");
                problem = l.equals("nan") ? "is NaN, not a finite number"
                        : (l.equals("inf") || l.equals("infinity")) ? "is infinite, not a finite number"
                        : "is not a number";
            }
            if (problem == null && !Double.isFinite(v)) {
                problem = "overflows to " + v + ", not a finite number";
            }
        }
        if (problem == null) {
            return v;
        }
        throw new CsvFormatException(source, row, line, column, "file " + source + ", row " + row + " (line " + line
                + "), column '" + column + "': value '" + shorten(raw) + "' " + problem);
    }

    /**
     * One record: the unescaped characters of all fields back to back, with each field's start
     * and end offset. Reused from record to record, so reading allocates no String per field.
     */
    private static final class Record {
        char[] chars = new char[256];
        int length;
        int[] starts = new int[16];
        int[] ends = new int[16];
        int count;

        void clear() {
            length = 0;
            count = 0;
        }

        void append(char c) {
            if (length == chars.length) {
                chars = java.util.Arrays.copyOf(chars, 2 * length);
            }
            chars[length++] = c;
        }

        void endField(int start) {
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, 2 * count);
                ends = java.util.Arrays.copyOf(ends, 2 * count);
            }
            starts[count] = start;
            ends[count] = length;
            count++;
        }

        String field(int f) {
            return new String(chars, starts[f], ends[f] - starts[f]);
        }

        List<String> fields() {
            List<String> out = new ArrayList<>(count);
            for (int f = 0; f < count; f++) {
                out.add(field(f));
            }
            return out;
        }

        boolean isBlank() {
            if (count != 1) {
                return false;
            }
            for (int k = starts[0]; k < ends[0]; k++) {
                if (!Character.isWhitespace(chars[k])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Splits CSV text into records of fields; tracks the line each record starts on. */
    private static final class Tokenizer {
        private final Reader in;
        private final String source;
        private final char delim;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int len;
        private long line = 1;
        long recordLine;
        private boolean first = true;

        Tokenizer(Reader in, String source, char delim) {
            this.in = in;
            this.source = source;
            this.delim = delim;
        }

        private int read() throws IOException {
            if (pos == len) {
                try {
                    len = in.read(buf, 0, buf.length);
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw notUtf8(source, line, e); // the line is refined from the file when there is one
                }
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return -1;
                }
            }
            return buf[pos++];
        }

        private int peek() throws IOException {
            int c = read();
            if (c >= 0) {
                pos--;
            }
            return c;
        }

        /** Reads the next record into {@code fields} (as strings); false at end of input. */
        boolean next(List<String> fields) throws IOException {
            fields.clear();
            Record r = new Record();
            if (!next(r)) {
                return false;
            }
            fields.addAll(r.fields());
            return true;
        }

        /** Reads the next record into {@code rec}; false at end of input. */
        boolean next(Record rec) throws IOException {
            rec.clear();
            int c = read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = read();
                }
            }
            if (c < 0) {
                return false;
            }
            recordLine = line;
            int start = 0;
            while (true) {
                if (c == '"' && onlyBlanks(rec, start)) {
                    rec.length = start;
                    long quoteLine = line;
                    while (true) {
                        c = read();
                        if (c < 0) {
                            throw new CsvFormatException(source, 0, quoteLine, null, "file " + source + ", line " + quoteLine
                                    + ": quoted field is never closed");
                        }
                        if (c == '"') {
                            if (peek() == '"') {
                                read();
                                rec.append('"');
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                                line++;
                            }
                            rec.append((char) c);
                        }
                    }
                    c = read();
                    while (c == ' ' || c == '\t' && delim != '\t') {
                        c = read();
                    }
                    if (c >= 0 && c != delim && c != '\n' && c != '\r') {
                        throw new CsvFormatException(source, 0, line, null, "file " + source + ", line " + line
                                + ": unexpected character '" + (char) c + "' after a closing quote");
                    }
                    continue;
                }
                if (c < 0 || c == '\n' || c == '\r') {
                    rec.endField(start);
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    if (c >= 0) {
                        line++;
                    }
                    return true;
                }
                if (c == delim) {
                    rec.endField(start);
                    start = rec.length;
                } else {
                    rec.append((char) c);
                }
                c = read();
            }
        }

        private static boolean onlyBlanks(Record rec, int start) {
            for (int k = start; k < rec.length; k++) {
                if (!Character.isWhitespace(rec.chars[k])) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- Text records: every cell as written, for typed tables (io.github.dde4j.core.table) ----

    /**
     * A CSV file as text: the header (names trimmed) and each data row's cells exactly as
     * written (unquoted, not trimmed), one array per row, as long as the header.
     */
    public record TextRecords(List<String> header, List<String[]> rows) {
    }

    /**
     * Reads every column of a file (UTF-8) as text, for tables with text, dates and empty cells.
     * The same rules as {@link #read(Path)} apply to the header, quoting, ragged rows and blank
     * lines; the cells are not parsed.
     */
    public TextRecords readText(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readText(r, file.toString());
        }
    }

    /** Reads CSV text as text records; {@code sourceName} is used in error messages. */
    public TextRecords readText(Reader reader, String sourceName) throws IOException {
        Checks.requireNonNull(reader, "reader");
        Tokenizer t = new Tokenizer(reader, sourceName, delimiter);
        List<String> header = readHeader(t, sourceName);
        for (int j = 0; j < header.size(); j++) {
            String h = header.get(j);
            int first = header.indexOf(h);
            if (h.isEmpty() || first != j) {
                throw new CsvFormatException(sourceName, 0, t.recordLine, h, "file " + sourceName + ", header: column "
                        + (j + 1) + (h.isEmpty() ? " has no name" : " '" + h + "' repeats column " + (first + 1)));
            }
        }
        List<String[]> rows = new ArrayList<>();
        long blankSince = 0;
        Record rec = new Record();
        while (t.next(rec)) {
            if (rec.isBlank() && header.size() > 1) {
                blankSince = blankSince == 0 ? t.recordLine : blankSince;
                continue;
            }
            long row = rows.size() + 1;
            if (blankSince != 0 || rec.count != header.size()) {
                throw new CsvFormatException(sourceName, row, t.recordLine, null, "file " + sourceName + ", row " + row
                        + " (line " + t.recordLine + "): " + (blankSince != 0 ? "blank line " + blankSince
                        + " before it (only trailing blank lines are allowed)"
                        : rec.count + " fields, but the header has " + header.size() + " columns"));
            }
            rows.add(rec.fields().toArray(new String[0]));
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(sourceName, 0, 0, null, "file " + sourceName + " has a header but no data rows");
        }
        return new TextRecords(header, rows);
    }

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    /**
     * Fast exact parsing of plain decimals ({@code [+-]digits[.digits][(e|E)[+-]digits]}) whose
     * digits form an integer m &lt;= 2^53 and whose decimal exponent e is within +-22: then m and
     * 10^|e| are exact doubles and one IEEE multiply or divide rounds
     * correctly (Clinger 1990), so the result equals {@link Double#parseDouble}. Returns NaN for
     * anything else, which the caller hands to the general (slow, error-reporting) path.
     */
    static double fastParse(char[] c, int from, int to) {
        while (from < to && c[from] == ' ') {
            from++;
        }
        while (to > from && c[to - 1] == ' ') {
            to--;
        }
        if (from == to) {
            return Double.NaN;
        }
        int k = from;
        boolean negative = false;
        if (c[k] == '-' || c[k] == '+') {
            negative = c[k] == '-';
            k++;
        }
        long m = 0;
        int digits = 0;
        int scale = 0;
        boolean any = false;
        // one pass over the integer digits, at most one '.', and the fraction digits (each lowers the scale)
        boolean fraction = false;
        for (; k < to; k++) {
            char ch = c[k];
            if (ch == '.' && !fraction) {
                fraction = true;
                continue;
            }
            if (ch < '0' || ch > '9') {
                break;
            }
            any = true;
            if (m != 0 || ch != '0') {
                if (++digits > 17) {
                    return Double.NaN;
                }
            }
            m = 10 * m + (ch - '0');
            if (fraction) {
                scale--;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (k < to && (c[k] == 'e' || c[k] == 'E')) {
            k++;
            boolean expNeg = false;
            if (k < to && (c[k] == '-' || c[k] == '+')) {
                expNeg = c[k] == '-';
                k++;
            }
            if (k == to) {
                return Double.NaN;
            }
            int e = 0;
            for (; k < to; k++) {
                char ch = c[k];
                if (ch < '0' || ch > '9' || e > 100_000) {
                    return Double.NaN;
                }
                e = 10 * e + (ch - '0');
            }
            scale += expNeg ? -e : e;
        }
        if (k != to) {
            return Double.NaN;
        }
        double v;
        if (m == 0) {
            v = 0.0;
        } else if (m > (1L << 53) || scale > 22 || scale < -22) {
            return Double.NaN;
        } else {
            v = scale >= 0 ? m * POW10[scale] : m / POW10[-scale];
        }
        return negative ? -v : v;
    }
}
