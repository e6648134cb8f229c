package io.github.dde4j.core.data;

import io.github.dde4j.core.Checks;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way dde4j writes files: readers see either the old content or the complete new content,
 * never a partial file. Data go to a hidden temporary file in the target's directory, which is
 * forced to disk and then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}
 * (same directory, so same file system). On any failure the temporary file is deleted and the
 * target is untouched; a JVM shutdown (Ctrl-C, SIGTERM) while writing deletes it too, so only
 * SIGKILL can leave a {@code .NAME.*.tmp} behind, never a half-written target.
 *
 * <p>What is at the target path is respected, as a shell redirect would:
 * <ul>
 *   <li>a symbolic link is followed (to any depth) and the file it points to is replaced
 *       atomically; the link stays a link;</li>
 *   <li>a FIFO, device or socket is not a file that could be replaced: the data are streamed
 *       into it directly (no temporary file, no rename, so no atomicity there);</li>
 *   <li>a directory is refused.</li>
 * </ul>
 * {@link #requireWritableTarget} and {@link #requireNotSameFile} check a target before a job does
 * any work; {@link #checked(PrintStream, String)} turns the silent failures of a
 * {@link PrintStream} (standard output closed, disk full) into exceptions.
 *
 * <pre>{@code
 * AtomicFiles.write(path, out -> manifest.writeTo(out));          // preferred
 * try (AtomicFiles.AtomicOutputStream out = AtomicFiles.newOutputStream(path)) {
 *     write(out);                                                   // on exception: out.abort()
 * }
 * }</pre>
 */
public final class AtomicFiles {

    /** Symbolic links followed at most, as the kernel's ELOOP limit. */
    private static final int MAX_LINKS = 40;

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort while the JVM goes down
                }
            }
        }, "dde4j-temp-cleanup"));
    }

    private AtomicFiles() {
    }

    /** A body that writes to a stream and may fail. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        /** Writes to {@code value}; an exception discards the file. */
        void accept(T value) throws IOException;
    }

    /**
     * Runs {@code body} on a stream to a temporary file and, if it returns normally, moves the
     * file to {@code target}; if it throws, deletes the temporary file and rethrows.
     */
    public static void write(Path target, IoConsumer<? super OutputStream> body) throws IOException {
        AtomicOutputStream out = newOutputStream(target);
        try {
            body.accept(new NonClosing(out));
        } catch (IOException | RuntimeException | Error e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    /** Like {@link #write(Path, IoConsumer)} with a buffered character writer. */
    public static void writeText(Path target, Charset charset, IoConsumer<? super Writer> body) throws IOException {
        write(target, out -> {
            Writer w = new OutputStreamWriter(out, charset);
            body.accept(w);
            w.flush();
        });
    }

    /** Writes a whole string as UTF-8. */
    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes a whole byte array. */
    public static void writeBytes(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * A stream to a temporary file next to {@code target} (next to the file a link points to).
     * {@link AtomicOutputStream#close()} publishes it under the target name if nothing failed;
     * {@link AtomicOutputStream#abort()} (call it when your own code fails) deletes it instead.
     * Missing parent directories are created. A FIFO or device at the target is written directly.
     *
     * @throws FileSystemException if the target is a directory or a loop of links
     */
    public static AtomicOutputStream newOutputStream(Path target) throws IOException {
        Checks.requireNonNull(target, "target");
        Path real = followLinks(target);
        if (Files.isDirectory(real)) {
            throw new FileSystemException(target.toString(), null, "is a folder, expected a file name");
        }
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            // a FIFO, terminal or device: stream into it (opening a FIFO waits for its reader)
            FileChannel ch = FileChannel.open(real, StandardOpenOption.WRITE);
            return new AtomicOutputStream(real, null, ch);
        }
        Path dir = real.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
        PENDING.add(tmp);
        try {
            return new AtomicOutputStream(real, tmp,
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            PENDING.remove(tmp);
            throw e;
        }
    }

    /** A writer (charset given) with the same commit-on-close, {@code abort()} semantics. */
    public static AtomicWriter newWriter(Path target, Charset charset) throws IOException {
        return new AtomicWriter(newOutputStream(target), charset);
    }

    /**
     * The path a write to {@code path} lands on: absolute, with symbolic links at the end of the
     * path followed (a dangling link gives the missing file it points to, as a shell redirect
     * creates it).
     *
     * @throws FileSystemException after {@value #MAX_LINKS} links (a loop)
     */
    public static Path followLinks(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        for (int i = 0; i < MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(p)) {
                return p;
            }
            p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        }
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
    }

    /**
     * Checks, before any work, that {@code target} can be written: its folder exists and it is not
     * a folder itself. (The writing methods create missing folders; a command line refuses them,
     * as a typing mistake is likelier than a wish for a new folder.)
     *
     * @throws NoSuchFileException if the folder is missing
     * @throws FileSystemException if the target is a folder
     */
    public static void requireWritableTarget(Path target) throws IOException {
        Path real = followLinks(target);
        if (Files.isDirectory(real)) {
            throw new FileSystemException(target.toString(), null, "is a folder, expected a file name");
        }
        Path dir = real.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "output folder does not exist");
        }
    }

    /**
     * Refuses an output that is the same file as an input (by real path, through links and hard
     * links), so that writing the output cannot destroy the input it is computed from.
     *
     * @throws FileSystemException naming both paths
     */
    public static void requireNotSameFile(Path output, Path input) throws IOException {
        Path real = followLinks(output);
        if (input != null && Files.exists(real) && Files.exists(input) && Files.isSameFile(real, input)) {
            throw new FileSystemException(output.toString(), input.toString(), "is the input file; writing it would destroy the input: choose another output");
        }
    }

    /**
     * A stream over {@code stream} that throws where a {@link PrintStream} only records an error
     * (standard output closed, a full disk, a closed pipe): every write is flushed through and
     * {@link PrintStream#checkError()} asked. Closing flushes and leaves {@code stream} open.
     *
     * @param name what {@code stream} is, for the message (e.g. "standard output")
     */
    public static OutputStream checked(PrintStream stream, String name) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(int b) throws IOException {
                stream.write(b);
                check();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stream.write(b, off, len);
                check();
            }

            @Override
            public void flush() throws IOException {
                check();
            }

            @Override
            public void close() throws IOException {
                check();
            }

            private void check() throws IOException {
                if (stream.checkError()) {
                    throw new IOException("cannot write to " + name + " (closed, or the disk is full)");
                }
            }
        };
    }

    /**
     * An output stream to a temporary file that becomes the target on {@link #close()}. If a write
     * failed, or {@link #abort()} was called, close deletes the temporary file instead. (Into a
     * FIFO or device the stream writes directly; there close only closes it.)
     */
    public static final class AtomicOutputStream extends FilterOutputStream {
        private final Path target;
        private final Path tmp;
        private final FileChannel channel;
        private boolean failed;
        private boolean closed;

        private AtomicOutputStream(Path target, Path tmp, FileChannel channel) {
            super(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            this.target = target;
            this.tmp = tmp;
            this.channel = channel;
        }

        /** The final path (links followed). */
        public Path target() {
            return target;
        }

        /** The temporary file being written (null when writing straight into a FIFO or device). */
        public Path tempFile() {
            return tmp;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        /** Discards everything written: the temporary file is deleted, the target stays as it was. */
        public void abort() {
            failed = true;
            try {
                close();
            } catch (IOException ignored) {
                // abort is called on a failure path; the original exception matters, not this one
            }
        }

        /** Publishes the file under the target name (or deletes it after a failure or abort). */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!failed) {
                    out.flush();
                    if (tmp != null) {
                        channel.force(true);
                    }
                }
                out.close();
            } catch (IOException | RuntimeException e) {
                failed = true;
                discard();
                throw e;
            } finally {
                if (channel.isOpen()) {
                    channel.close();
                }
            }
            if (failed) {
                discard();
                return;
            }
            if (tmp == null) {
                return;
            }
            try {
                keepPermissions(tmp, target);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                discard();
                throw e;
            }
            PENDING.remove(tmp);
        }

        private void discard() throws IOException {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
                PENDING.remove(tmp);
            }
        }
    }

    /**
     * Temporary files are created owner-only (0600); the published file should look like any other
     * file the user writes: the permissions of the file it replaces, else rw-r--r-- (umask 022).
     */
    private static void keepPermissions(Path tmp, Path target) {
        try {
            Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (or not ours to change): keep the defaults
        }
    }

    /** A character writer over an {@link AtomicOutputStream}. */
    public static final class AtomicWriter extends Writer {
        private final AtomicOutputStream stream;
        private final Writer writer;

        private AtomicWriter(AtomicOutputStream stream, Charset charset) {
            this.stream = stream;
            this.writer = new OutputStreamWriter(new NonClosing(stream), charset);
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            try {
                writer.write(cbuf, off, len);
            } catch (IOException | RuntimeException e) {
                stream.failed = true;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            writer.flush();
        }

        /** Discards everything written. */
        public void abort() {
            stream.abort();
        }

        /** Publishes the file (or deletes it after a failure or abort). */
        @Override
        public void close() throws IOException {
            if (!stream.failed && !stream.closed) {
                try {
                    writer.flush();
                } catch (IOException | RuntimeException e) {
                    stream.abort();
                    throw e;
                }
            }
            stream.close();
        }
    }

    /** Keeps a body's or a wrapping writer's close from committing the atomic stream early. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
