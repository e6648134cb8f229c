package io.github.dde4j.cli.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output file that appears complete or not at all: bytes go to a hidden temporary file in the
 * target's folder, and {@link #commit()} forces them to disk and renames the file onto the target
 * in one atomic step. Closing without committing deletes the temporary file, and so does a JVM
 * shutdown (Ctrl-C, SIGTERM) while the job is still writing; only SIGKILL can leave a
 * {@code .*.tmp} file behind, never a half-written target.
 *
 * <p>{@code "-"} as the target means standard output, written directly (no atomicity there).
 */
public final class AtomicOutput implements AutoCloseable {

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

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean done;

    private AtomicOutput(Path target, Path temp, FileChannel channel, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = stream;
    }

    /** Opens a temporary file next to {@code target}; its folder must exist. */
    public static AtomicOutput open(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null, "output folder does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new IOException(target + " is a folder, expected a file name");
        }
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        PENDING.add(temp);
        try {
            // temporary files are created owner-only; the published file should look like any other
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: keep the default
        }
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new AtomicOutput(abs, temp, ch, Channels.newOutputStream(ch));
    }

    /** Writes a whole text file (UTF-8) atomically. */
    public static void writeString(Path target, String text) throws IOException {
        try (AtomicOutput out = open(target)) {
            try (OutputStream os = out.stream()) {
                os.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.commit();
        }
    }

    /** Standard output: written directly, never closed. */
    public static OutputStream stdout(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /**
     * The stream to write to. Closing it does not publish the file; call {@link #commit()}.
     */
    public OutputStream stream() {
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stream.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                stream.flush();
            }
        };
    }

    /** The temporary file being written. */
    public Path tempFile() {
        return temp;
    }

    /** Forces the bytes to disk and renames the temporary file onto the target. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or discarded");
        }
        stream.flush();
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        PENDING.remove(temp);
        done = true;
    }

    /** Discards the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
                PENDING.remove(temp);
            }
        }
    }
}
