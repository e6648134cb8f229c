package io.github.dde4j.cli;

import io.github.dde4j.core.data.AtomicFiles;
import io.github.dde4j.core.data.CsvWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every {@code dde4j} subcommand has: help and version flags, the {@link Common} options, its
 * picocli spec, and the two places it writes to: messages (silent under {@code --quiet}) and data
 * ({@code --out -} streams rows to standard output, any other {@code --out} is written atomically).
 */
@Command(mixinStandardHelpOptions = true, versionProvider = Dde4j.Version.class)
abstract class Subcommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Spec
    CommandSpec spec;

    /** Standard output for reports and messages (picocli's writer, so tests capture it). */
    final PrintWriter messages() {
        return spec.commandLine().getOut();
    }

    /** Prints a progress message ({@link String#format} of {@code format} and {@code args}) unless --quiet. */
    final void say(String format, Object... args) {
        if (!common.quiet) {
            messages().printf(format, args);
        }
    }

    /**
     * Writes data through {@code body}: to standard output when {@code out} is {@code "-"}, else to
     * the file {@code out}, atomically (a failed job leaves no half-written file).
     */
    final void writeData(String out, AtomicFiles.IoConsumer<? super OutputStream> body) throws IOException {
        if (isStandardOutput(out)) {
            body.accept(dataOut());
        } else {
            AtomicFiles.write(Path.of(out), body);
        }
    }

    /** As {@link #writeData}, for CSV with {@code digits} significant digits per value. */
    final void writeCsv(String out, int digits, AtomicFiles.IoConsumer<CsvWriter> body) throws IOException {
        if (isStandardOutput(out)) {
            try (CsvWriter w = new CsvWriter(dataOut(), digits)) {
                body.accept(w);
            }
        } else {
            CsvWriter.write(Path.of(out), digits, body);
        }
    }

    private OutputStream dataOut() {
        return ((Dde4j) spec.root().userObject()).dataOut();
    }

    /** Whether {@code out} names standard output ({@code -}). */
    static boolean isStandardOutput(String out) {
        return "-".equals(out);
    }

    /** Refuses a --digits value outside 0..17 (0: the shortest exact form). */
    static void requireDigits(int digits) {
        if (digits < 0 || digits > 17) {
            throw new UserException("--digits must be in 0..17, got " + digits);
        }
    }
}
