package io.github.dde4j.cli;

import io.github.dde4j.core.data.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The {@code dde4j} command: synthetic-data jobs on CSV files (fit, sample, evaluate, plot), exact
 * KDE, the built-in benchmarks and a demo.
 *
 * <p>Exit codes: 0 success, 1 failure (bad input, I/O error; one line on standard error, with the
 * stack trace only under {@code --verbose}), 2 usage error (unknown flag, missing argument).
 */
@Command(name = "dde4j", mixinStandardHelpOptions = true, versionProvider = Dde4j.Version.class,
        description = "Density estimation and synthetic data with Denoising Density Estimators.",
        subcommands = {DemoCommand.class, FitCommand.class, SampleCommand.class, EvaluateCommand.class,
                PlotCommand.class, KdeCommand.class, BenchCommand.class, QualityCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class Dde4j implements Runnable {

    /** Exit code of a failed job. */
    public static final int FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    private final PrintStream stdout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command writing data to {@code stdout} (for {@code --out -}). */
    public Dde4j(PrintStream stdout) {
        this.stdout = stdout;
    }

    /**
     * Standard output as a byte stream, where {@code --out -} writes CSV rows; a failed write
     * (output closed, disk full) throws instead of being swallowed by the PrintStream.
     */
    OutputStream dataOut() {
        return AtomicFiles.checked(stdout, "standard output");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /**
     * Runs the command with the given streams and returns the exit code (used by tests in-process).
     * Every failure ends in one line on {@code err}: also running out of memory, and a write to
     * {@code out} that failed (a PrintStream only records it: checked here at the end, and on each
     * block of CSV rows by {@link #dataOut()}).
     */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = commandLine(out, err);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("dde4j: error: " + Errors.describe(e));
            code = FAILURE;
        } finally {
            Locks.releaseAll();
        }
        cl.getOut().flush();
        if (out.checkError() && code == 0) {
            err.println("dde4j: error: cannot write to standard output (closed, or the disk is full)");
            code = FAILURE;
        }
        err.flush();
        return code;
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Dde4j(out));
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(Errors::handle);
        cl.setParameterExceptionHandler(Errors::handleUsage);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The project version, from a resource filtered by Maven. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dde4j " + version()};
        }
    }

    /** The project version, or "unknown" when run from unfiltered classes. */
    public static String version() {
        try (InputStream in = Dde4j.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }
}
