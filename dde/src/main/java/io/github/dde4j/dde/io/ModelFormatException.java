package io.github.dde4j.dde.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a readable dde4j model archive: not a zip, truncated, no or foreign
 * manifest, another format, an unknown or newer format version, the wrong model type, a
 * corrupted or missing array. The message names the file and the problem.
 *
 * <p>It is an {@link IOException} because the problem lies in a file's content, discovered while
 * reading it: callers that load models already handle I/O failures, and a damaged file is one.
 * (Missing files and permission problems stay plain {@link IOException}s such as
 * {@link java.nio.file.NoSuchFileException}.)
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}; the message becomes "file: problem" (just "problem" when file is null). */
    public ModelFormatException(Path file, String problem) {
        super(file == null ? problem : file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read (may be null if it came from a stream). */
    public Path file() {
        return file;
    }
}
