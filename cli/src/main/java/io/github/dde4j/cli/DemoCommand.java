package io.github.dde4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "demo", description = "(not yet available)")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UserException("demo is not available yet");
    }
}
