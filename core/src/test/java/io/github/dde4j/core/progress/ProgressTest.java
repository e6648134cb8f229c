package io.github.dde4j.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static TrainingEvent.Step step(String phase, long k, long total) {
        return new TrainingEvent.Step(phase, k, total, 1.0 / k, 0.1, 1e-3, k * 1_000_000L);
    }

    @Test
    void historyThinsStepsButKeepsEverythingElse() {
        TrainingHistory h = new TrainingHistory(10);
        h.onEvent(new TrainingEvent.Started("dde", 0, 100));
        for (int k = 1; k <= 100; k++) {
            h.onEvent(step("dde", k, 100));
        }
        h.onEvent(new TrainingEvent.Evaluation("generator", 5, Map.of("mmd2", 0.01), 1));
        h.onEvent(new TrainingEvent.Finished("dde", 100, TrainingEvent.StopReason.COMPLETED, 5));
        assertEquals(10, h.steps("dde").size());
        assertEquals(30, h.steps("dde").get(2).step());
        assertEquals(1, h.evaluations("generator").size());
        assertEquals(List.of("dde", "generator"), h.phases());
        assertEquals(13, h.events().size());
        assertThrows(UnsupportedOperationException.class, () -> h.events().clear());
        assertThrows(IllegalArgumentException.class, () -> new TrainingHistory(0));
    }

    @Test
    void evaluationMetricsAreCopied() {
        Map<String, Double> m = new HashMap<>(Map.of("kl", 0.5));
        TrainingEvent.Evaluation e = new TrainingEvent.Evaluation("dde", 1, m, 0);
        m.put("kl", 9.0);
        assertEquals(0.5, e.metrics().get("kl"));
    }

    @Test
    void andThenDeliversToBothAndStopsWhenEitherStops() {
        TrainingHistory a = new TrainingHistory();
        TrainingHistory b = new TrainingHistory();
        TrainingListener both = a.andThen(b);
        both.onEvent(step("dde", 1, 2));
        assertEquals(1, a.events().size());
        assertEquals(1, b.events().size());
        assertTrue(both.keepGoing());
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent event) {
            }

            @Override
            public boolean keepGoing() {
                return false;
            }
        };
        assertFalse(a.andThen(stopper).keepGoing());
        assertFalse(stopper.andThen(a).keepGoing());
    }

    @Test
    void consoleBarDrawsStepsEvaluationsAndTheEnd() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8));
        bar.onEvent(step("dde", 1, 4));
        bar.onEvent(step("dde", 4, 4)); // the last step is always drawn, however soon after the previous
        bar.onEvent(new TrainingEvent.Evaluation("dde", 4, Map.of("val_loss", 0.25, "kl", 0.125), 0));
        bar.onEvent(new TrainingEvent.Finished("dde", 4, TrainingEvent.StopReason.TARGET_REACHED, 2_500_000_000L));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("1/4 loss 1"), out);
        assertTrue(out.contains("[##############################] 4/4"), out);
        assertTrue(out.contains("\ndde step 4: kl 0.1250, val_loss 0.2500\n"), out);
        assertTrue(out.contains("dde: target reached at step 4 (2.5 s)"), out);
    }
}
