package io.github.dde4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KdeCommandTest {

    @TempDir
    Path dir;

    /** log (1/n) sum_i N(q; x_i, h^2 I), by brute force with log-sum-exp. */
    private static double bruteForce(double[][] data, double[] q, double h) {
        double[] t = new double[data.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.length; i++) {
            double s = 0;
            for (int j = 0; j < q.length; j++) {
                double z = (q[j] - data[i][j]) / h;
                s += z * z;
            }
            t[i] = -0.5 * s;
            max = Math.max(max, t[i]);
        }
        double sum = 0;
        for (double v : t) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / data.length) - q.length * Math.log(h * Math.sqrt(2 * Math.PI));
    }

    @Test
    void fixedBandwidthMatchesBruteForce() {
        Path data = Cli.fixture("/data/faithful.csv", dir);
        Path queries = Cli.write(dir, "q.csv", "waiting,eruptions\n70,3.5\n55,2\n120,9\n");
        Path out = dir.resolve("o.csv");
        Cli.run("kde", "--data", data.toString(), "--queries", queries.toString(), "--out", out.toString(),
                "--bandwidth", "0.7").assertOk();
        Cli.Csv o = Cli.readCsv(out);
        // the queries are read by the data's column names, whatever their order in the file
        assertArrayEquals(new String[] {"eruptions", "waiting", "log_density"}, o.header());
        double[][] train = Cli.readCsv(data).rows();
        double[][] q = {{3.5, 70}, {2, 55}, {9, 120}};
        for (int i = 0; i < q.length; i++) {
            assertEquals(q[i][0], o.rows()[i][0], 0.0);
            assertEquals(q[i][1], o.rows()[i][1], 0.0);
            double exact = bruteForce(train, q[i], 0.7);
            assertEquals(exact, o.rows()[i][2], 1e-9 * Math.max(1, Math.abs(exact)));
        }
        assertEquals(2, Cli.fileCount(dir) - 1, "no temporary files left");
    }

    @Test
    void rulesAndStdoutAndColumns() {
        Path data = Cli.fixture("/data/penguins.csv", dir);
        for (String rule : new String[] {"scott", "silverman", "cv"}) {
            Cli.Result r = Cli.run("kde", "--data", data.toString(), "--queries", data.toString(), "--out", "-",
                    "--rule", rule, "--columns", "flipper_length_mm,body_mass_g").assertOk();
            Cli.Csv o = Cli.readCsv(r.out());
            assertArrayEquals(new String[] {"flipper_length_mm", "body_mass_g", "log_density"}, o.header());
            assertEquals(342, o.rows().length);
            for (double[] row : o.rows()) {
                assertTrue(Double.isFinite(row[2]) && row[2] < 0, "a density over mm x g is small: " + row[2]);
            }
        }
    }

    @Test
    void badInputIsOneLineWithPlace() {
        Path data = Cli.fixture("/data/faithful.csv", dir);
        Path out = dir.resolve("o.csv");
        String[] base = {"kde", "--data", null, "--queries", null, "--out", out.toString(), "--bandwidth", "0.5"};
        Path nonNumeric = Cli.write(dir, "nn.csv", "eruptions,waiting\n1,2\n3,abc\n");
        Path ragged = Cli.write(dir, "rag.csv", "eruptions,waiting\n1,2\n3\n");
        Path empty = Cli.write(dir, "empty.csv", "");
        Path nan = Cli.write(dir, "nan.csv", "eruptions,waiting\n1,2\n3,4\nNaN,5\n");
        Path wrongNames = Cli.write(dir, "names.csv", "a,b\n1,2\n");
        long before = Cli.fileCount(dir);
        run(base, data, nonNumeric).assertOneLineError(1, "row 2", "column 'waiting'", "abc");
        run(base, data, ragged).assertOneLineError(1, "row 2");
        run(base, data, empty).assertOneLineError(1, "empty");
        run(base, data, nan).assertOneLineError(1, "row 3", "column 'eruptions'", "NaN");
        run(base, data, wrongNames).assertOneLineError(1, "no column 'eruptions'", "a, b");
        run(base, nonNumeric, data).assertOneLineError(1, "row 2", "column 'waiting'");
        run(base, dir.resolve("missing.csv"), data).assertOneLineError(1, "file not found", "missing.csv");
        Cli.run("kde", "--data", data.toString(), "--queries", data.toString(), "--out", out.toString(),
                "--columns", "eruptions,nope").assertOneLineError(1, "no column 'nope'");
        Cli.run("kde", "--data", data.toString(), "--queries", data.toString(), "--out", out.toString(),
                "--bandwidth", "-1").assertOneLineError(1, "--bandwidth");
        assertFalse(Files.exists(out), "failed jobs write no output");
        assertEquals(before, Cli.fileCount(dir), "and leave no temporary files");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Path data = Cli.fixture("/data/faithful.csv", dir);
        Path bad = Cli.write(dir, "nn.csv", "eruptions,waiting\n1,x\n");
        Cli.Result r = Cli.run("kde", "--verbose", "--data", bad.toString(), "--queries", data.toString(), "--out", "-");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        Path data = Cli.fixture("/data/faithful.csv", dir);
        assertEquals(2, Cli.run("kde", "--data", data.toString(), "--queries", data.toString()).code());
        assertEquals(2, Cli.run("kde", "--data", data.toString(), "--queries", data.toString(), "--out", "-",
                "--bandwidth", "1", "--rule", "scott").code());
        assertEquals(2, Cli.run("kde", "--data", data.toString(), "--queries", data.toString(), "--out", "-",
                "--rule", "nonsense").code());
        assertEquals(2, Cli.run("kde", "--bandwidth", "abc").code());
        assertEquals(2, Cli.run("frobnicate").code());
        assertEquals(2, Cli.run().code());
        Cli.Result help = Cli.run("--help").assertOk();
        for (String sub : new String[] {"demo", "fit", "sample", "evaluate", "plot", "kde", "bench"}) {
            assertTrue(help.out().contains(sub), sub);
        }
        for (String sub : new String[] {"demo", "fit", "sample", "evaluate", "plot", "kde", "bench"}) {
            Cli.Result h = Cli.run(sub, "--help").assertOk();
            assertTrue(h.out().startsWith("Usage: dde4j " + sub), h.out());
        }
        Cli.Result version = Cli.run("--version").assertOk();
        assertTrue(version.out().startsWith("dde4j "), version.out());
    }

    private static Cli.Result run(String[] base, Path data, Path queries) {
        String[] a = base.clone();
        a[2] = data.toString();
        a[4] = queries.toString();
        return Cli.run(a);
    }
}
