package io.github.dde4j.cli;

import io.github.dde4j.core.progress.ConsoleProgressBar;
import io.github.dde4j.core.progress.TrainingListener;
import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class Common {

    /** Off unless given, or the environment variable DDE4J_NO_PROGRESS is set (to anything but empty). */
    @Option(names = {"-q", "--quiet"}, description = "No progress bar or progress messages (also when DDE4J_NO_PROGRESS is set).")
    boolean quiet = noProgressInEnvironment();

    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    boolean verbose;

    static boolean noProgressInEnvironment() {
        String v = System.getenv("DDE4J_NO_PROGRESS");
        return v != null && !v.isEmpty();
    }

    /** A progress bar on a terminal unless --quiet; silent otherwise. */
    TrainingListener progress() {
        return quiet ? TrainingListener.none() : ConsoleProgressBar.forTerminal();
    }
}
