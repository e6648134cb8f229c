package io.github.dde4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the dde4j command in-process with captured output. */
final class Cli {

    record Result(int code, String out, String err) {
        /** A failure with exactly one line on standard error that contains every fragment, no stack trace. */
        Result assertOneLineError(int expectedCode, String... fragments) {
            assertEquals(expectedCode, code, () -> "exit code; stderr: " + err + " stdout: " + out);
            String[] lines = err.strip().split("\n");
            assertEquals(1, lines.length, () -> "one line expected:\n" + err);
            for (String f : fragments) {
                assertTrue(err.contains(f), () -> "'" + f + "' missing from: " + err);
            }
            assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "no stack trace: " + err);
            return this;
        }

        Result assertOk() {
            assertEquals(0, code, () -> "exit code; stderr: " + err + " stdout: " + out);
            return this;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Dde4j.execute(o, e, args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Copies a class-path fixture (e.g. "/data/penguins.csv") into {@code dir}. */
    static Path fixture(String resource, Path dir) {
        Path target = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = Cli.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parsed numeric CSV: header then rows. */
    record Csv(String[] header, double[][] rows) {
    }

    static Csv readCsv(String text) {
        String[] lines = text.strip().split("\n");
        String[] header = lines[0].split(",");
        double[][] rows = new double[lines.length - 1][];
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            rows[i - 1] = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                rows[i - 1][j] = Double.parseDouble(cells[j]);
            }
        }
        return new Csv(header, rows);
    }

    static Csv readCsv(Path file) {
        try {
            return readCsv(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files in {@code dir}, for checking that failed jobs leave nothing behind. */
    static long fileCount(Path dir) {
        try (var s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
