package io.github.dde4j.dde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.nn.Precision;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link DdeLearner#state()} / {@link DdeLearner#restore}: a restored learner continues bit for bit
 * like the original (exact equality: same operations on the same numbers), the state survives
 * Jackson exactly, and a state that does not fit is rejected with a message naming the mismatch.
 */
class DdeLearnerStateTest {

    private static DdeConfig config(int width, long seed, Precision p, Objective o) {
        return DdeConfig.builder().hidden(2, width).batchSize(32).steps(40).sigma(0.3).seed(seed).precision(p)
                .objective(o).build();
    }

    /** A 32 x 2 batch of clean points (two blobs), drawn from {@code rng}. */
    private static INDArray batch(UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] v = new double[64];
        for (int i = 0; i < 32; i++) {
            double c = (i % 2 == 0) ? -1.5 : 1.5;
            v[2 * i] = c + 0.4 * g.sample();
            v[2 * i + 1] = 0.5 * g.sample();
        }
        return Nd4j.create(v, new long[] {32, 2}, 'c');
    }

    /** {@code n} steps of {@code l}: batches and noise from {@code rng}, sigma alternating (two levels). */
    private static void run(DdeLearner l, RestorableUniformRandomProvider rng, int n) {
        for (int i = 0; i < n; i++) {
            l.step(batch(rng), i % 2 == 0 ? 0.3 : 0.6, rng);
        }
    }

    private static final INDArray GRID = grid();

    private static INDArray grid() {
        double[] v = new double[2 * 49];
        for (int i = 0; i < 49; i++) {
            v[2 * i] = -3 + (i % 7);
            v[2 * i + 1] = -3 + (i / 7);
        }
        return Nd4j.create(v, new long[] {49, 2}, 'c');
    }

    private static double[] values(DdeLearner l) {
        return l.value(GRID).castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static double[] scores(DdeLearner l) {
        return l.inputGradient(GRID).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void restoredLearnerContinuesBitForBit(Precision precision) throws Exception {
        for (Objective objective : Objective.values()) {
            DdeLearner a = DdeTrainer.learner(config(8, 5, precision, objective), 2);
            RestorableUniformRandomProvider rngA = RandomSources.stream(11, 0);
            run(a, rngA, 7);
            DdeLearner.State saved = a.state();
            byte[] rngSaved = ((org.apache.commons.rng.core.RandomProviderDefaultState) rngA.saveState()).getState();

            // another seed: every parameter must come from the state, none from the initialisation
            DdeLearner b = DdeTrainer.learner(config(8, 99, precision, objective), 2);
            assertFalse(java.util.Arrays.equals(values(a), values(b)), "different initialisations differ");
            // through JSON, as a checkpoint file would carry it
            ObjectMapper json = new ObjectMapper();
            b.restore(json.readValue(json.writeValueAsString(saved), DdeLearner.State.class));
            assertEquals(7, b.steps());
            assertEquals(saved, b.state());
            assertArrayEquals(values(a), values(b), "restored values, " + precision + " " + objective);
            assertEquals(a.snapshot().sigma(), b.snapshot().sigma());

            RestorableUniformRandomProvider rngB = RandomSources.stream(12, 0);
            rngB.restoreState(new org.apache.commons.rng.core.RandomProviderDefaultState(rngSaved));
            run(a, rngA, 6);
            run(b, rngB, 6);
            assertEquals(13, b.steps());
            assertArrayEquals(a.state().parameters(), b.state().parameters(), precision + " " + objective);
            assertEquals(a.state(), b.state(), "Adam moments, step, last sigma and loss");
            assertArrayEquals(values(a), values(b), "values after continuing, " + precision + " " + objective);
            assertArrayEquals(scores(a), scores(b), "scores after continuing, " + precision + " " + objective);

            // the comparison can fail: a restored learner whose Adam state is lost ends elsewhere
            DdeLearner c = DdeTrainer.learner(config(8, 99, precision, objective), 2);
            c.restore(new DdeLearner.State(0, saved.parameters(), new Adam.State(0, null, null), Double.NaN, Double.NaN));
            rngB.restoreState(new org.apache.commons.rng.core.RandomProviderDefaultState(rngSaved));
            run(c, rngB, 6);
            assertFalse(java.util.Arrays.equals(values(a), values(c)), "losing the Adam state must show");
        }
    }

    @Test
    void stateRoundTripsThroughJacksonExactly() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DdeLearner l = DdeTrainer.learner(config(8, 5, Precision.FLOAT64, Objective.DENOISING), 2);
        DdeLearner.State fresh = l.state();
        assertNull(fresh.adam().m(), "no moments before the first step");
        assertTrue(Double.isNaN(fresh.lastSigma()));
        DdeLearner.State freshBack = json.readValue(json.writeValueAsString(fresh), DdeLearner.State.class);
        assertEquals(fresh, freshBack);
        assertTrue(Double.isNaN(freshBack.lastLoss()));

        run(l, RandomSources.stream(3, 0), 4);
        DdeLearner.State s = l.state();
        DdeLearner.State back = json.readValue(json.writeValueAsString(s), DdeLearner.State.class);
        assertEquals(s, back);
        assertArrayEquals(s.parameters(), back.parameters());
        assertArrayEquals(s.adam().m()[0], back.adam().m()[0]);
        assertEquals(Double.doubleToRawLongBits(s.lastLoss()), Double.doubleToRawLongBits(back.lastLoss()));
    }

    @Test
    void stateIsACopy() {
        DdeLearner l = DdeTrainer.learner(config(8, 5, Precision.FLOAT64, Objective.DENOISING), 2);
        DdeLearner.State s = l.state();
        double first = s.parameters()[0];
        s.parameters()[0] = 1e9; // the accessor hands out a copy
        assertEquals(first, s.parameters()[0]);
        double[] p = s.parameters();
        DdeLearner.State t = new DdeLearner.State(0, p, s.adam(), Double.NaN, Double.NaN);
        p[0] = 1e9; // the constructor took a copy
        assertEquals(first, t.parameters()[0]);
        run(l, RandomSources.stream(3, 0), 2);
        assertEquals(first, s.parameters()[0], "a taken state does not follow the learner");
    }

    @Test
    void restoreRejectsAStateThatDoesNotFit() {
        DdeLearner small = DdeTrainer.learner(config(4, 5, Precision.FLOAT64, Objective.DENOISING), 2);
        DdeLearner big = DdeTrainer.learner(config(8, 5, Precision.FLOAT64, Objective.DENOISING), 2);
        run(small, RandomSources.stream(3, 0), 2);
        double[] before = values(big);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> big.restore(small.state()));
        assertTrue(e.getMessage().contains("network parameters") && e.getMessage().contains("has "
                + big.state().parameters().length), e.getMessage());
        assertArrayEquals(before, values(big), "a rejected state changes nothing");

        // right parameter count, Adam moments of another network
        DdeLearner.State own = big.state();
        DdeLearner.State mixed = new DdeLearner.State(small.steps(), own.parameters(), small.state().adam(), 0.3, 1.0);
        e = assertThrows(IllegalArgumentException.class, () -> big.restore(mixed));
        assertTrue(e.getMessage().contains("Adam moment"), e.getMessage());

        double[] bad = own.parameters();
        bad[3] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class,
                () -> big.restore(new DdeLearner.State(0, bad, own.adam(), Double.NaN, Double.NaN)));
        assertTrue(e.getMessage().contains("parameter 3"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new DdeLearner.State(5, own.parameters(), own.adam(), Double.NaN, Double.NaN));
        assertTrue(e.getMessage().contains("steps 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> big.restore(null));
    }

    @Test
    void otherLearnersSayTheyCannotBeSaved() {
        DdeLearner bare = new DdeLearner() {
            @Override public double step(INDArray clean, double sigma, UniformRandomProvider rng) {
                return 0;
            }

            @Override public long steps() {
                return 0;
            }

            @Override public Dde snapshot() {
                return null;
            }

            @Override public int dimension() {
                return 2;
            }

            @Override public INDArray value(INDArray y) {
                return null;
            }

            @Override public INDArray inputGradient(INDArray y) {
                return null;
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, bare::state);
        assertTrue(e.getMessage().contains("state()"), e.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> bare.restore(DdeTrainer.learner(config(4, 5, Precision.FLOAT64, Objective.DENOISING), 2).state()));
    }
}
