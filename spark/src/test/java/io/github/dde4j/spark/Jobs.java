package io.github.dde4j.spark;

import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs dde4j-spark (and the dde4j command) in-process with captured output. */
final class Jobs {

    private Jobs() {
    }

    record Result(int code, String out, String err) {
        Result ok() {
            assertEquals(0, code, () -> "stderr: " + err + " stdout: " + out);
            return this;
        }

        /** A failure with exactly one line on standard error holding every fragment, no stack trace. */
        Result oneLineError(int expected, String... fragments) {
            assertEquals(expected, code, () -> "stderr: " + err + " stdout: " + out);
            assertEquals(1, err.strip().split("\n").length, () -> "one line expected:\n" + err);
            for (String f : fragments) {
                assertTrue(err.contains(f), () -> "'" + f + "' missing from: " + err);
            }
            assertFalse(err.contains("\tat "), () -> "no stack trace: " + err);
            return this;
        }
    }

    /** A command's entry point writing to the given streams and returning its exit code. */
    interface Main {
        int run(PrintStream out, PrintStream err);
    }

    /** Runs {@code main} with captured standard output and error. */
    static Result capture(Main main) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = main.run(o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(Supplier<SparkSession> spark, String... args) {
        return capture((o, e) -> Dde4jSpark.execute(spark, o, e, args));
    }
}
