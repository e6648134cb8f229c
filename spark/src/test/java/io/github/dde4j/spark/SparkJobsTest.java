package io.github.dde4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.cli.Dde4j;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jobs on local[2] against the dde4j command on the same model: sampled rows equal the
 * command's, byte for byte in CSV and value for value in Parquet, for 1 and 3 partitions; scores
 * equal {@code evaluate}'s; existing and half-written outputs are never overwritten. One Spark
 * session and one pair of fitted models (numeric Old Faithful, the typed cars table) for the class.
 * (Part of -Plong.)
 */
@Tag("long") // about a minute: two fits, Spark's start, 200,000-row samples through both paths
class SparkJobsTest {

    /** More than three job blocks, the last one partial: partitions split inside the sample. */
    private static final long ROWS = 3 * SampleJob.BLOCK_ROWS + 5_000;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path faithful;
    private static Path faithfulModel;
    private static Path cars;
    private static Path carsModel;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("dde4j-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        faithful = fixture("/data/faithful.csv");
        cars = fixture("/tables/cars.csv");
        Path tiny = fixture("/cli/tiny.yaml");
        faithfulModel = dir.resolve("faithful.zip");
        carsModel = dir.resolve("cars.zip");
        cli("fit", "--data", faithful.toString(), "--out", faithfulModel.toString(), "--config", tiny.toString(),
                "--generator", "--seed", "1", "-q");
        cli("fit", "--data", cars.toString(), "--out", carsModel.toString(), "--config", tiny.toString(),
                "--generator", "--seed", "2", "-q");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The lines of the CSV file that {@code dde4j sample} writes for {@code model} and {@code seed}. */
    private static List<String> commandsRows(Path model, long seed, String fileName) throws IOException {
        Path expected = dir.resolve(fileName);
        cli("sample", "--model", model.toString(), "--rows", Long.toString(ROWS), "--seed", Long.toString(seed),
                "--out", expected.toString(), "-q");
        return Files.readAllLines(expected);
    }

    /** CSV of a numeric model: the command's file, line for line, for 1 and 3 partitions. */
    @Test
    void csvRowsAreTheCommandsForOneAndThreePartitions() throws IOException {
        List<String> want = commandsRows(faithfulModel, 7, "faithful-cli.csv");
        for (int p : new int[] {1, 3}) {
            Path out = dir.resolve("faithful-p" + p);
            Jobs.Result r = job("sample", "--model", faithfulModel.toString(), "--rows", Long.toString(ROWS), "--seed", "7",
                    "--out", out.toString(), "--partitions", Integer.toString(p), "--format", "csv").ok();
            assertTrue(r.out().contains("wrote " + ROWS + " rows"), r.out());
            assertEquals(p, partFiles(out).size(), "part files");
            assertEquals(want, csvLines(out), "partitions " + p);
        }
    }

    /** Parquet of a numeric model: the full doubles, equal to the command's shortest exact form (--digits 0). */
    @Test
    void parquetValuesAreTheCommandsExactValues() throws IOException {
        Path expected = dir.resolve("faithful-exact.csv");
        cli("sample", "--model", faithfulModel.toString(), "--rows", Long.toString(ROWS), "--seed", "11",
                "--digits", "0", "--out", expected.toString(), "-q");
        List<String> lines = Files.readAllLines(expected);
        Path out = dir.resolve("faithful-parquet");
        job("sample", "--model", faithfulModel.toString(), "--rows", Long.toString(ROWS), "--seed", "11",
                "--out", out.toString(), "--partitions", "3").ok();
        List<Row> rows = parquetRows(out);
        assertEquals(lines.size() - 1, rows.size());
        assertEquals(lines.get(0), String.join(",", spark.read().parquet(out.toString()).columns()));
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int j = 0; j < cells.length; j++) {
                assertEquals(Double.parseDouble(cells[j]), rows.get(i).getDouble(j), 0.0, "row " + i + " column " + j);
            }
        }
    }

    /**
     * A typed model (identifiers, labels, integers, empty cells): cells decoded on the executors,
     * the command's CSV line for line (fresh identifiers numbered across partitions), and the same
     * text cells in Parquet.
     */
    @Test
    void typedRowsAreTheCommandsCells() throws IOException {
        List<String> want = commandsRows(carsModel, 3, "cars-cli.csv");
        for (int p : new int[] {1, 3}) {
            Path out = dir.resolve("cars-p" + p);
            job("sample", "--model", carsModel.toString(), "--rows", Long.toString(ROWS), "--seed", "3",
                    "--out", out.toString(), "--partitions", Integer.toString(p), "--format", "csv").ok();
            assertEquals(want, csvLines(out), "partitions " + p);
        }
        Path out = dir.resolve("cars-parquet");
        job("sample", "--model", carsModel.toString(), "--rows", Long.toString(ROWS), "--seed", "3",
                "--out", out.toString(), "--partitions", "3").ok();
        List<Row> rows = parquetRows(out);
        assertEquals(want.size() - 1, rows.size());
        for (int i = 0; i < rows.size(); i += 997) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < rows.get(i).size(); j++) {
                String c = rows.get(i).isNullAt(j) ? "" : rows.get(i).getString(j);
                line.append(j > 0 ? "," : "").append(c.contains(",") ? "\"" + c + "\"" : c);
            }
            assertEquals(want.get(i + 1), line.toString(), "row " + i);
        }
    }

    /** score's summary equals evaluate --json on the same rows, for a numeric and a typed model. */
    @Test
    void scoresEqualEvaluate() throws IOException {
        Path out = dir.resolve("faithful-scored");
        Jobs.Result r = job("score", "--model", faithfulModel.toString(), "--data", faithful.toString(), "--out", out.toString()).ok();
        String got = r.out();
        String want = (cli("evaluate", "--model", faithfulModel.toString(), "--data",
                faithful.toString(), "--json", "--no-quality"));
        assertSummaryEquals(want, got, 272);
        // the same table, one more column
        List<String> in = Files.readAllLines(faithful);
        List<String> scored = csvLines(out);
        assertEquals(in.get(0) + "," + ScoreJob.COLUMN, scored.get(0));
        for (int i = 1; i < in.size(); i++) {
            assertEquals(in.get(i), scored.get(i).substring(0, scored.get(i).lastIndexOf(',')), "row " + i);
        }

        // a typed model, rows given as 3 Parquet partitions of text cells: evaluate on the command's CSV of them
        Path sample = dir.resolve("cars-score-cli.csv");
        cli("sample", "--model", carsModel.toString(), "--rows", "20000", "--seed", "5", "--out", sample.toString(), "-q");
        Path table = dir.resolve("cars-score-in");
        job("sample", "--model", carsModel.toString(), "--rows", "20000", "--seed", "5", "--out", table.toString(),
                "--partitions", "3").ok();
        Path carsOut = dir.resolve("cars-scored");
        String typed = (job("score", "--model", carsModel.toString(), "--data",
                table.toString(), "--out", carsOut.toString()).ok().out());
        String typedWant = (cli("evaluate", "--model", carsModel.toString(), "--data",
                sample.toString(), "--json", "--no-quality"));
        assertSummaryEquals(typedWant, typed, 20000);
        assertTrue(typed.contains("\"log_likelihood_units\":\"encoded\""), typed);
    }

    private static void assertSummaryEquals(String want, String got, int rows) {
        assertEquals(rows, (long) field(got, "rows"));
        for (String k : new String[] {"log_likelihood", "log_likelihood_se", "log_likelihood_se_rows", "log_z", "log_z_se"}) {
            assertEquals(field(want, k), field(got, k), 1e-9, k);
        }
    }

    /** A number of a one-line JSON object. */
    private static double field(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), () -> key + " missing from " + json);
        return Double.parseDouble(m.group(1));
    }

    /** A finished job's output is refused as --out, and left as it was. */
    @Test
    void anExistingOutputIsNeverOverwritten() throws IOException {
        Path out = dir.resolve("done");
        job("sample", "--model", faithfulModel.toString(), "--rows", "1000", "--out", out.toString(), "--format", "csv").ok();
        Map<Path, byte[]> before = snapshot(out);
        job("sample", "--model", faithfulModel.toString(), "--rows", "2000", "--seed", "9", "--out", out.toString(),
                "--format", "csv").oneLineError(1, "--out", "already exists", "finished job");
        assertSnapshotEquals(before, snapshot(out));
    }

    /**
     * A job that fails in a task after others have written their parts commits nothing (Spark's
     * output committer): no _SUCCESS, no part file; the error names the cell; a rerun is refused
     * with the reason.
     */
    @Test
    void aJobFailingMidwayCommitsNothing() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(faithful));
        Path in = dir.resolve("bad-in");
        Files.createDirectories(in);
        // three files (three tasks); the last has a cell that is not a number
        for (int f = 0; f < 3; f++) {
            List<String> part = new ArrayList<>();
            part.add(lines.get(0));
            part.addAll(lines.subList(1 + f * 90, 1 + (f + 1) * 90));
            if (f == 2) {
                part.set(50, "3.6,abc");
            }
            Files.write(in.resolve("part-" + f + ".csv"), part);
        }
        Path out = dir.resolve("failed");
        job("score", "--model", faithfulModel.toString(), "--data", in.toString(), "--data-format", "csv",
                "--out", out.toString()).oneLineError(1, "'abc'", "waiting");
        // the committer made the folder when the job started, and removed the tasks' files when it failed
        assertTrue(Files.isDirectory(out));
        assertFalse(Files.exists(out.resolve(Locations.SUCCESS)));
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("part-")), "no part file");
        }
        job("score", "--model", faithfulModel.toString(), "--data", faithful.toString(), "--out", out.toString())
                .oneLineError(1, "--out", "left-over");
    }

    /**
     * quality equals 'dde4j quality --json' on two reference tables (read as CSV with 1 and 3
     * partitions): the deterministic scores to 1e-9, detection to 0.02. The cars tables are also run
     * with the real and synthetic roles swapped, and with the real table as holdout, so that each
     * side of every distance comparison is once the broadcast one, and read as Parquet.
     */
    @Test
    void qualityEqualsTheCommandsReport() throws IOException {
        qualityEqualsTheCommandsReport("cars", true);
        qualityEqualsTheCommandsReport("penguins-full", false);
    }

    /** {@code every}: all three role sets and Parquet too (else the tables as they are, CSV, 1 and 3 partitions). */
    private static void qualityEqualsTheCommandsReport(String table, boolean every) throws IOException {
        Path real = fixture("/reference/quality/" + table + "-real.csv");
        Path synthetic = fixture("/reference/quality/" + table + "-synthetic.csv");
        Path holdout = fixture("/reference/quality/" + table + "-holdout.csv");
        // real, synthetic, holdout: the tables' sizes decide which side of each comparison is broadcast
        Path[][] roleSets = {{real, synthetic, holdout}, {synthetic, real, holdout}, {real, synthetic, real}};
        for (Path[] roles : every ? roleSets : new Path[][] {roleSets[0]}) {
            String want = cli("quality", "--real", roles[0].toString(), "--synthetic", roles[1].toString(),
                    "--holdout", roles[2].toString(), "--json");
            for (int p : new int[] {1, 3}) {
                String got = job("quality", "--real", roles[0].toString(), "--synthetic", roles[1].toString(),
                        "--holdout", roles[2].toString(), "--json", "--partitions", Integer.toString(p)).ok().out();
                assertReportEquals(want, got, table + " " + roles[0].getFileName() + " partitions " + p);
            }
        }
        if (!every) {
            return;
        }
        // Parquet with text columns, as a CSV file read by Spark and written back
        String[] parquet = new String[3];
        Path[] csv = {real, synthetic, holdout};
        for (int i = 0; i < 3; i++) {
            parquet[i] = dir.resolve(table + "-parquet-" + i).toString();
            Format.reader(spark.read(), Format.CSV).load(csv[i].toString()).write().parquet(parquet[i]);
        }
        String want = cli("quality", "--real", real.toString(), "--synthetic", synthetic.toString(), "--holdout",
                holdout.toString(), "--json", "--seed", "5");
        String got = job("quality", "--real", parquet[0], "--synthetic", parquet[1], "--holdout", parquet[2], "--json",
                "--seed", "5", "--partitions", "2").ok().out();
        assertReportEquals(want, got, table + " parquet");
    }

    /** Two reports' JSON: the same keys and column types, numbers to 1e-9 (detection's to 0.02). */
    private static void assertReportEquals(String want, String got, String what) throws IOException {
        JsonNode w = new ObjectMapper().readTree(want);
        JsonNode g = new ObjectMapper().readTree(got);
        assertEquals(keys(w), keys(g), what + ": keys");
        w.fieldNames().forEachRemaining(k -> assertNodeEquals(w.get(k), g.get(k), k.startsWith("detection") ? 0.02 : 1e-9,
                what + ": " + k));
    }

    private static void assertNodeEquals(JsonNode w, JsonNode g,
                                         double tolerance, String what) {
        if (w.isContainerNode()) {
            assertEquals(w.size(), g.size(), what);
            if (w.isArray()) {
                for (int i = 0; i < w.size(); i++) {
                    assertNodeEquals(w.get(i), g.get(i), tolerance, what + "[" + i + "]");
                }
            } else {
                w.fieldNames().forEachRemaining(k -> assertNodeEquals(w.get(k), g.get(k), tolerance, what + "." + k));
            }
        } else if (w.isNumber()) {
            assertTrue(g.isNumber(), what + ": " + g);
            assertEquals(w.asDouble(), g.asDouble(), tolerance, what);
        } else {
            assertEquals(w, g, what);
        }
    }

    /** A JSON object's keys, in order. */
    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Input found bad once Spark runs (the rest: {@link Dde4jSparkTest}): one line naming the flag, file or column. */
    @Test
    void badInputIsOneLine() {
        job("score", "--model", faithfulModel.toString(), "--data", dir.resolve("nope.csv").toString(), "--out",
                dir.resolve("f4").toString()).oneLineError(1, "--data", "nope.csv");
        job("score", "--model", faithfulModel.toString(), "--data", cars.toString(), "--out", dir.resolve("f5").toString())
                .oneLineError(1, "eruptions");
        job("quality", "--real", cars.toString(), "--synthetic", faithful.toString())
                .oneLineError(1, "synthetic table's columns", "eruptions");
        job("quality", "--real", cars.toString(), "--synthetic", dir.resolve("nope.csv").toString())
                .oneLineError(1, "--synthetic", "nope.csv");
    }

    // ---- helpers

    private static Jobs.Result job(String... args) {
        return Jobs.run(() -> spark, args);
    }

    /** The dde4j command in-process; its standard output. */
    private static String cli(String... args) {
        Jobs.Result r = Jobs.capture((o, e) -> Dde4j.execute(o, e, args));
        assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    private static Path fixture(String resource) {
        Path target = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = SparkJobsTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The part files of a job's output, in partition order. */
    private static List<Path> partFiles(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    /** A CSV output as one file: the header once, then every part's rows in partition order. */
    private static List<String> csvLines(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path p : partFiles(out)) {
            List<String> part = Files.readAllLines(p);
            if (lines.isEmpty()) {
                lines.add(part.get(0));
            } else {
                assertEquals(lines.get(0), part.get(0), "every part's header");
            }
            lines.addAll(part.subList(1, part.size()));
        }
        return lines;
    }

    /** A Parquet output's rows, part file by part file (each read whole, in order). */
    private static List<Row> parquetRows(Path out) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path p : partFiles(out)) {
            rows.addAll(spark.read().parquet(p.toString()).collectAsList());
        }
        return rows;
    }

    private static Map<Path, byte[]> snapshot(Path out) throws IOException {
        Map<Path, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(out.relativize(p), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static void assertSnapshotEquals(Map<Path, byte[]> a, Map<Path, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertTrue(java.util.Arrays.equals(v, b.get(k)), k.toString()));
    }
}
