package io.github.dde4j.core.table;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.dde4j.core.data.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** Test tables: the shared fixtures under /tables and inline CSV text. */
final class Tables {

    private Tables() {
    }

    static CsvReader.TextRecords fixture(String name) throws IOException {
        try (InputStream in = Tables.class.getResourceAsStream("/tables/" + name + ".csv")) {
            assertNotNull(in, name);
            return CsvReader.create().readText(new InputStreamReader(in, StandardCharsets.UTF_8), name + ".csv");
        }
    }

    static CsvReader.TextRecords csv(String text) {
        try {
            return CsvReader.create().readText(new StringReader(text), "inline.csv");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
