package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.generator.nn.MlpGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

    @Test
    void jacksonRoundTrip() throws Exception {
        ObjectMapper m = new ObjectMapper();
        GeneratorConfig c = GeneratorConfig.defaults().withSeed(7).withSigma(0.05, 0.8, 3, false);
        String json = m.writeValueAsString(c);
        assertEquals(c, m.readValue(json, GeneratorConfig.class));
    }

    @Test
    void levelsAreGeometricAndAnnealingDecays() {
        GeneratorConfig c = GeneratorConfig.defaults().withSigma(0.1, 1.0, 3, false);
        assertArrayEquals(new double[] {1.0, Math.sqrt(0.1), 0.1}, c.levels(0), 1e-12);
        GeneratorConfig a = GeneratorConfig.defaults().withSteps(100).withSigma(0.1, 1.0, 1, true);
        assertEquals(1.0, a.levels(0)[0], 1e-12);
        assertEquals(0.1, a.levels(70)[0], 1e-12);   // annealFraction 0.7 of 100 steps
        assertEquals(0.1, a.levels(99)[0], 1e-12);
        assertEquals(Math.sqrt(0.1), a.levels(35)[0], 1e-12);
    }

    @Test
    void automaticLargestLevelGrowsWithTheSquareRootOfTheDimension() {
        GeneratorConfig auto = GeneratorConfig.defaults().toBuilder().sigma(0.3).build();
        assertEquals(GeneratorConfig.AUTO_SIGMA_MAX, auto.sigmaMax());
        assertThrows(IllegalStateException.class, () -> auto.levels(0));
        assertEquals(1.0, auto.forDimension(1).sigmaMax(), 0);   // small tables keep 1.0
        assertEquals(1.0, auto.forDimension(4).sigmaMax(), 0);
        assertEquals(Math.sqrt(30) / 2, auto.forDimension(30).sigmaMax(), 1e-15);
        assertEquals(3.0, auto.toBuilder().sigma(3.0).build().forDimension(30).sigmaMax(), 0);   // never below sigma
        // the levels then run geometrically from it down to sigma
        double[] lv = auto.forDimension(30).levels(0);
        assertEquals(Math.sqrt(30) / 2, lv[0], 1e-15);
        assertEquals(0.3, lv[lv.length - 1], 1e-12);
        // a value that is set stays
        GeneratorConfig set = auto.toBuilder().sigmaMax(0.8).build();
        assertEquals(set, set.forDimension(30));
        assertThrows(IllegalArgumentException.class, () -> auto.toBuilder().sigmaMax(-1).build());
    }

    @Test
    void cosineScheduleEndsAtFraction() {
        GeneratorConfig c = GeneratorConfig.defaults().withSteps(100);
        assertEquals(c.learningRate(), c.learningRateAt(0), 1e-15);
        assertEquals(c.learningRate() * c.finalLearningRateFraction(), c.learningRateAt(100), 1e-15);
    }

    @Test
    void rejectsBadValues() {
        GeneratorConfig d = GeneratorConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withSigma(0.0, 1.0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> d.withSigma(Double.NaN, 1.0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> d.withSigma(0.5, 0.1, 2, false));
        assertThrows(IllegalArgumentException.class, () -> d.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(-1, GeneratorConfig.Schedule.CONSTANT));
        assertThrows(IllegalArgumentException.class, () -> d.withNetwork(List.of(0), d.activation(), d.skip(), d.init()));
        assertThrows(IllegalArgumentException.class, () -> d.withNetwork(d.hidden(), d.activation(),
                MlpGenerator.Skip.NONE, GeneratorConfig.Init.GAUSSIAN));
    }
}
