package io.github.dde4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTextTest {

    private static CsvReader.TextRecords read(String text) throws IOException {
        return CsvReader.create().readText(new StringReader(text), "t.csv");
    }

    @Test
    void keepsCellsAsWrittenWithQuotesEmptyCellsAndTrailingBlankLines() throws IOException {
        CsvReader.TextRecords t = read("\uFEFF name , n,d\r\n\"Smith, J\",1,\n\" x \",,2020-01-01\n\n\n");
        assertEquals(List.of("name", "n", "d"), t.header());
        assertEquals(2, t.rows().size());
        assertArrayEquals(new String[] {"Smith, J", "1", ""}, t.rows().get(0));
        assertArrayEquals(new String[] {" x ", "", "2020-01-01"}, t.rows().get(1));
        // a one-column table: an empty line is an empty cell
        assertEquals(3, read("a\n1\n\n2\n").rows().size());
    }

    @Test
    void badFilesGetOneLineNamingTheRowOrColumn() {
        assertEquals("file t.csv, row 2 (line 3): 1 fields, but the header has 2 columns",
                assertThrows(CsvFormatException.class, () -> read("a,b\n1,2\n3\n")).getMessage());
        assertEquals("file t.csv, header: column 3 'a' repeats column 1",
                assertThrows(CsvFormatException.class, () -> read("a,b,a\n1,2,3\n")).getMessage());
        assertEquals("file t.csv, row 2 (line 4): blank line 3 before it (only trailing blank lines are allowed)",
                assertThrows(CsvFormatException.class, () -> read("a,b\n1,2\n\n3,4\n")).getMessage());
        assertEquals("file t.csv has a header but no data rows",
                assertThrows(CsvFormatException.class, () -> read("a,b\n")).getMessage());
        assertEquals("file t.csv is empty (no header row)", assertThrows(CsvFormatException.class, () -> read("")).getMessage());
    }
}
