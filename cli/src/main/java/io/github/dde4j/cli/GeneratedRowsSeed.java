package io.github.dde4j.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --seed} of the commands that draw rows from a model to compare or show them
 * ({@code evaluate}, {@code plot}; a {@code @Mixin}): the same seed gives the same rows.
 */
final class GeneratedRowsSeed {

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the generated rows (default ${DEFAULT-VALUE}).")
    long value;
}
