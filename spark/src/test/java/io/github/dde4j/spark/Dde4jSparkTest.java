package io.github.dde4j.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static Jobs.Result run(String... args) {
        return Jobs.run(NO_SPARK, args);
    }

    private static void assertOneLine(Jobs.Result r, int code, String... fragments) {
        r.oneLineError(code, fragments);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(Dde4jSpark.USAGE, run().code());
        assertOneLine(run("sample", "--rows", "10", "--out", "x"), Dde4jSpark.USAGE, "--model");
        assertOneLine(run("sample", "--model", "m.zip", "--rows", "ten", "--out", "x"), Dde4jSpark.USAGE, "--rows", "ten");
        assertOneLine(run("shuffle"), Dde4jSpark.USAGE, "shuffle");
        assertOneLine(run("quality", "--real", "r.csv"), Dde4jSpark.USAGE, "--synthetic");
        assertOneLine(run("quality", "--real", "r.csv", "--synthetic", "s.csv", "--seed", "x"), Dde4jSpark.USAGE, "--seed");
    }

    @Test
    void badValuesAndFilesExitOneNamingTheFlagOrFile() throws java.io.IOException {
        String model = dir.resolve("nope.zip").toString();
        assertOneLine(run("sample", "--model", model, "--rows", "0", "--out", "x"), 1, "--rows", "0");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--partitions", "0", "--out", "x"), 1, "--partitions");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--out", "x", "--format", "orc"), 1, "--format", "orc");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--out", "x", "--digits", "18"), 1, "--digits");
        assertOneLine(run("sample", "--model", model, "--rows", "9", "--out", "x"), 1, "nope.zip", "not found");
        assertOneLine(run("score", "--model", model, "--data", "d.csv", "--out", "x"), 1, "nope.zip", "not found");
        assertOneLine(run("score", "--model", model, "--data", "d.csv", "--out", "x", "--data-format", "json"), 1,
                "--data-format", "json");
        assertOneLine(run("quality", "--real", "r.csv", "--synthetic", "s.csv", "--seed", "-1"), 1, "--seed", "-1");
        assertOneLine(run("quality", "--real", "r.csv", "--synthetic", "s.csv", "--partitions", "-2"), 1, "--partitions");
        assertOneLine(run("quality", "--real", "r.csv", "--synthetic", "s.csv", "--sample-rows", "3"), 1, "--sample-rows");
        assertOneLine(run("quality", "--real", "r.csv", "--synthetic", "s.csv", "--metadata", dir.resolve("m.yaml").toString()),
                1, "--metadata", "m.yaml");
        Path notAModel = dir.resolve("table.zip");
        java.nio.file.Files.writeString(notAModel, "a,b\n1,2\n");
        assertOneLine(run("sample", "--model", notAModel.toString(), "--rows", "9", "--out", "x"), 1, "model file");
        assertOneLine(run("score", "--model", dir.toString(), "--data", "d.csv", "--out", "x"), 1, dir.toString(), "folder");
    }
}
