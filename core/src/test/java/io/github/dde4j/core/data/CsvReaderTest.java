package io.github.dde4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private static DataTable read(String text, String... columns) throws IOException {
        CsvReader r = CsvReader.create();
        if (columns.length > 0) {
            r = r.columns(columns);
        }
        return r.read(new StringReader(text), "t.csv");
    }

    private static CsvFormatException fails(String text, String... columns) {
        return assertThrows(CsvFormatException.class, () -> read(text, columns));
    }

    @Test
    void readsTheSharedDataSets() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/data/faithful.csv")) {
            DataTable t = CsvReader.create().read(in, "faithful.csv");
            assertEquals(List.of("eruptions", "waiting"), t.columnNames());
            assertEquals(272, t.rowCount());
            assertArrayEquals(new double[] {3.6, 79}, t.row(0));
        }
        try (InputStream in = getClass().getResourceAsStream("/data/penguins.csv")) {
            DataTable t = CsvReader.create().columns("body_mass_g", "beak_length_mm").read(in, "penguins.csv");
            assertEquals(342, t.rowCount());
            assertArrayEquals(new double[] {3750, 39.1}, t.row(0));
        }
        try (InputStream in = getClass().getResourceAsStream("/data/airports.csv")) {
            assertEquals(3376, CsvReader.create().read(in, "airports.csv").rowCount());
        }
    }

    @Test
    void handlesQuotesCrlfBomAndTrailingBlankLines() throws IOException {
        String text = "\uFEFF\"a\",\"b, with comma\",note\r\n"
                + "1,\" 2.5 \",\"multi\r\nline, \"\"quoted\"\"\"\r\n"
                + "-3e2,4,plain\r\n"
                + "\r\n\r\n  \n";
        DataTable t = read(text, "a", "b, with comma");
        assertEquals(List.of("a", "b, with comma"), t.columnNames());
        assertArrayEquals(new double[] {1, 2.5}, t.row(0));
        assertArrayEquals(new double[] {-300, 4}, t.row(1));
        assertEquals(2, t.rowCount());
        // old Mac line ends and no final newline
        DataTable m = read("x,y\r1,2\r3,4");
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, m.toArray());
    }

    @Test
    void unselectedTextColumnsAreIgnored() throws IOException {
        DataTable t = read("name,v\nfoo,1\nbar,2\n", "v");
        assertArrayEquals(new double[] {1, 2}, t.column("v"));
    }

    @Test
    void nonNumericValueNamesFileRowLineColumnAndValue() {
        CsvFormatException e = fails("a,b\n1,2\n3,abc\n");
        assertEquals("file t.csv, row 2 (line 3), column 'b': value 'abc' is not a number", e.getMessage());
        assertEquals(2, e.row());
        assertEquals(3, e.line());
        assertEquals("b", e.column());
        assertTrue(e instanceof IllegalArgumentException);
        // the line accounts for a quoted line break in an earlier record
        assertEquals(4, fails("a,b,c\n1,2,\"x\ny\"\n3,oops,z\n", "a", "b").line());
    }

    @Test
    void nanInfinityMissingAndJavaOnlyLiteralsAreRejected() throws IOException {
        assertTrue(fails("a\n1\nNaN\n").getMessage().contains("row 2 (line 3), column 'a': value 'NaN' is NaN"));
        assertTrue(fails("a\n-Infinity\n").getMessage().contains("value '-Infinity' is infinite"));
        assertTrue(fails("a\ninf\n").getMessage().contains("value 'inf' is infinite"));
        assertTrue(fails("a\n1e999\n").getMessage().contains("value '1e999' overflows"));
        assertTrue(fails("a,b\n1,\n").getMessage().contains("column 'b': value '' is empty (missing value)"));
        assertTrue(fails("a\n1d\n").getMessage().contains("value '1d' is not a plain decimal number"));
        assertTrue(fails("a\nNA\n").getMessage().contains("value 'NA' is not a number"));
        // one syntax, plain decimals: Java's hexadecimal floats and type suffixes are refused alike
        for (String javaOnly : new String[] {"0x1p3", "0X10", "3.6d", "2f", "1e5D", "-0x1.8p1"}) {
            assertTrue(fails("a\n" + javaOnly + "\n").getMessage().contains("hexadecimal and type suffixes"), javaOnly);
        }
        assertArrayEquals(new double[] {1.0, 0.5, -2.5e-3, 10.0}, read("a\n1.\n.5\n-2.5E-3\n+1e1\n").column(0));
    }

    @Test
    void longCellsAreEchoedShortened() {
        String huge = "x".repeat(1_000_000);
        String msg = fails("a\n" + huge + "\n").getMessage();
        assertTrue(msg.contains("'" + "x".repeat(40) + "... (1000000 characters)'"), msg);
        assertTrue(msg.length() < 300, "message of " + msg.length() + " characters");
        assertTrue(fails(huge + "," + huge + "\n1,2\n").getMessage().length() < 300);
        assertTrue(fails("a,b\n1,2\n", huge).getMessage().length() < 300);
    }

    @Test
    void latin1FileNamesFileAndLineAndAsksForUtf8(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, "city,x\nBern,1\nZ\u00fcrich,2\n".getBytes(StandardCharsets.ISO_8859_1));
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvReader.create().columns("x").read(f));
        assertEquals("file " + f + ", line 3: not valid UTF-8 text; the file must be UTF-8 (convert it, e.g. iconv -f latin1 -t utf-8)",
                e.getMessage());
    }

    @Test
    void structuralErrors() {
        assertEquals("file t.csv, row 2 (line 3): 3 fields, but the header has 2 columns", fails("a,b\n1,2\n1,2,3\n").getMessage());
        assertTrue(fails("a,b\n1,2\n4\n").getMessage().contains("row 2 (line 3): 1 fields"));
        assertEquals("file t.csv is empty (no header row)", fails("").getMessage());
        assertEquals("file t.csv has a header but no data rows", fails("a,b\n\n").getMessage());
        assertEquals("file t.csv: no column 'c'; available columns: a, b", fails("a,b\n1,2\n", "a", "c").getMessage());
        assertTrue(fails("a,b\n1,2\n\n3,4\n").getMessage().contains("line 3: blank line before row 2"));
        assertTrue(fails("a,a\n1,2\n").getMessage().contains("column 'a' appears twice"));
        assertTrue(fails("a,b\n\"1,2\n").getMessage().contains("line 2: quoted field is never closed"));
        assertTrue(fails("a,b\n\"1\"x,2\n").getMessage().contains("unexpected character 'x' after a closing quote"));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.create().columns("a", "a"));
    }

    @Test
    void streamingDeliversTheSameRowsInChunks(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("x,label,y\n");
        for (int i = 0; i < 1003; i++) {
            sb.append(i).append(",row").append(i).append(',').append(0.5 * i).append('\n');
        }
        Path file = dir.resolve("big.csv");
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        CsvReader r = CsvReader.create().columns("y", "x");
        DataTable whole = r.read(file);
        List<double[]> rows = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<String> names = r.stream(file, 100, (chunk, count) -> {
            sizes.add(count);
            for (int i = 0; i < count; i++) {
                rows.add(chunk[i].clone());
            }
        });
        assertEquals(List.of("y", "x"), names);
        assertEquals(11, sizes.size());
        assertEquals(3, sizes.get(10));
        assertEquals(1003, rows.size());
        for (int i = 0; i < 1003; i++) {
            assertArrayEquals(whole.row(i), rows.get(i));
        }
        assertArrayEquals(new double[] {500, 1000}, rows.get(1000));
        assertEquals(List.of("x", "label", "y"), CsvReader.create().header(file));
        assertTrue(assertThrows(CsvFormatException.class, () -> CsvReader.create().read(file)).getMessage()
                .contains("row 1 (line 2), column 'label': value 'row0' is not a number"));
    }

    @Test
    void fastNumberParsingEqualsDoubleParseDouble() {
        org.apache.commons.rng.UniformRandomProvider rng = io.github.dde4j.core.RandomSources.seeded(4);
        String[] fixed = {"0", "-0", "+7", "1.", ".5", "00012.5000", "9007199254740992", "9007199254740993",
            "123456789012345678", "1e22", "1e23", "1e-22", "4.9e-324", "1.7976931348623157e308", "2.2250738585072014E-308",
            "0.1", "0.30000000000000004", "-89.23450472", "3.6", "1E+5", "1e-0", " 42 "};
        java.util.List<String> cases = new java.util.ArrayList<>(java.util.List.of(fixed));
        for (int i = 0; i < 4_000; i++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            cases.add(Double.toString(v));                                        // shortest repr, may have E
            cases.add(String.format(java.util.Locale.ROOT, "%." + rng.nextInt(18) + "g", rng.nextDouble() * Math.pow(10, rng.nextInt(40) - 20)));
            cases.add(String.format(java.util.Locale.ROOT, "%." + rng.nextInt(12) + "f", (rng.nextDouble() - 0.5) * 1e6));
            cases.add(Long.toString(rng.nextLong() >> rng.nextInt(64)));
        }
        int fast = 0;
        for (String text : cases) {
            char[] c = text.toCharArray();
            double got = CsvReader.fastParse(c, 0, c.length);
            if (got == got) {
                fast++;
                assertEquals(Double.doubleToLongBits(Double.parseDouble(text.trim())), Double.doubleToLongBits(got), text);
            }
            // whatever path it takes, the reader returns exactly parseDouble's value
            assertEquals(Double.parseDouble(text.trim()), CsvReader.parseValue(text, "s", 1, 2, "c"), text);
        }
        assertTrue(fast > cases.size() / 3, "the fast path is taken for ordinary decimals: " + fast + " of " + cases.size());
        for (String bad : new String[] {"", "-", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "--1", "1,5", "0x10", "1_000"}) {
            char[] c = bad.toCharArray();
            assertTrue(Double.isNaN(CsvReader.fastParse(c, 0, c.length)), bad);
        }
    }

    @Test
    void streamedRowsAreFreshArraysThatMayBeKept() throws IOException {
        List<double[]> kept = new ArrayList<>();
        CsvReader.create().stream(new StringReader("a,b\n1,2\n3,4\n5,6\n"), "s", 2, (chunk, count) -> {
            for (int i = 0; i < count; i++) {
                kept.add(chunk[i]);
            }
        });
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}, {5, 6}}, kept.toArray(new double[0][]));
    }

    @Test
    void otherDelimiters() throws IOException {
        // a decimal comma is not a number: say so rather than guess the locale
        assertTrue(assertThrows(CsvFormatException.class,
                () -> CsvReader.create().delimiter(';').read(new StringReader("a;b\n1,5;2\n"), "s")).getMessage()
                .contains("column 'a': value '1,5' is not a number"));
        DataTable tab = CsvReader.create().delimiter('\t').read(new StringReader("a\tb\n1\t2\n"), "s");
        assertArrayEquals(new double[] {1, 2}, tab.row(0));
    }
}
