package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.toy.Toys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoints written before the generator switched to dde's Adam still load and resume
 * (src/test/resources/checkpoints/README.md says how the fixture was made): a cli checkpoint file of
 * step 3 of a 6-step run whose Adam moments are float32 (the old layout), read by {@link FitCheckpoint#read}, resumed by the current trainer, must end where the old code's uninterrupted run ended.
 *
 * <p>Tolerance: the old optimiser updated float32 parameters with float32 moments, the current one
 * updates in float64 and rounds the parameters to float32, and the cosine rate is evaluated by another
 * (equal) formula; these differ by float32 rounding per step (~1e-7 of |phi| ~ 1), and three more
 * steps of a smooth map do not amplify that beyond 1e-5. A checkpoint read wrongly (moments lost or
 * swapped, wrong t) changes the last three Adam steps, each ~lr = 1e-3 per parameter: the test checks
 * that losing the moments moves the result by more than 10x the tolerance.
 */
class GeneratorCheckpointCompatibilityTest {

    private static final double TOL = 1e-5;

    /** The fixture through the library's reader (it reads the CLI's earlier, manifest-less layout). */
    private static GeneratorCheckpoint oldCheckpoint() throws IOException {
        try {
            Path file = Path.of(GeneratorCheckpointCompatibilityTest.class.getResource("/checkpoints/generator-step3-of-6.ckpt").toURI());
            FitCheckpoint c = FitCheckpoint.read(file);
            assertTrue(c.ddeProgress().isEmpty() && c.fittedDde().isEmpty(), "the fixture holds only a generator checkpoint");
            return c.generator().orElseThrow();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] oldFinalParameters() throws IOException {
        try (InputStream in = GeneratorCheckpointCompatibilityTest.class.getResourceAsStream(
                "/checkpoints/generator-step6-uninterrupted-parameters.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .mapToDouble(Double::parseDouble).toArray();
        }
    }

    private static double maxAbsDiff(double[] want, INDArray got) {
        double[] g = got.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertEquals(want.length, g.length);
        double m = 0;
        for (int i = 0; i < g.length; i++) {
            m = Math.max(m, Math.abs(want[i] - g[i]));
        }
        return m;
    }

    @Test
    void oldLayoutCheckpointResumesToTheOldRunsResult() throws IOException {
        GeneratorCheckpoint cp = oldCheckpoint();
        assertEquals(DataType.FLOAT, cp.adamM().dataType(), "the fixture holds the old float32 moments");
        assertEquals(3, cp.step());
        assertEquals(3, cp.adamT());
        GeneratorTarget t = GeneratorTarget.of(Toys.eightGaussians());
        double[] want = oldFinalParameters();

        Generator resumed = new GeneratorTrainer(cp.config()).resume(t, cp);
        double dResumed = maxAbsDiff(want, resumed.network().parameters());
        assertTrue(dResumed < TOL, "resumed from the old checkpoint: max |diff| " + dResumed);

        // the current code's uninterrupted run: unchanged up to float rounding by the optimiser switch
        Generator fresh = new GeneratorTrainer(cp.config()).train(t);
        double dFresh = maxAbsDiff(want, fresh.network().parameters());
        assertTrue(dFresh < TOL, "uninterrupted run vs the old code's: max |diff| " + dFresh);

        // the check can fail: the same checkpoint with its optimiser state lost ends elsewhere
        INDArray zero = cp.adamM().mul(0);
        GeneratorCheckpoint lost = new GeneratorCheckpoint(cp.config(), cp.step(), cp.parameters(), zero, zero, 0,
                cp.rngState(), cp.bestMmd2(), cp.badEvals(), cp.initMean());
        double dLost = maxAbsDiff(want, new GeneratorTrainer(cp.config()).resume(t, lost).network().parameters());
        assertTrue(dLost > 10 * TOL, "losing the Adam state should be visible: " + dLost);
        System.out.printf("old checkpoint: resumed %.2e, fresh %.2e, state lost %.2e%n", dResumed, dFresh, dLost);
    }

    /** Checkpoints now carry float64 moments; they resume exactly (see also GeneratorTrainerTest). */
    @Test
    void newCheckpointsHoldFloat64Moments() throws IOException {
        GeneratorCheckpoint old = oldCheckpoint();
        java.util.List<GeneratorCheckpoint> cps = new java.util.ArrayList<>();
        new GeneratorTrainer(old.config()).withCheckpoints(3, cps::add).train(GeneratorTarget.of(Toys.eightGaussians()));
        assertEquals(DataType.DOUBLE, cps.get(0).adamM().dataType());
        assertEquals(old.adamM().length(), cps.get(0).adamM().length());
        // the old float32 moments are the new float64 ones rounded (same run up to step 3)
        double[] m32 = old.adamM().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double d = maxAbsDiff(m32, cps.get(0).adamM());
        double scale = cps.get(0).adamM().amaxNumber().doubleValue();
        assertTrue(d <= 1e-4 * scale, "moments differ by " + d + " (max |m| " + scale + ")");
    }
}
