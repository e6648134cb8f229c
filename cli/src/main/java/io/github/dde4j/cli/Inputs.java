package io.github.dde4j.cli;

import io.github.dde4j.core.data.CsvReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the user's CSV files. Rows are streamed from core's {@link CsvReader} and kept once:
 * the row arrays the reader creates are collected by reference, never copied, so a table costs
 * one {@code double[]} per row however large the file (the training job must not hold a file
 * twice in memory).
 */
final class Inputs {

    private Inputs() {
    }

    /** The selected columns of a CSV file and its rows. */
    record Table(List<String> columns, double[][] rows) {
        int dimension() {
            return columns.size();
        }
    }

    /** Reads {@code columns} (all when null or empty) of {@code file}. */
    static Table read(Path file, List<String> columns) throws IOException {
        requireFile(file);
        CsvReader reader = CsvReader.create().columns(columns);
        List<double[]> rows = new ArrayList<>();
        List<String> names = reader.stream(file, 4096, (batch, count) -> {
            for (int i = 0; i < count; i++) {
                rows.add(batch[i]);
            }
        });
        return new Table(names, rows.toArray(new double[0][]));
    }

    /** A readable regular file, or a one-line error. */
    static void requireFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new UserException(file + " is a folder, expected a file");
        }
        if (!Files.isReadable(file)) {
            throw new java.nio.file.AccessDeniedException(file.toString());
        }
    }
}
