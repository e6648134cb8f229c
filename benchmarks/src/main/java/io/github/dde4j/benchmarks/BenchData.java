package io.github.dde4j.benchmarks;

import io.github.dde4j.core.data.CsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** The inputs the benchmarks share: seeded standard-normal points and numeric CSV files. */
public final class BenchData {

    private BenchData() {
    }

    /**
     * n x d standard-normal points.
     *
     * @param rng the random source (consumed)
     * @param n   rows
     * @param d   columns
     * @return a new n x d array
     */
    public static double[][] standardNormal(UniformRandomProvider rng, int n, int d) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = g.sample();
            }
        }
        return x;
    }

    /**
     * Reads a numeric CSV file with the library's reader. The peers' scripts write their data with
     * numpy's {@code savetxt}, without a header row: when the first line holds only numbers, column
     * names x0, x1, ... are supplied.
     *
     * @param file the CSV file
     * @return its rows
     * @throws IOException if the file cannot be read
     */
    public static double[][] readCsv(Path file) throws IOException {
        String first;
        try (BufferedReader r = Files.newBufferedReader(file)) {
            first = r.readLine();
        }
        if (first == null || !isNumeric(first)) {
            return CsvReader.create().read(file).toArray();
        }
        StringJoiner header = new StringJoiner(",", "", "\n");
        for (int k = 0; k < first.split(",", -1).length; k++) {
            header.add("x" + k);
        }
        try (Reader r = new StringReader(header + Files.readString(file))) {
            return CsvReader.create().read(r, file.toString()).toArray();
        }
    }

    private static boolean isNumeric(String line) {
        try {
            for (String cell : line.split(",", -1)) {
                Double.parseDouble(cell.strip());
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
