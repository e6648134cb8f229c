package io.github.dde4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "plot", description = "(not yet available)")
final class PlotCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UserException("plot is not available yet");
    }
}
