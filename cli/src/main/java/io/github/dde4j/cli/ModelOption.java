package io.github.dde4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The required {@code --model} option of the commands that read a model file ({@code @Mixin}). */
final class ModelOption {

    @Option(names = "--model", required = true, paramLabel = "M.zip", description = "Model file written by 'dde4j fit'.")
    Path path;
}
