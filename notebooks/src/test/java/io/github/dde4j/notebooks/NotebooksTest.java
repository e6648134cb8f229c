package io.github.dde4j.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook in {@code notebooks/} headlessly with
 * {@code jupyter nbconvert --to notebook --execute} on the dde4j Java kernel, and fails on any
 * error: a non-zero exit, an {@code error} output, or a result that is a stack trace. Each
 * notebook must also display at least one picture ({@code image/png}).
 *
 * <p>Needs jupyter (Debian: jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client
 * python3-ipykernel), the kernel spec from {@code notebooks/setup-kernel.sh} and the fat jar
 * {@code cli/target/dde4j.jar}. When one is missing the test FAILS if the environment variable
 * {@code CI} is set, and is skipped otherwise (a developer without jupyter can still build).
 *
 * <p>Tagged {@code long}: executing the notebooks trains small models and takes minutes, so it runs
 * with {@code mvn -Plong} (as CI does), not in the default suite.
 *
 * <p>Kernel name: system property or environment variable {@code DDE4J_KERNEL} (default
 * {@code dde4j-java}).
 */
@Tag("long")
class NotebooksTest {

    private static final long TIMEOUT_SECONDS = 600;
    // a healthy start takes ~4 s; rapaio 3.0.1 now and then never answers its first kernel_info_request,
    // and waiting longer does not help (measured): give up early and start a fresh kernel instead
    private static final int STARTUP_SECONDS = 60;
    private static final int START_ATTEMPTS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static Path out;
    private static String kernel;

    @BeforeAll
    static void requirements() throws Exception {
        dir = Path.of(System.getProperty("dde4j.notebooks.dir", ".")).toAbsolutePath().normalize();
        out = Path.of(System.getProperty("dde4j.notebooks.out", "target/executed-notebooks")).toAbsolutePath();
        kernel = System.getProperty("DDE4J_KERNEL", System.getenv().getOrDefault("DDE4J_KERNEL", "dde4j-java"));
        Files.createDirectories(out);

        Run version = run(List.of("jupyter", "nbconvert", "--version"), dir, 120);
        require(version.exit == 0, "jupyter nbconvert is not installed (" + version.tail() + "); on Debian: apt-get install -y "
                + "jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client python3-ipykernel");
        Run specs = run(List.of("jupyter", "kernelspec", "list", "--json"), dir, 120);
        require(specs.exit == 0 && JSON.readTree(jsonPart(specs.stdout)).path("kernelspecs").has(kernel),
                "the Jupyter kernel '" + kernel + "' is not installed: run notebooks/setup-kernel.sh");
        Path jar = Path.of(System.getProperty("dde4j.fatJar", "../cli/target/dde4j.jar"));
        if (kernel.equals("dde4j-java")) {
            require(Files.isRegularFile(jar), "the fat jar " + jar.toAbsolutePath().normalize()
                    + " is missing: build it with mvn -B -pl cli -am package -DskipTests");
        }
    }

    /** Skipped outside CI, a failure with the same message in CI. */
    private static void require(boolean ok, String message) {
        if (ok) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message + " (skipped: CI is not set)");
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void thereAreAtLeastThreeNotebooks() throws IOException {
        List<Path> books = notebooks();
        assertTrue(books.size() >= 3, "expected at least three notebooks in " + dir + ", found " + books);
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutErrors() throws IOException {
        return notebooks().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> execute(nb)));
    }

    private static boolean kernelDidNotStart(String log) {
        return log.contains("didn't respond") || log.contains("Kernel died before replying to kernel_info");
    }

    private static void execute(Path nb) throws Exception {
        Path result = out.resolve(nb.getFileName());
        List<String> cmd = List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=" + kernel,
                "--ExecutePreprocessor.timeout=" + TIMEOUT_SECONDS,
                "--ExecutePreprocessor.startup_timeout=" + STARTUP_SECONDS,
                "--output-dir=" + out, "--output=" + nb.getFileName(), nb.toString());
        long t0 = System.nanoTime();
        Run r = run(cmd, dir, TIMEOUT_SECONDS + 300);
        // rapaio-jupyter-kernel 3.0.1 sometimes never answers the first kernel_info_request (its shell
        // channel stays silent, about one start in three on this machine), and once (2026-12-08) its
        // process ended 4 s after starting, before any cell; a fresh start works.
        // A kernel that cannot start at all still fails after the last attempt.
        for (int attempt = 2; attempt <= START_ATTEMPTS && r.exit != 0 && kernelDidNotStart(r.tail()); attempt++) {
            System.out.printf("%s: kernel did not start, attempt %d of %d%n", nb.getFileName(), attempt, START_ATTEMPTS);
            r = run(cmd, dir, TIMEOUT_SECONDS + 300);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %.1f s%n", nb.getFileName(), seconds);
        assertEquals(0, r.exit, nb.getFileName() + " failed to execute:\n" + r.tail());

        JsonNode doc = JSON.readTree(result.toFile());
        int images = 0;
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode cell : doc.path("cells")) {
            index++;
            for (JsonNode o : cell.path("outputs")) {
                String type = o.path("output_type").asText();
                if (type.equals("error")) {
                    problems.add("cell " + index + ": " + o.path("ename").asText() + ": " + o.path("evalue").asText());
                }
                if (o.path("data").has("image/png")) {
                    images++;
                }
                String text = o.path("data").path("text/plain").asText("") + o.path("data").path("text/html").toString()
                        + o.path("text").toString();
                if (text.contains("Exception:") && text.contains("\\tat ") || text.contains("CompilerException")) {
                    problems.add("cell " + index + " shows a stack trace: " + text.substring(0, Math.min(300, text.length())));
                }
            }
        }
        assertTrue(problems.isEmpty(), nb.getFileName() + ":\n" + String.join("\n", problems));
        assertFalse(images == 0, nb.getFileName() + " displays no picture");
    }

    private record Run(int exit, String stdout, String stderr) {
        String tail() {
            String all = stdout + "\n" + stderr;
            return all.length() > 6000 ? "..." + all.substring(all.length() - 6000) : all;
        }
    }

    /** jupyter prints debugger warnings before its JSON on some systems. */
    private static String jsonPart(String s) {
        int i = s.indexOf('{');
        return i < 0 ? "{}" : s.substring(i);
    }

    private static Run run(List<String> cmd, Path cwd, long timeoutSeconds) throws IOException, InterruptedException {
        File so = File.createTempFile("nb-out", ".txt");
        File se = File.createTempFile("nb-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectOutput(so).redirectError(se);
            // quiet the Python debugger warning that frozen modules trigger
            pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Run(-1, "", cmd.get(0) + " not found: " + e.getMessage());
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Run(-2, read(so), read(se) + "\ntimed out after " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), read(so), read(se));
        } finally {
            so.delete();
            se.delete();
        }
    }

    private static String read(File f) throws IOException {
        return Files.readString(f.toPath(), StandardCharsets.UTF_8);
    }
}
