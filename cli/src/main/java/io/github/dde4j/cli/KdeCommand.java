package io.github.dde4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "kde", description = "(not yet available)")
final class KdeCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UserException("kde is not available yet");
    }
}
