package io.github.dde4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "evaluate", description = "(not yet available)")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UserException("evaluate is not available yet");
    }
}
