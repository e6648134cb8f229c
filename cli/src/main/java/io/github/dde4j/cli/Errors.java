package io.github.dde4j.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * Turns failures into the one-line messages users see. Bad input is reported by the libraries as
 * {@link IllegalArgumentException} with the row, column and value in the message; files that
 * cannot be read as {@link IOException}s. The stack trace is printed only with {@code --verbose}.
 */
final class Errors {

    private Errors() {
    }

    static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println("dde4j " + cmd.getCommandName() + ": error: " + describe(ex));
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        } else if (!(unwrap(ex) instanceof IllegalArgumentException || unwrap(ex) instanceof IOException
                || unwrap(ex) instanceof UserException)) {
            err.println("(run again with --verbose for details)");
        }
        err.flush();
        return Dde4j.FAILURE;
    }

    static int handleUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("dde4j " + cmd.getCommandName() + ": " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try 'dde4j " + (cmd.getParent() == null ? "" : cmd.getCommandName() + " ") + "--help' for usage.");
        }
        err.flush();
        return Dde4j.USAGE;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One line that says what went wrong, in the user's terms. */
    static String describe(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof NoSuchFileException f) {
            String why = f.getReason();
            return (why != null ? why : "file not found") + ": " + f.getFile();
        }
        if (t instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (t instanceof FileAlreadyExistsException f) {
            return "file already exists: " + f.getFile();
        }
        if (t instanceof java.util.zip.ZipException z) {
            return "not a valid model file (corrupted zip): " + z.getMessage();
        }
        String msg = t.getMessage();
        if (t instanceof io.github.dde4j.dde.io.ModelFormatException) {
            return "not a usable model file: " + oneLine(msg);
        }
        if (t instanceof UserException || t instanceof IllegalArgumentException) {
            return msg == null ? t.getClass().getSimpleName() : oneLine(msg);
        }
        if (t instanceof IOException) {
            return "I/O error: " + (msg == null ? t.getClass().getSimpleName() : oneLine(msg));
        }
        if (t instanceof OutOfMemoryError) {
            return outOfMemory();
        }
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + oneLine(msg));
    }

    /** What to do when the heap is exhausted: the limit now, and how to raise it. */
    static String outOfMemory() {
        long mb = Runtime.getRuntime().maxMemory() >> 20;
        String twice = mb >= 1024 ? (2 * mb + 1023) / 1024 + "g" : 2 * mb + "m";
        return "out of memory (the Java heap limit is " + mb + " MB): ask for less (fewer rows, smaller networks) "
                + "or give Java more heap, e.g. JAVA_OPTS=-Xmx" + twice;
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // "(java.util.zip.ZipException: zip END header not found)" -> "(zip END header not found)":
        // users need the reason, not the Java class
        return line.replaceAll("\\((?:[a-z]+\\.)+[A-Za-z]*(?:Exception|Error): ", "(");
    }
}
