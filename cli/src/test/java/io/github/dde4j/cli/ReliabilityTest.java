package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile cases of issue 11, one row each: what a user or a broken pipeline does (outputs onto
 * inputs, FIFOs, links, folders, closed or full standard output, absurd sizes, degenerate or
 * damaged files, bad settings), the exit code and the words the one-line message must hold, and
 * the files that must be exactly as they were afterwards. Every failing row also checks that the
 * message is one short line without a stack trace and that no temporary file is left.
 *
 * <p>Each row gets its own folder holding {@code m.zip} (a tiny model fitted once, whose column
 * {@code country} is constant), {@code a.csv} (its 300 training rows) and {@code b.csv} (10 of
 * them); {@code @} in the arguments stands for that folder. Rows with a shell redirect run the
 * command in a child JVM (standard output closed or /dev/full: never a /dev path as an argument).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliabilityTest {

    @TempDir
    static Path base;

    private Path model;
    private Path data;
    private String header;
    private final List<String> rows = new ArrayList<>();

    @BeforeAll
    void fitTinyModel() throws IOException {
        Path tiny = Cli.fixture("/cli/tiny.yaml", base);
        List<String> airports = Files.readAllLines(Cli.fixture("/data/airports.csv", base));
        header = airports.get(0) + ",country";
        for (String line : airports.subList(1, 301)) {
            rows.add(line + ",1");
        }
        data = Cli.write(base, "data.csv", header + "\n" + String.join("\n", rows) + "\n");
        model = base.resolve("model.zip");
        Cli.run("fit", "--data", data.toString(), "--out", model.toString(), "--config", tiny.toString(), "--steps", "20",
                "-q").assertOk();
    }

    /** What a row does in its folder before the command runs. */
    interface Setup {
        void in(Path dir) throws Exception;
    }

    /** One row of the table. */
    private static final class Case {
        final String name;
        Setup setup = d -> { };
        String[] args;
        String redirect;
        List<String> jvm = List.of();
        Map<String, String> env = Map.of();
        int code;
        String[] words = {};
        String[] unchanged = {};
        Setup after = d -> { };

        Case(String name) {
            this.name = name;
        }

        Case setup(Setup s) {
            setup = s;
            return this;
        }

        Case run(String... a) {
            args = a;
            return this;
        }

        /** Runs the command in a child JVM with this shell redirection of standard output. */
        Case shell(String r) {
            redirect = r;
            return this;
        }

        /** Runs the command in a child JVM with these options (and no redirection). */
        Case jvm(String... options) {
            jvm = List.of(options);
            redirect = redirect == null ? "" : redirect;
            return this;
        }

        Case env(String key, String value) {
            env = Map.of(key, value);
            return this;
        }

        Case fails(int exit, String... w) {
            code = exit;
            words = w;
            return this;
        }

        Case succeeds(Setup check) {
            code = 0;
            after = check;
            return this;
        }

        /** A further check of the folder afterwards. */
        Case then(Setup check) {
            after = check;
            return this;
        }

        Case unchanged(String... files) {
            unchanged = files;
            return this;
        }
    }

    private static Case row(String name) {
        return new Case(name);
    }

    private List<Case> table() {
        return List.of(
                // 1. outputs and what is at their path
                row("sample into a FIFO streams into it, the FIFO stays").setup(this::fifoWithReader)
                        .run("sample", "--model", "@/m.zip", "--rows", "50", "--langevin-steps", "3", "--out", "@/p.csv")
                        .succeeds(d -> {
                            assertTrue(isSpecial(d.resolve("p.csv")), "still a FIFO");
                            assertConstantColumn(readReader(d));
                        }),
                row("sample through a symlink replaces its target and keeps the link")
                        .setup(d -> {
                            Files.writeString(d.resolve("real.csv"), "old");
                            Files.createSymbolicLink(d.resolve("link.csv"), Path.of("real.csv"));
                        })
                        .run("sample", "--model", "@/m.zip", "--rows", "20", "--langevin-steps", "3", "--out", "@/link.csv")
                        .succeeds(d -> {
                            assertTrue(Files.isSymbolicLink(d.resolve("link.csv")));
                            assertConstantColumn(Files.readString(d.resolve("real.csv")));
                        }),
                row("kde --out onto its --data").run("kde", "--data", "@/a.csv", "--queries", "@/b.csv", "--out", "@/a.csv")
                        .fails(1, "--out", "same file as the input", "a.csv").unchanged("a.csv", "b.csv"),
                row("kde --out onto its --queries through a symlink")
                        .setup(d -> Files.createSymbolicLink(d.resolve("q.csv"), d.resolve("b.csv")))
                        .run("kde", "--data", "@/a.csv", "--queries", "@/b.csv", "--out", "@/q.csv")
                        .fails(1, "same file as the input", "b.csv").unchanged("a.csv", "b.csv", "q.csv"),
                row("fit --out onto its --data").run("fit", "--data", "@/a.csv", "--out", "@/a.csv", "--steps", "5")
                        .fails(1, "same file as the input", "a.csv").unchanged("a.csv"),
                row("sample --out onto its --model").run("sample", "--model", "@/m.zip", "--rows", "5", "--out", "@/m.zip")
                        .fails(1, "same file as the input", "m.zip").unchanged("m.zip"),
                row("fit --out onto a folder, refused before training").setup(d -> Files.createDirectory(d.resolve("dir.zip")))
                        .run("fit", "--data", "@/a.csv", "--out", "@/dir.zip", "--steps", "5")
                        .fails(1, "--out", "dir.zip", "is a folder").unchanged("dir.zip"),
                row("plot into a missing folder").run("plot", "--data", "@/a.csv", "--columns", "longitude,latitude",
                                "--out", "@/missing/x.png")
                        .fails(1, "--out", "output folder", "missing", "does not exist")
                        .then(d -> assertFalse(Files.exists(d.resolve("missing")), "plot creates no folder")),
                // 3. standard output that fails
                row("sample to a full disk").shell(">/dev/full")
                        .run("sample", "--model", "@/m.zip", "--rows", "20000", "--langevin-steps", "1", "--out", "-")
                        .fails(1, "standard output", "disk is full"),
                row("sample to a closed standard output").shell(">&-")
                        .run("sample", "--model", "@/m.zip", "--rows", "100", "--langevin-steps", "1", "--out", "-")
                        .fails(1, "standard output"),
                row("kde to a closed standard output").shell(">&-")
                        .run("kde", "--data", "@/a.csv", "--queries", "@/b.csv", "--bandwidth", "1", "--out", "-")
                        .fails(1, "standard output"),
                row("evaluate --json to a full disk").shell(">/dev/full")
                        .run("evaluate", "--model", "@/m.zip", "--data", "@/a.csv", "--no-quality", "--json")
                        .fails(1, "standard output"),
                // 4. memory: bounded before allocating
                row("evaluate --generated-rows 2e9").run("evaluate", "--model", "@/m.zip", "--data", "@/a.csv",
                                "--generated-rows", "2000000000")
                        .fails(1, "--generated-rows 2000000000", "JAVA_OPTS=-Xmx"),
                row("plot --rows 2e9").run("plot", "--model", "@/m.zip", "--rows", "2000000000", "--out", "@/x.png")
                        .fails(1, "--rows 2000000000", "JAVA_OPTS=-Xmx"),
                row("a table larger than the heap").setup(ReliabilityTest::millionRows).jvm("-Xmx48m")
                        .run("kde", "--data", "@/big.csv", "--queries", "@/b.csv", "--columns", "longitude,latitude",
                                "--bandwidth", "1", "--out", "@/k.csv")
                        .fails(1, "out of memory", "heap limit", "JAVA_OPTS=-Xmx").unchanged("b.csv"),
                row("config hiddenWidths [100000, 100000]")
                        .setup(d -> Files.writeString(d.resolve("big.yaml"), "dde:\n  hiddenWidths: [100000, 100000]\n"))
                        .run("fit", "--data", "@/a.csv", "--out", "@/big.zip", "--config", "@/big.yaml")
                        .fails(1, "big.yaml", "hiddenWidths", "JAVA_OPTS=-Xmx"),
                row("model whose manifest declares a 200 MB array").setup(d -> declareHugeArray(d.resolve("m.zip")))
                        .run("sample", "--model", "@/m.zip", "--rows", "5", "--out", "@/s.csv")
                        .fails(1, "m.zip", "declares 200000000 bytes", "dde4j.maxArrayBytes").unchanged("m.zip"),
                // 5. degenerate data and damaged parameters
                row("all-constant table").setup(d -> Files.writeString(d.resolve("c.csv"), "a,b\n" + "1,5\n".repeat(30)))
                        .run("fit", "--data", "@/c.csv", "--out", "@/c.zip", "--steps", "5")
                        .fails(1, "c.csv", "every column is constant", "a=1.0", "b=5.0"),
                row("kde with a bandwidth rule on a constant column")
                        .run("kde", "--data", "@/a.csv", "--queries", "@/b.csv", "--out", "@/k.csv")
                        .fails(1, "column 'country' is constant", "--bandwidth"),
                row("values near 1e308").setup(d -> Files.writeString(d.resolve("h.csv"),
                                "a,b\n1e308,1\n-1e308,2\n" + "1e307,3\n".repeat(10)))
                        .run("fit", "--data", "@/h.csv", "--out", "@/h.zip", "--steps", "5")
                        .fails(1, "h.csv", "column 'a'", "overflow"),
                row("model with NaN parameters and consistent checksums").setup(d -> nanParameters(d.resolve("m.zip")))
                        .run("sample", "--model", "@/m.zip", "--rows", "5", "--out", "@/s.csv")
                        .fails(1, "m.zip", "network/parameters", "NaN", "finite").unchanged("m.zip"),
                // 7. messages
                row("Latin-1 file").setup(d -> Files.write(d.resolve("l.csv"),
                                "city,a\nBern,1\nZ\u00fcrich,2\n".getBytes(StandardCharsets.ISO_8859_1)))
                        .run("kde", "--data", "@/l.csv", "--columns", "a", "--queries", "@/l.csv", "--bandwidth", "1", "--out", "-")
                        .fails(1, "l.csv", "line 3", "must be UTF-8"),
                row("a 1 MB cell is echoed shortened").setup(d -> Files.writeString(d.resolve("w.csv"),
                                "a\n1\n" + "x".repeat(1 << 20) + "\n"))
                        .run("kde", "--data", "@/w.csv", "--queries", "@/w.csv", "--bandwidth", "1", "--out", "-")
                        .fails(1, "row 2", "column 'a'", "(1048576 characters)"),
                row("steps: abc in a config").setup(d -> Files.writeString(d.resolve("s.yaml"), "steps: abc\n"))
                        .run("fit", "--data", "@/a.csv", "--out", "@/s.zip", "--config", "@/s.yaml")
                        .fails(1, "s.yaml", "steps", "'abc'"),
                row("evaluate on one row").setup(d -> Files.writeString(d.resolve("one.csv"), header + "\n" + rows.get(0) + "\n"))
                        .run("evaluate", "--model", "@/m.zip", "--data", "@/one.csv")
                        .fails(1, "one.csv", "at least 2 rows"),
                row("sigma 1e300").run("fit", "--data", "@/a.csv", "--out", "@/s.zip", "--sigma", "1e300")
                        .fails(1, "--sigma", "between 1.0E-4 and 1000"),
                row("sigma 1e-300").run("fit", "--data", "@/a.csv", "--out", "@/s.zip", "--sigma", "1e-300")
                        .fails(1, "--sigma", "between 1.0E-4 and 1000"),
                row("manifest without config").setup(d -> withoutConfig(d.resolve("m.zip")))
                        .run("evaluate", "--model", "@/m.zip", "--data", "@/a.csv")
                        .fails(1, "m.zip", "no config", "column names").unchanged("m.zip"),
                row("hexadecimal number").setup(d -> Files.writeString(d.resolve("x.csv"), "a\n1\n0x1p3\n"))
                        .run("kde", "--data", "@/x.csv", "--queries", "@/x.csv", "--bandwidth", "1", "--out", "-")
                        .fails(1, "'0x1p3'", "plain decimal"),
                row("Java double suffix").setup(d -> Files.writeString(d.resolve("x.csv"), "a\n1\n3.6d\n"))
                        .run("kde", "--data", "@/x.csv", "--queries", "@/x.csv", "--bandwidth", "1", "--out", "-")
                        .fails(1, "'3.6d'", "plain decimal"),
                // 8. smaller
                row("DDE4J_NO_PROGRESS silences progress messages").env("DDE4J_NO_PROGRESS", "1").shell("")
                        .run("sample", "--model", "@/m.zip", "--rows", "5", "--langevin-steps", "1", "--out", "@/s.csv")
                        .succeeds(d -> assertTrue(Files.isRegularFile(d.resolve("s.csv")))),
                row("a second fit on a locked --out").setup(d -> Locks.lock("--out", d.resolve("x.zip")))
                        .run("fit", "--data", "@/a.csv", "--out", "@/x.zip", "--steps", "5")
                        .fails(1, "x.zip", "another dde4j job"),
                row("a file at the checkpoint path that is not a checkpoint")
                        .setup(d -> Files.writeString(d.resolve("x.zip.ckpt"), "my notes"))
                        .run("fit", "--data", "@/a.csv", "--out", "@/x.zip", "--steps", "5")
                        .fails(1, "x.zip.ckpt", "not a readable dde4j checkpoint", "left as it is").unchanged("x.zip.ckpt"),
                row("model manifest with duplicate column names").setup(d -> duplicateColumn(d.resolve("m.zip")))
                        .run("sample", "--model", "@/m.zip", "--rows", "5", "--out", "@/s.csv")
                        .fails(1, "m.zip", "'longitude' is named twice").unchanged("m.zip"),
                row("CSV with duplicate column names").setup(d -> Files.writeString(d.resolve("d.csv"), "a,a\n1,2\n3,4\n"))
                        .run("kde", "--data", "@/d.csv", "--queries", "@/d.csv", "--bandwidth", "1", "--out", "-")
                        .fails(1, "d.csv", "'a' appears twice"));
    }

    @TestFactory
    Stream<DynamicTest> everyHostileCase() {
        List<Case> cases = table();
        return java.util.stream.IntStream.range(0, cases.size())
                .mapToObj(i -> DynamicTest.dynamicTest(cases.get(i).name, () -> check(i, cases.get(i))));
    }

    private void check(int index, Case c) throws Exception {
        Path d = Files.createDirectory(base.resolve("case" + index));
        Files.copy(model, d.resolve("m.zip"));
        Files.copy(data, d.resolve("a.csv"));
        Files.writeString(d.resolve("b.csv"), header + "\n" + String.join("\n", rows.subList(0, 10)) + "\n");
        c.setup.in(d);
        Map<String, Object> before = snapshot(d, c.unchanged);
        String[] args = Arrays.stream(c.args).map(a -> a.replace("@", d.toString())).toArray(String[]::new);
        Cli.Result r = c.redirect == null ? Cli.run(args) : child(d, c, args);
        if (c.code == 0) {
            r.assertOk();
            if (c.env.containsKey("DDE4J_NO_PROGRESS")) {
                assertEquals("", r.out(), "no progress messages");
            }
        } else {
            r.assertOneLineError(c.code, c.words);
            assertTrue(r.err().length() < 600, () -> "a short line: " + r.err().length() + " characters");
        }
        c.after.in(d);
        assertEquals(before, snapshot(d, c.unchanged), "files that must be unchanged");
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".lock"))
                    .toList(), "temporary or lock files left");
        }
    }

    /** Kind and content of each file: a link's target, a FIFO, a folder, or the bytes. */
    private static Map<String, Object> snapshot(Path d, String[] names) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n : names) {
            Path p = d.resolve(n);
            m.put(n, Files.isSymbolicLink(p) ? "link to " + Files.readSymbolicLink(p)
                    : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "folder"
                    : isSpecial(p) ? "special" : Arrays.toString(Files.readAllBytes(p)));
        }
        return m;
    }

    private static boolean isSpecial(Path p) throws IOException {
        return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    /** The command in a child JVM: {@code bash -c 'exec java ... REDIRECT'}, standard error captured. */
    private static Cli.Result child(Path d, Case c, String[] args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(c.jvm);
        cmd.add(Dde4j.class.getName());
        cmd.addAll(Arrays.asList(args));
        StringBuilder line = new StringBuilder("exec");
        for (String a : cmd) {
            line.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", line + " " + c.redirect);
        pb.environment().putAll(c.env);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path out = d.resolve("child.out");
        Path err = d.resolve("child.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        Cli.Result r = new Cli.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private Process reader;

    /** A FIFO p.csv whose reader copies what arrives into got.csv. */
    private void fifoWithReader(Path d) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", d.resolve("p.csv").toString()).start().waitFor());
        reader = new ProcessBuilder("sh", "-c", "cat p.csv > got.csv").directory(d.toFile()).start();
    }

    private String readReader(Path d) throws Exception {
        assertTrue(reader.waitFor(60, TimeUnit.SECONDS));
        return Files.readString(d.resolve("got.csv"));
    }

    /** Rows of the model's columns, the constant one exactly as in the data. */
    private static void assertConstantColumn(String csv) {
        Cli.Csv t = Cli.readCsv(csv);
        assertArrayEquals(new String[] {"longitude", "latitude", "country"}, t.header());
        assertTrue(t.rows().length > 0);
        for (double[] r : t.rows()) {
            assertEquals(1.0, r[2], 0.0, "constant column");
        }
    }

    // ---- damaged model files, made with the archive format's own builder (consistent checksums)

    private static ModelArchive.Builder copyOf(ModelArchive a) {
        return ModelArchive.builder(a.modelType()).config(a.config()).provenance(a.provenance()).created(a.created());
    }

    private static byte[] bytesOf(ModelArchive a) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        a.writeTo(b);
        return b.toByteArray();
    }

    /** The DDE's first parameter becomes NaN; every checksum is recomputed. */
    private static void nanParameters(Path file) throws IOException {
        ModelArchive outer = ModelArchive.read(file, ModelFile.TYPE);
        Path innerFile = file.resolveSibling("inner.zip");
        Files.write(innerFile, outer.bytes(ModelFile.DDE_ENTRY));
        ModelArchive inner = ModelArchive.read(innerFile, "dde");
        Files.delete(innerFile);
        ModelArchive.Builder b = copyOf(inner);
        for (String name : inner.arrayNames()) {
            long[] shape = inner.shape(name);
            boolean poison = name.equals("network/parameters");
            switch (inner.entry(name).dtype()) {
                case "float32" -> {
                    float[] v = inner.floats(name);
                    v[0] = poison ? Float.NaN : v[0];
                    b.floats(name, v, shape);
                }
                case "float64" -> {
                    double[] v = inner.doubles(name);
                    v[0] = poison ? Double.NaN : v[0];
                    b.doubles(name, v, shape);
                }
                case "int64" -> b.longs(name, inner.longs(name), shape);
                default -> b.bytes(name, inner.bytes(name));
            }
        }
        copyOf(outer).bytes(ModelFile.DDE_ENTRY, bytesOf(b.build())).write(file);
    }

    private static void withoutConfig(Path file) throws IOException {
        ModelArchive outer = ModelArchive.read(file, ModelFile.TYPE);
        ModelArchive.builder(ModelFile.TYPE).bytes(ModelFile.DDE_ENTRY, outer.bytes(ModelFile.DDE_ENTRY)).write(file);
    }

    private static void duplicateColumn(Path file) throws IOException {
        ModelArchive outer = ModelArchive.read(file, ModelFile.TYPE);
        ObjectNode cfg = (ObjectNode) outer.config();
        ((ArrayNode) cfg.get("columns")).set(1, "longitude");
        ModelArchive.builder(ModelFile.TYPE).config(cfg).bytes(ModelFile.DDE_ENTRY, outer.bytes(ModelFile.DDE_ENTRY)).write(file);
    }

    /** 1.5 million rows of two columns (about 40 MB of text, several times a 48 MB heap as row arrays). */
    private static void millionRows(Path d) throws IOException {
        StringBuilder b = new StringBuilder(40 << 20).append("longitude,latitude\n");
        for (int i = 0; i < 1_500_000; i++) {
            b.append(i % 997).append('.').append(i % 89).append(',').append(i % 13).append(".5\n");
        }
        Files.writeString(d.resolve("big.csv"), b);
    }

    /** The manifest's first array declares 200,000,000 bytes; the zip is unchanged otherwise. */
    private static void declareHugeArray(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        ObjectNode m = (ObjectNode) Json.MAPPER.readTree(entries.get(ModelArchive.MANIFEST));
        ((ObjectNode) m.get("arrays").get(0)).putArray("shape").add(200_000_000);
        entries.put(ModelArchive.MANIFEST, Json.MAPPER.writeValueAsBytes(m));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    /** Issue 11, item 6: Langevin rows for a seed do not depend on the number of BLAS/OpenMP threads. */
    @Test
    void langevinRowsDoNotDependOnTheThreadCount() throws IOException {
        Path one = base.resolve("threads1.csv");
        Path two = base.resolve("threads2.csv");
        int saved = Nd4jRuntime.threads();
        try {
            Nd4jRuntime.setThreads(1);
            Cli.run("sample", "--model", model.toString(), "--rows", "1500", "--langevin-steps", "20", "--seed", "4",
                    "--out", one.toString(), "-q").assertOk();
            Nd4jRuntime.setThreads(2);
            Cli.run("sample", "--model", model.toString(), "--rows", "1500", "--langevin-steps", "20", "--seed", "4",
                    "--batch", "100", "--out", two.toString(), "-q").assertOk();
        } finally {
            Nd4jRuntime.setThreads(saved);
        }
        assertEquals(Files.readString(one), Files.readString(two));
    }
}
