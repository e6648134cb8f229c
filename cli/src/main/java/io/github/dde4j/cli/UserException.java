package io.github.dde4j.cli;

/** A failure caused by the user's input, reported as one line without a stack trace. */
final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Refuses {@code value} of {@code flag} below {@code min}: "--flag must be >= min, got value". */
    static void requireAtLeast(String flag, long value, long min) {
        if (value < min) {
            throw new UserException(flag + " must be >= " + min + ", got " + value);
        }
    }
}
