package io.github.dde4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void symbolicLinksAreFollowedAndKept(@TempDir Path dir) throws IOException {
        Path real = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain.csv"), link);
        AtomicFiles.writeString(chain, "new");
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(chain), "links stay links");
        assertEquals("new", Files.readString(real));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("created.csv"));
        AtomicFiles.writeString(dangling, "made");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("created.csv")), "as a shell redirect: the target is created");
        Files.createSymbolicLink(dir.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), Path.of("loop1"));
        assertTrue(assertThrows(java.nio.file.FileSystemException.class, () -> AtomicFiles.writeString(dir.resolve("loop1"), "x"))
                .getMessage().contains("too many levels of symbolic links"));
    }

    @Test
    void aFifoIsStreamedIntoNotReplaced(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("p.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Process reader = new ProcessBuilder("sh", "-c", "cat p.csv > got.txt").directory(dir.toFile()).start();
        AtomicFiles.writeString(fifo, "through the pipe\n");
        assertTrue(reader.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("through the pipe\n", Files.readString(dir.resolve("got.txt")));
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther(), "still a FIFO");
        assertEquals(List.of(dir.resolve("got.txt"), fifo), listing(dir), "no temporary file");
    }

    @Test
    void targetChecksBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "data");
        Path hard = Files.createLink(dir.resolve("hard.csv"), in);
        Path soft = Files.createSymbolicLink(dir.resolve("soft.csv"), in);
        for (Path same : List.of(in, hard, soft, dir.resolve("sub/../in.csv"))) {
            assertThrows(java.nio.file.FileSystemException.class, () -> AtomicFiles.requireNotSameFile(same, in), same.toString());
        }
        AtomicFiles.requireNotSameFile(dir.resolve("out.csv"), in);
        Files.createDirectory(dir.resolve("sub"));
        assertThrows(java.nio.file.FileSystemException.class, () -> AtomicFiles.requireWritableTarget(dir.resolve("sub")));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> AtomicFiles.requireWritableTarget(dir.resolve("no/x.csv")));
        AtomicFiles.requireWritableTarget(dir.resolve("sub/x.csv"));
        assertEquals("data", Files.readString(in));
    }

    @Test
    void checkedPrintStreamThrowsWhatPrintStreamSwallows() throws IOException {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        java.io.PrintStream ps = new java.io.PrintStream(failing, false, StandardCharsets.UTF_8);
        ps.print("swallowed");
        ps.flush();
        OutputStream checked = AtomicFiles.checked(new java.io.PrintStream(failing, false, StandardCharsets.UTF_8), "standard output");
        IOException e = assertThrows(IOException.class, () -> checked.write("x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("cannot write to standard output (closed, or the disk is full)", e.getMessage());
        java.io.ByteArrayOutputStream ok = new java.io.ByteArrayOutputStream();
        try (OutputStream c = AtomicFiles.checked(new java.io.PrintStream(ok, false, StandardCharsets.UTF_8), "standard output")) {
            c.write("fine".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("fine", ok.toString(StandardCharsets.UTF_8));
    }
}
