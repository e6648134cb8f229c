package io.github.dde4j.cli;

import io.github.dde4j.generator.FitCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where {@code dde4j fit} keeps its {@link FitCheckpoint} ({@code M.zip.ckpt}) and what it tells the
 * user about it. The format is the library's; this class only decides the path, refuses files that are
 * not ours, and turns a damaged file into one clear line. A later {@code fit} with the same fingerprint
 * resumes from the file; a successful run deletes it.
 */
final class Checkpoints {

    private Checkpoints() {
    }

    /** The checkpoint of model file {@code out}: {@code M.zip.ckpt}. */
    static Path pathFor(Path out) {
        return Path.of(out.toString() + ".ckpt");
    }

    /** The current checkpoint of a run and its file: each update is written at once, atomically. */
    static final class Slot {
        private final Path file;
        private FitCheckpoint current;

        Slot(Path file, FitCheckpoint current) {
            this.file = file;
            this.current = current;
        }

        FitCheckpoint current() {
            return current;
        }

        synchronized void update(UnaryOperator<FitCheckpoint> change) throws IOException {
            FitCheckpoint next = change.apply(current);
            next.write(file);
            current = next;
        }
    }

    /**
     * Refuses a file at the checkpoint path that is not a readable dde4j checkpoint: fit would
     * replace it while training and delete it at the end, and it may be the user's.
     */
    static void requireOursOrAbsent(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            FitCheckpoint.read(file);
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + " exists but is not a readable dde4j checkpoint (" + Errors.describe(e)
                    + "); it was left as it is: move it away or delete it, or choose another --out");
        }
    }

    /**
     * The checkpoint at {@code file} if it exists and has this fingerprint; null if there is none or
     * it is another job's (which this job then replaces).
     *
     * @throws UserException if the file is damaged (it is not deleted)
     */
    static FitCheckpoint read(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            FitCheckpoint c = FitCheckpoint.read(file);
            return fingerprint.equals(c.fingerprint()) ? c : null;
        } catch (IOException | RuntimeException e) {
            throw new UserException("the checkpoint " + file + " is damaged (" + Errors.describe(e) + "); it was left as "
                    + "it is: delete it to start training over, or choose another --out");
        }
    }
}
