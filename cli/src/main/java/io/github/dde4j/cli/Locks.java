package io.github.dde4j.cli;

import io.github.dde4j.core.data.AtomicFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive locks on output files, so that two jobs writing one model (and its checkpoint) refuse
 * each other instead of silently sharing a checkpoint. The lock is an OS file lock on a hidden
 * {@code .NAME.lock} next to the output, held until the command ends ({@link Dde4j#execute}
 * releases every lock and deletes the lock files; a killed job's lock dies with its process, and
 * its stale file is reused).
 */
final class Locks {

    private static final List<Held> HELD = new ArrayList<>();

    private record Held(Path file, FileChannel channel, FileLock lock) {
    }

    private Locks() {
    }

    /**
     * Locks {@code out} for this command, or refuses with a message naming {@code flag} and the
     * output when another job holds it.
     */
    static synchronized void lock(String flag, Path out) throws IOException {
        Path target = AtomicFiles.followLinks(out);
        Path file = target.resolveSibling("." + target.getFileName() + ".lock");
        for (int attempt = 0; attempt < 3; attempt++) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another command in this JVM
            }
            if (lock == null) {
                ch.close();
                throw new UserException(flag + " " + out + " is being written by another dde4j job (lock " + file
                        + "); wait for it to finish or choose another output");
            }
            // the holder before us may have deleted the file between our open and our lock: then
            // the lock is on a file nobody else can see, and the one at the path must be locked
            if (Files.exists(file)) {
                HELD.add(new Held(file, ch, lock));
                return;
            }
            lock.release();
            ch.close();
        }
        throw new UserException(flag + " " + out + ": could not lock " + file + " (it keeps being deleted)");
    }

    /** Releases every lock taken by {@link #lock} and deletes the lock files. */
    static synchronized void releaseAll() {
        for (Held h : HELD) {
            try {
                Files.deleteIfExists(h.file());
                h.lock().release();
                h.channel().close();
            } catch (IOException ignored) {
                // the process is about to end, which releases the lock anyway
            }
        }
        HELD.clear();
    }
}
