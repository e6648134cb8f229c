package io.github.dde4j.dde.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The shared thread count holds from the first hold to the last, whatever the order the holds are
 * let go in: two fits made alongside each run at one count from start to end.
 */
class Nd4jRuntimeTest {

    @Test
    void theSharedCountHoldsUntilTheLastHoldIsLetGo() {
        int before = Nd4jRuntime.threads();
        Nd4jRuntime.setThreads(4);
        try {
            Nd4jRuntime.SharedThreads first = Nd4jRuntime.shareThreads();
            assertEquals(2, Nd4jRuntime.threads());
            Nd4jRuntime.SharedThreads second = Nd4jRuntime.shareThreads();
            assertEquals(2, Nd4jRuntime.threads(), "not halved twice");
            first.close();
            assertEquals(2, Nd4jRuntime.threads(), "the second computation keeps its count when the first ends");
            first.close();
            assertEquals(2, Nd4jRuntime.threads(), "letting go twice counts once");
            Nd4jRuntime.setThreads(6);
            assertEquals(3, Nd4jRuntime.threads(), "a new count is halved while shared");
            second.close();
            assertEquals(6, Nd4jRuntime.threads(), "and holds once the last hold is let go");
            assertEquals(1, Nd4jRuntime.sharingThreads(() -> {
                Nd4jRuntime.setThreads(1);
                return Nd4jRuntime.threads();
            }), "at least one thread");
            assertEquals(1, Nd4jRuntime.threads());
        } finally {
            Nd4jRuntime.setThreads(before);
        }
    }
}
