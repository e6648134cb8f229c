package io.github.dde4j.cli;

import io.github.dde4j.core.data.RowSink;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowProgressTest {

    @Test
    void offWhenQuietOrNotATerminal() {
        RowSink sink = (r, c) -> { };
        assertSame(sink, RowProgress.wrap(sink, 10, true), "--quiet: no bar");
        // the test JVM's standard error is not a terminal
        assertSame(sink, RowProgress.wrap(sink, 10, false), "not a terminal: no bar");
    }

    @Test
    void countsRowsPassedThroughAndEndsItsLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] seen = {0};
        RowProgress p = new RowProgress((r, c) -> seen[0] += c, 25, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
        double[][] batch = new double[10][2];
        p.accept(batch, 10);
        p.accept(batch, 10);
        p.accept(batch, 5);
        p.finish();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(25, seen[0], "every row reaches the downstream sink");
        assertTrue(s.contains("10/25 rows"), s);
        assertTrue(s.contains("[##############################] 25/25 rows"), s);
        assertTrue(s.endsWith(System.lineSeparator()), "the bar's line is ended");
    }
}
