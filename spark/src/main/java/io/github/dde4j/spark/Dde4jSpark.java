package io.github.dde4j.spark;

import io.github.dde4j.cli.ModelRows;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The Spark jobs' command line: {@code spark-submit --class io.github.dde4j.spark.Dde4jSpark
 * dde4j-spark.jar sample|score|quality ...}, or {@code spark/run-local.sh} in-process on
 * {@code local[2]} when no master is set. Flags as the dde4j command spells them; bad input is one
 * line on standard error and exit code 1, a usage error exit code 2 (docs/spark.md).
 */
@Command(name = "dde4j-spark", mixinStandardHelpOptions = true,
        description = "dde4j models as Apache Spark jobs: sample rows, score tables, quality reports (docs/spark.md).",
        subcommands = {Dde4jSpark.Sample.class, Dde4jSpark.Score.class, Dde4jSpark.Quality.class})
public final class Dde4jSpark implements Runnable {

    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private final Supplier<SparkSession> session;
    private final PrintStream out;

    private Dde4jSpark(Supplier<SparkSession> session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a job: sample, score or quality");
    }

    public static void main(String[] args) {
        SparkSession[] started = {null};
        Supplier<SparkSession> session = () -> {
            if (started[0] == null) {
                started[0] = start();
            }
            return started[0];
        };
        int code;
        try {
            code = execute(session, System.out, System.err, args);
        } finally {
            if (started[0] != null) {
                started[0].stop();
            }
        }
        System.exit(code);
    }

