package io.github.dde4j.dde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.dde.nn.Activation;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import io.github.dde4j.dde.nn.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdeConfigTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsThroughJackson() throws Exception {
        DdeConfig[] configs = {
            DdeConfig.defaults(),
            DdeConfig.builder().hiddenWidths(List.of(32, 32, 16)).activation(Activation.SILU).residual(true)
                    .sigma(SigmaSchedule.annealed(0.5, 0.9, 100, 0.05)).objective(Objective.DENOISING)
                    .referenceSize(64).fullReferenceLimit(0).batchSize(128).epochs(7)
                    .schedule(LearningRateSchedule.step(500, 0.5).withWarmup(20)).learningRate(3e-4).seed(-42)
                    .standardize(false).earlyStopping(EarlyStopping.onValidation()).precision(Precision.FLOAT64)
                    .threads(1).build(),
        };
        for (DdeConfig c : configs) {
            String text = json.writeValueAsString(c);
            DdeConfig back = json.readValue(text, DdeConfig.class);
            assertEquals(c, back, text);
        }
    }

    @Test
    void rejectsBadValuesWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DdeConfig.builder().sigma(-1).build());
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DdeConfig.builder().sigma(Double.NaN).build());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DdeConfig.builder().batchSize(0).build());
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DdeConfig.builder().hiddenWidths(List.of(8, 0)).build());
        assertTrue(e.getMessage().contains("hiddenWidths[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DdeConfig.builder().steps(0).build());
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SigmaSchedule.annealed(0.1, 0.9, 10, 0.2));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1.5));
    }

    @Test
    void sigmaScheduleAnnealsDownToItsFloor() {
        SigmaSchedule s = SigmaSchedule.annealed(1.0, 0.5, 10, 0.2);
        assertEquals(1.0, s.at(0));
        assertEquals(1.0, s.at(9));
        assertEquals(0.5, s.at(10));
        assertEquals(0.25, s.at(25));
        assertEquals(0.2, s.at(30));
        assertEquals(0.2, s.at(1_000_000));
        assertTrue(SigmaSchedule.fixed(0.3).isFixed());
    }

    @Test
    void epochsGiveCeilOfPassesOverTheData() {
        DdeConfig c = DdeConfig.builder().epochs(3).batchSize(100).build();
        assertEquals(31, c.totalSteps(1001));
        assertEquals(30, c.totalSteps(1000));
    }
}
