package io.github.dde4j.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvWriterTest {

    @Test
    void headerRowsAndQuoting() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter w = new CsvWriter(bytes, 6)) {
            w.writeHeader(List.of("a", "b,c", "say \"hi\""));
            w.writeRow(new double[] {1, -0.5, 1e-9});
            w.accept(new double[][] {{2, 3, 4}, {5, 6, 7}, {9, 9, 9}}, 2);
            assertEquals(3, w.rows());
            assertThrows(IllegalArgumentException.class, () -> w.writeRow(new double[] {1, 2}));
        }
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\"\n1,-0.5,1E-9\n2,3,4\n5,6,7\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void manyRowsAndWideRowsCrossBufferBoundaries() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double[] wide = new double[5000];
        for (int j = 0; j < wide.length; j++) {
            wide[j] = j + 0.25;
        }
        try (CsvWriter w = new CsvWriter(bytes, 0)) {
            for (int i = 0; i < 20_000; i++) {
                w.writeRow(new double[] {i, i / 7.0});
            }
            w.writeRow(wide, 0, wide.length);
        }
        String[] lines = bytes.toString(StandardCharsets.US_ASCII).split("\n");
        assertEquals(20_001, lines.length);
        for (int i = 0; i < 20_000; i++) {
            String[] cells = lines[i].split(",");
            assertEquals(i, Double.parseDouble(cells[0]));
            assertEquals(i / 7.0, Double.parseDouble(cells[1]));
        }
        String[] cells = lines[20_000].split(",");
        assertEquals(5000, cells.length);
        assertEquals(4999.25, Double.parseDouble(cells[4999]));
    }

    @Test
    void fileAppearsOnlyWhenTheBodyCompletes(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        assertThrows(IllegalStateException.class, () -> CsvWriter.write(target, 0, w -> {
            w.writeHeader(List.of("a"));
            w.writeRow(new double[] {1});
            throw new IllegalStateException("the job failed");
        }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
        CsvWriter.write(target, 0, w -> {
            w.writeHeader(List.of("a"));
            w.writeRow(new double[] {1.5});
        });
        assertEquals("a\n1.5\n", Files.readString(target));
    }

    @Test
    void asyncSinkKeepsOrderAndReportsDownstreamFailure() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(bytes, 0);
        double[][] batch = new double[100][1];
        try (AsyncRowSink sink = new AsyncRowSink(w)) {
            for (int b = 0; b < 50; b++) {
                for (int i = 0; i < 100; i++) {
                    batch[i][0] = b * 100 + i; // the producer reuses its array, as RowSink allows
                }
                sink.accept(batch, 100);
            }
        }
        w.close();
        String[] lines = bytes.toString(StandardCharsets.US_ASCII).split("\n");
        assertEquals(5000, lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(i, Double.parseDouble(lines[i]));
        }
        AsyncRowSink failing = new AsyncRowSink((rows, count) -> {
            throw new IOException("disk full");
        });
        IOException e = assertThrows(IOException.class, () -> {
            try (failing) {
                for (int b = 0; b < 20; b++) {
                    failing.accept(batch, 100);
                }
            }
        });
        assertEquals("disk full", e.getMessage());
    }
}