    /** A session on the configured master (spark-submit's), or in-process on local[2]. */
    private static SparkSession start() {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]");
            conf.set("spark.ui.enabled", "false");
        }
        SparkSession s = SparkSession.builder().appName("dde4j").config(conf).getOrCreate();
        if (!Boolean.getBoolean("dde4j.verbose") && System.getProperty("log4j2.configurationFile") == null) {
            // the driver's own log lines (a given log4j 2 configuration, e.g. run-local.sh's, decides
            // otherwise); a job's failure is reported as one line by execute
            s.sparkContext().setLogLevel("ERROR");
        }
        return s;
    }

    /**
     * Runs one job on the session {@code session} gives (asked for only once the flags are
     * valid: Spark starts slowly) and returns the exit code.
     */
    public static int execute(Supplier<SparkSession> session, PrintStream out, PrintStream err, String... args) {
        CommandLine cmd = new CommandLine(new Dde4jSpark(session, out));
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("dde4j-spark " + ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
            ex.getCommandLine().getErr().flush();
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("dde4j-spark " + c.getCommandName() + ": error: " + describe(ex));
            c.getErr().flush();
            return FAILURE;
        });
        return cmd.execute(args);
    }

    /**
     * One line for a failure: the user's error (bad cell, missing file...) wherever it happened,
     * on the driver or in a task (Spark wraps a task's exception as the cause of its own).
     */
    static String describe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (ModelRows.isUserError(t) && !(t instanceof java.io.UncheckedIOException)) {
                return ModelRows.describe(t);
            }
        }
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    static Format format(String value) {
        return Format.of("--format", value);
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, description = {"Draw --rows rows of a model into a "
            + "table of --partitions part files: the rows 'dde4j sample' writes with the same --seed, whatever "
            + "the partition or executor count."})
    static final class Sample implements Callable<Integer> {
        @CommandLine.ParentCommand
        Dde4jSpark parent;

        @Option(names = "--model", required = true, paramLabel = "M.zip", description = "Model file written by 'dde4j fit'.")
        Path model;

        @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of rows to draw.")
        long rows;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist).")
        String out;

        @Option(names = "--partitions", paramLabel = "P", defaultValue = "2", description = "Part files (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--format", paramLabel = "F", defaultValue = "parquet", description = "parquet or csv (default ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--digits", paramLabel = "K", defaultValue = ModelRows.DEFAULT_DIGITS,
                description = "CSV: significant digits per number as 'dde4j sample --digits' (default ${DEFAULT-VALUE}).")
        int digits;

        @Override
        public Integer call() throws Exception {
            if (rows < 1) {
                throw ModelRows.userError("--rows must be >= 1, got " + rows);
            }
            if (partitions < 1) {
                throw ModelRows.userError("--partitions must be >= 1, got " + partitions);
            }
            if (digits < 0 || digits > 17) {
                throw ModelRows.userError("--digits must be in 0..17, got " + digits);
            }
            Format f = format(format);
            ModelRows m = ModelRows.read(model);
            SparkSession spark = parent.session.get();
            // the job's time, without Spark's start
            long t0 = System.nanoTime();
            long n = SampleJob.run(spark, new SampleJob.Options(model, rows, seed, partitions, f, out, digits), m);
            double s = (System.nanoTime() - t0) / 1e9;
            parent.out.printf(Locale.ROOT, "wrote %d rows to %s in %d partitions (%.1f s, %.0f rows/s)%n", n, out,
                    partitions, s, n / s);
            return 0;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, description = {"Copy a table with a new column "
            + "log_density (log p(x) under the model's normalised density) and print the average "
            + "log-likelihood and its standard error as 'dde4j evaluate --json' does."})
    static final class Score implements Callable<Integer> {
        @CommandLine.ParentCommand
        Dde4jSpark parent;

        @Option(names = "--model", required = true, paramLabel = "M.zip", description = "Model file written by 'dde4j fit'.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "T", description = "Table with the model's columns: "
                + "a .csv file or folder (header row), else Parquet.")
        String data;

        @Option(names = "--data-format", paramLabel = "F", description = "parquet or csv (default: csv for a name "
                + "ending .csv, else parquet).")
        String dataFormat;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist).")
        String out;

        @Option(names = "--format", paramLabel = "F", description = "parquet or csv (default: the data's format).")
        String format;

        @Override
        public Integer call() throws Exception {
            Format in = dataFormat == null ? Format.ofName(data) : Format.of("--data-format", dataFormat);
            Format f = format == null ? in : format(format);
            ModelRows m = ModelRows.read(model);
            m.logZ(); // a model without a normalised density is refused before Spark starts
            ScoreJob.Summary s = ScoreJob.run(parent.session.get(), new ScoreJob.Options(model, data, in, out, f), m);
            parent.out.println(s.json());
            return 0;
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true, description = {"The synthetic-data quality report "
            + "of 'dde4j quality' on large tables, from per-partition summaries: column shapes, column pair trends, "
            + "missing values and distances to closest records exact; detection and column types on a sample of "
            + "--sample-rows real rows (all of them, hence 'dde4j quality''s values, up to that many)."})
    static final class Quality implements Callable<Integer> {
        @CommandLine.ParentCommand
        Dde4jSpark parent;

        @Option(names = "--real", required = true, paramLabel = "R", description = "The real (training) table: "
                + "a .csv file or folder (header row), else Parquet.")
        String real;

        @Option(names = "--synthetic", required = true, paramLabel = "S", description = "The synthetic table (same columns).")
        String synthetic;

        @Option(names = "--holdout", paramLabel = "H",
                description = "Real rows the synthesizer never saw: adds DCR overfitting protection.")
        String holdout;

        @Option(names = "--metadata", paramLabel = "M.json|M.yaml", description = "Column types and missing-value tokens (see docs/tables.md).")
        Path metadata;

        @Option(names = "--json", description = "Print the report as JSON (the keys of 'dde4j quality --json').")
        boolean json;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
                description = "Seed of the detection folds, the DCR baseline's random rows and the sample, 0..4294967295 (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
                description = "Spread each table over P partitions (default: as Spark reads them).")
        int partitions;

        @Option(names = "--sample-rows", paramLabel = "N", defaultValue = "100000",
                description = "Real rows collected to the driver for detection and type detection (default ${DEFAULT-VALUE}).")
        int sampleRows;

        @Override
        public Integer call() throws Exception {
            if (seed < 0 || seed > 0xFFFFFFFFL) {
                throw ModelRows.userError("--seed must be in 0..4294967295, got " + seed);
            }
            if (partitions < 0) {
                throw ModelRows.userError("--partitions must be >= 0, got " + partitions);
            }
            if (sampleRows < 10) {
                throw ModelRows.userError("--sample-rows must be >= 10, got " + sampleRows);
            }
            if (metadata != null && !java.nio.file.Files.isRegularFile(metadata)) {
                throw ModelRows.userError("--metadata " + metadata + ": file not found");
            }
            io.github.dde4j.core.quality.QualityReport q = QualityJob.run(parent.session.get(),
                    new QualityJob.Options(real, synthetic, holdout, metadata, seed, partitions, sampleRows));
            parent.out.print(json ? QualityText.json(q) : QualityText.summary(q));
            parent.out.flush();
            return 0;
        }
    }
}
