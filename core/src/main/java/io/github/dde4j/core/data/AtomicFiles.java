package io.github.dde4j.core.data;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers see either the old content or the complete new content, never a
 * partial file: data go to a temporary file in the target's directory, which is forced to disk
 * and then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE} (same directory,
 * so same file system). On any failure the temporary file is deleted and the target is untouched.
 *
 * <pre>{@code
 * AtomicFiles.write(path, out -> manifest.writeTo(out));          // preferred
 * try (AtomicFiles.AtomicOutputStream out = AtomicFiles.newOutputStream(path)) {
 *     write(out);                                                   // on exception: out.abort()
 * }
 * }</pre>
 */
public final class AtomicFiles {

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
            body.accept(out);
        } catch (IOException | RuntimeException | Error e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    /** Like {@link #write(Path, IoConsumer)} with a buffered character writer. */
    public static void writeText(Path target, Charset charset, IoConsumer<? super Writer> body) throws IOException {
        write(target, out -> {
            Writer w = new OutputStreamWriter(new NonClosing(out), charset);
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
     * A stream to a temporary file next to {@code target}. {@link AtomicOutputStream#close()}
     * publishes it under the target name if nothing failed; {@link AtomicOutputStream#abort()}
     * (call it when your own code fails) deletes it instead. Missing parent directories are created.
     */
    public static AtomicOutputStream newOutputStream(Path target) throws IOException {
        if (target == null) {
            throw new IllegalArgumentException("target is null");
        }
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        return new AtomicOutputStream(abs, tmp);
    }

    /** A writer (charset given) with the same commit-on-close, {@code abort()} semantics. */
    public static AtomicWriter newWriter(Path target, Charset charset) throws IOException {
        return new AtomicWriter(newOutputStream(target), charset);
    }

    /**
     * An output stream to a temporary file that becomes the target on {@link #close()}. If a write
     * failed, or {@link #abort()} was called, close deletes the temporary file instead.
     */
    public static final class AtomicOutputStream extends FilterOutputStream {
        private final Path target;
        private final Path tmp;
        private final FileChannel channel;
        private boolean failed;
        private boolean closed;

        private AtomicOutputStream(Path target, Path tmp) throws IOException {
            this(target, tmp, FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        }

        private AtomicOutputStream(Path target, Path tmp, FileChannel channel) {
            super(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16));
            this.target = target;
            this.tmp = tmp;
            this.channel = channel;
        }

        /** The final path. */
        public Path target() {
            return target;
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
                    channel.force(true);
                }
                out.close();
            } catch (IOException | RuntimeException e) {
                failed = true;
                Files.deleteIfExists(tmp);
                throw e;
            } finally {
                if (channel.isOpen()) {
                    channel.close();
                }
            }
            if (failed) {
                Files.deleteIfExists(tmp);
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
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
    }

    /**
     * Temporary files are created owner-only (0600); the published file should look like any other
     * file the user writes: the permissions of the file it replaces, else rw-r--r-- (umask 022).
     */
    private static void keepPermissions(Path tmp, Path target) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
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

    /** Keeps a wrapping writer's close from committing the underlying atomic stream early. */
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
