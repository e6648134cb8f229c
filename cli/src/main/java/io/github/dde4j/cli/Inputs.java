package io.github.dde4j.cli;

import io.github.dde4j.core.data.CsvReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the user's CSV files. Rows are streamed from core's {@link CsvReader} and kept once:
 * the row arrays the reader creates are collected by reference, never copied, so a table costs
 * one {@code double[]} per row however large the file (the training job must not hold a file
 * twice in memory).
 */
final class Inputs {

    private Inputs() {
    }

    /**
     * The selected columns of a CSV file and its rows. For {@link #readForFit} the rows hold only
     * the columns that vary; {@code allColumns} lists every selected column in the file's order and
     * {@code constants} the value of each constant one.
     */
    record Table(List<String> columns, double[][] rows, List<String> allColumns, Map<String, Double> constants) {
        Table(List<String> columns, double[][] rows) {
            this(columns, rows, columns, Map.of());
        }

        int dimension() {
            return columns.size();
        }
    }

    /**
     * Reads the training data of a model: columns whose values are all equal are set apart (a
     * point mass, kept exactly by the model file, not learned); a column whose spread overflows
     * the standardisation is refused, and so is a table with no varying column.
     */
    static Table readForFit(Path file, List<String> columns) throws IOException {
        Table t = read(file, columns);
        requireStandardizable(file, t);
        Map<String, Double> constants = constants(t);
        List<Integer> varying = new ArrayList<>();
        for (int j = 0; j < t.dimension(); j++) {
            if (!constants.containsKey(t.columns().get(j))) {
                varying.add(j);
            }
        }
        double[][] rows = t.rows();
        if (constants.isEmpty()) {
            return t;
        }
        if (varying.isEmpty()) {
            throw new UserException(file + ": every column is constant (" + constants.toString().replaceAll("[{}]", "")
                    + "): there is nothing to learn; a model needs at least one column whose values vary");
        }
        List<String> names = new ArrayList<>();
        for (int j : varying) {
            names.add(t.columns().get(j));
        }
        double[][] kept = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] r = new double[varying.size()];
            for (int k = 0; k < r.length; k++) {
                r[k] = rows[i][varying.get(k)];
            }
            kept[i] = r;
        }
        return new Table(List.copyOf(names), kept, t.columns(), Map.copyOf(constants));
    }

    /** The columns whose values are all equal, with their value, in the table's order. */
    static Map<String, Double> constants(Table t) {
        Map<String, Double> out = new LinkedHashMap<>();
        double[][] rows = t.rows();
        for (int j = 0; j < t.dimension(); j++) {
            boolean constant = true;
            for (double[] r : rows) {
                if (r[j] != rows[0][j]) {
                    constant = false;
                    break;
                }
            }
            if (constant) {
                out.put(t.columns().get(j), rows[0][j]);
            }
        }
        return out;
    }

    /**
     * Refuses a column whose mean or standard deviation is not a finite double (values near
     * 1e308, or a spread beyond about 1e154): standardising it would give infinities.
     */
    static void requireStandardizable(Path file, Table t) {
        double[][] rows = t.rows();
        int n = rows.length;
        for (int j = 0; j < t.dimension(); j++) {
            double mean = 0;
            double largest = 0;
            for (double[] r : rows) {
                mean += r[j] / n;
                largest = Math.max(largest, Math.abs(r[j]));
            }
            double ss = 0;
            for (double[] r : rows) {
                double c = r[j] - mean;
                ss += c * c / n;
            }
            if (!Double.isFinite(mean) || !Double.isFinite(ss)) {
                throw new UserException(file + ", column '" + t.columns().get(j) + "': values as large as " + largest
                        + " overflow the standardisation (their spread squared exceeds the largest double); "
                        + "rescale the column, e.g. to other units");
            }
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
