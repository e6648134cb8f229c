package io.github.dde4j.cli;

import io.github.dde4j.core.progress.ConsoleProgressBar;
import io.github.dde4j.core.progress.TrainingListener;
import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class Common {

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or progress messages.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    boolean verbose;

    /** A progress bar on a terminal unless --quiet; silent otherwise. */
    TrainingListener progress() {
        return quiet ? TrainingListener.none() : ConsoleProgressBar.forTerminal();
    }
}
