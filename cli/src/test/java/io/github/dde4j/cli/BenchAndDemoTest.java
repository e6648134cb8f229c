package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchAndDemoTest {

    @Test
    void benchPrintsJsonLines() throws IOException {
        Cli.Result r = Cli.run("bench", "sample", "--rows", "20000", "--repeats", "1", "--json").assertOk();
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        assertEquals("sample", j.get("benchmark").asText());
        assertEquals(4, j.get("d").asInt());
        assertTrue(j.get("rows_per_second").asDouble() > 0 && j.get("seconds").asDouble() > 0);
        Cli.Result k = Cli.run("bench", "kde", "--n", "500", "--m", "200", "--dims", "2", "--repeats", "1", "--json").assertOk();
        JsonNode kj = new ObjectMapper().readTree(k.out().strip());
        assertTrue(kj.get("seconds").asDouble() > 0);
        assertTrue(kj.get("max_rel_error").asDouble() < 1e-9, "exact KDE agrees with brute force");
        Cli.Result d = Cli.run("bench", "dde", "--width", "8", "--batch", "64", "--steps", "5", "--repeats", "2", "--json").assertOk();
        JsonNode dj = new ObjectMapper().readTree(d.out().strip());
        assertEquals(8, dj.get("width").asInt());
        assertEquals(64, dj.get("batch").asInt());
        double ms = dj.get("ms_per_step").asDouble();
        assertTrue(ms > 0 && ms >= dj.get("ms_per_step_min").asDouble() && ms <= dj.get("ms_per_step_max").asDouble(),
                "median block time between the fastest and slowest: " + dj);
        assertTrue(dj.get("inference_points_per_second").asDouble() > 0);
        Cli.run("bench", "dde", "--steps", "0").assertOneLineError(1, "steps");
    }

    /** The whole demo (trains a DDE and a generator): in the long profile, {@code mvn -Plong}. */
    @Test
    @Tag("long")
    void demoWritesItsFolder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("demo");
        Cli.Result r = Cli.run("demo", "--quick", "--budget", "3", "--out", out.toString()).assertOk();
        assertTrue(r.out().contains(out.toAbsolutePath().toString()), r.out());
        for (String f : new String[] {"report.md", "report.json", "eight-gaussians.png", "faithful.png",
                "eight-gaussians-generated.csv", "training-curves.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        double kde = j.at("/faithful/kde/log_likelihood").asDouble();
        assertTrue(Double.isFinite(kde) && kde < 0, "faithful KDE log-likelihood " + kde);
        assertTrue(j.at("/eight_gaussians/dde/log_likelihood").isNumber());
        assertTrue(j.at("/eight_gaussians/generator/mmd2").isNumber());
        assertTrue(j.at("/eight_gaussians/generator/true_log_density_of_generated").isNumber());
        // the generator learns from the demo's DDE, at most the quick run's 60 steps, and says how it ended;
        // one stopped by the budget before converging has its rows refined on the DDE
        assertEquals("dde", j.at("/eight_gaussians/generator/target").asText());
        long max = j.at("/eight_gaussians/generator/max_steps").asLong();
        long done = j.at("/eight_gaussians/generator/steps").asLong();
        assertTrue(max == 60 && done >= 1 && done <= max, "steps " + done + " of at most " + max);
        boolean converged = j.at("/eight_gaussians/generator/converged").asBoolean();
        assertEquals(converged ? 0 : DemoCommand.DEMO_REFINE_STEPS, j.at("/eight_gaussians/generator/refinement_steps").asInt());
    }
}
