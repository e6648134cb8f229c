package io.github.dde4j.cli;

import io.github.dde4j.core.data.AtomicFiles;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks of an output path, made before a command reads or computes anything, so that a job never
 * runs to the end only to fail at writing, and never writes over one of its own inputs. Writing
 * itself goes through {@link AtomicFiles} (links followed, FIFOs and devices streamed into).
 */
final class Outputs {

    private Outputs() {
    }

    /**
     * Refuses {@code out} (given with {@code flag}; {@code "-"}, standard output, passes) when its
     * folder is missing, it is a folder, or it is the same file as one of {@code inputs} (nulls
     * are skipped).
     */
    static void check(String flag, String out, Path... inputs) throws IOException {
        if ("-".equals(out)) {
            return;
        }
        check(flag, Path.of(out), inputs);
    }

    /** As {@link #check(String, String, Path...)} for a path. */
    static void check(String flag, Path out, Path... inputs) throws IOException {
        try {
            AtomicFiles.requireWritableTarget(out);
        } catch (NoSuchFileException e) {
            throw new UserException(flag + " " + out + ": the output folder " + e.getFile() + " does not exist; create it first");
        } catch (FileSystemException e) {
            throw new UserException(flag + " " + out + " " + e.getReason());
        }
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            try {
                AtomicFiles.requireNotSameFile(out, in);
            } catch (FileSystemException e) {
                throw new UserException(flag + " " + out + " is the same file as the input " + in
                        + "; writing it would destroy the input: choose another output");
            }
        }
    }
}
