package io.github.dde4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The benchmark's API and JSON line work (a smoke test with tiny settings; timings are not asserted). */
class DdeBenchmarkTest {

    @Test
    void producesAParsableJsonLineWithTheTorchKeys() throws Exception {
        DdeBenchmark.Result r = DdeBenchmark.run(DdeBenchmark.Settings.of(16, 32).withSteps(1, 2, 3).withThreads(1));
        assertTrue(r.msPerStep() > 0 && r.msPerStepMin() <= r.msPerStep() && r.msPerStep() <= r.msPerStepMax());
        assertTrue(r.inferencePointsPerSecond() > 0);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals(16, json.get("width").asInt());
        assertEquals(32, json.get("batch").asInt());
        assertEquals("float32", json.get("dtype").asText());
        assertEquals(r.msPerStep(), json.get("ms_per_step").asDouble(), 1e-4);
    }
}
