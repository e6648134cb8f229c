package io.github.dde4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplaces(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/model.json");
        AtomicFiles.writeString(f, "one");
        assertEquals("one", Files.readString(f));
        AtomicFiles.writeText(f, StandardCharsets.UTF_8, w -> w.write("two"));
        assertEquals("two", Files.readString(f));
        try (OutputStream out = AtomicFiles.newOutputStream(f)) {
            out.write("three".getBytes(StandardCharsets.UTF_8));
            assertEquals("two", Files.readString(f), "not visible before close");
        }
        assertEquals("three", Files.readString(f));
        try (Writer w = AtomicFiles.newWriter(f, StandardCharsets.UTF_8)) {
            w.write("four");
        }
        assertEquals("four", Files.readString(f));
        assertEquals(List.of(f), listing(f.getParent()), "no temporary files left");
    }

    @Test
    void publishedFileIsReadableLikeAnyOtherAndKeepsReplacedPermissions(@TempDir Path dir) throws IOException {
        // temporary files are created 0600; a model or CSV handed to others must not stay owner-only
        Path f = dir.resolve("out.csv");
        AtomicFiles.writeString(f, "a");
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(f));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(f, "b");
        assertEquals(PosixFilePermissions.fromString("rw-rw----"), Files.getPosixFilePermissions(f));
    }

    @Test
    void failureLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.json");
        AtomicFiles.writeString(f, "good");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk on fire");
        }));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("bug");
        }));
        try (AtomicFiles.AtomicOutputStream out = AtomicFiles.newOutputStream(f)) {
            out.write(1);
            out.abort();
        }
        AtomicFiles.AtomicWriter w = AtomicFiles.newWriter(dir.resolve("other.txt"), StandardCharsets.UTF_8);
        w.write("x");
        w.abort();
        w.close();
        assertEquals("good", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("other.txt")));
        assertEquals(List.of(f), listing(dir));
    }
}
