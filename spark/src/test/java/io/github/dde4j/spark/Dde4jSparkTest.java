package io.github.dde4j.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line without Spark: usage errors exit 2, bad values and files exit 1 with one line
 * naming the flag or file, all before a Spark session is asked for (the jobs themselves:
 * {@link SparkJobsTest}, in -Plong).
 */
class Dde4jSparkTest {

    @TempDir
    Path dir;

    /** Fails the test if a job asks for Spark. */
    private static final Supplier<SparkSession> NO_SPARK = () -> {
        throw new AssertionError("Spark was started for input that is refused before any job");
    };

    private record Result(int code, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Dde4jSpark.execute(NO_SPARK, o, e, args);
        }
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Result r, int code, String... fragments) {
        assertEquals(code, r.code(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), () -> "'" + f + "' missing from: " + r.err());
        }
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(Dde4jSpark.USAGE, run().code());
        assertOneLine(run("sample", "--rows", "10", "--out", "x"), Dde4jSpark.USAGE, "--model");
        assertOneLine(run("sample", "--model", "m.zip", "--rows", "ten", "--out", "x"), Dde4jSpark.USAGE, "--rows", "ten");
        assertOneLine(run("shuffle"), Dde4jSpark.USAGE, "shuffle");
    }

    @Test
    void badValuesAndFilesExitOneNamingTheFlagOrFile() {
        String model = dir.resolve("nope.zip").toString();
        assertOneLine(run("sample", "--model", model, "--rows", "0", "--out", "x"), 1, "--rows", "0");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--partitions", "0", "--out", "x"), 1, "--partitions");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--out", "x", "--format", "orc"), 1, "--format", "orc");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--out", "x", "--digits", "18"), 1, "--digits");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--out", "x"), 1, "nope.zip", "not found");
        assertOneLine(run("score", "--model", model, "--data", "d.csv", "--out", "x"), 1, "nope.zip", "not found");
        assertOneLine(run("score", "--model", model, "--data", "d.csv", "--out", "x", "--data-format", "json"), 1,
                "--data-format", "json");
    }
}
