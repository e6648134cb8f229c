package io.github.dde4j.dde.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * half-written file: the content goes to a temporary file in the target's directory (same file
 * system, so the rename is atomic), is forced to disk, and is then renamed over the target. On
 * any failure the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {

    /** Writes the whole content to the stream it is given. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Temporary files are created owner-only (0600); the final file should look like any other
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

    /**
     * Atomically replaces (or creates) {@code target} with what {@code body} writes.
     *
     * @throws IOException from the body, or if the directory is not writable or the rename fails
     */
    public static void write(Path target, Body body) throws IOException {
        if (target == null || body == null) {
            throw new IllegalArgumentException("target and body must not be null");
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        String base = absolute.getFileName().toString();
        Path tmp = Files.createTempFile(dir, "." + base + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                OutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
                body.writeTo(buffered);
                buffered.flush();
                channel.force(true);
            }
            keepPermissions(tmp, absolute);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    // the original failure matters more than a leftover temporary file
                }
            }
        }
    }
}
