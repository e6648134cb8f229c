package io.github.dde4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "fit", description = "(not yet available)")
final class FitCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UserException("fit is not available yet");
    }
}
