package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Level DDEs fitted ahead, on their own thread while the data DDE is fitted, are the fits the target
 * would make itself: same values at every level, bit for bit (the fits are a function of rows,
 * levels and seed only, and the thread count does not change a float result of these kernels).
 */
class DataDdeLevelsTest {

    /** Two levels: sigma_p and one level DDE above it (1,000 steps), to keep the test short. */
    static final GeneratorConfig CONFIG = GeneratorConfig.defaults().toBuilder().sigma(0.3).sigmaMax(1.0).levels(2)
            .seed(3).build();

    static double[][] rows;
    static Dde dde;
    static DataDdeLevels ahead;
    static int threadsBefore;
    /** The values of the target that fits its level DDEs itself (computed once: each fit takes seconds). */
    static double[] own;

    /** Two Gaussian clusters in caller units (not standardised) so that the standardiser matters. */
    static double[][] rows(int n, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            double c = (i % 2 == 0) ? -3 : 3;
            out[i][0] = 10 + c + 0.5 * g.sample();
            out[i][1] = -4 + 2 * g.sample();
        }
        return out;
    }

    @BeforeAll
    static void fitDataDdeWhileLevelsFit() {
        rows = rows(400, 11);
        Nd4jRuntime.ensureInitialized();
        threadsBefore = Nd4jRuntime.threads();
        DdeConfig cfg = DdeConfig.builder().sigma(CONFIG.sigma()).steps(300).earlyStopping(null).seed(5).build();
        ahead = DataDdeLevels.fitInBackground(rows, Standardizer.fit(rows), CONFIG);
        try (var alongside = ahead.alongside()) { // as fit and trainOnData hold it
            dde = new DdeTrainer(cfg).fit(rows, e -> { });
        }
        own = valuesAtEveryLevel(GeneratorTarget.ofDde(dde, rows));
    }

    /** The target's field values at each level on a fixed grid of working-unit points. */
    static double[] valuesAtEveryLevel(GeneratorTarget t) {
        t.prepare(CONFIG.levels(0), CONFIG.seed());
        INDArray y = Nd4j.createFromArray(new float[][] {{0, 0}, {1, -1}, {-1.5f, 0.5f}, {2, 2}, {-0.9f, -2}});
        double[] out = new double[0];
        for (double s : CONFIG.levels(0)) {
            double[] v = t.smoothedLogDensity(y, s, RandomSources.seeded(1)).castTo(DataType.DOUBLE).toDoubleVector();
            double[] g = t.smoothedScore(y, s, RandomSources.seeded(1)).castTo(DataType.DOUBLE).reshape(-1)
                    .toDoubleVector();
            double[] both = new double[out.length + v.length + g.length];
            System.arraycopy(out, 0, both, 0, out.length);
            System.arraycopy(v, 0, both, out.length, v.length);
            System.arraycopy(g, 0, both, out.length + v.length, g.length);
            out = both;
        }
        return out;
    }

    @Test
    void fitsStartedAheadEqualTheTargetsOwnAndRestoreTheThreadCount() {
        double[] fromAhead = valuesAtEveryLevel(GeneratorTarget.ofDde(dde, rows, ahead));
        assertArrayEquals(own, fromAhead, 0.0);
        assertEquals(threadsBefore, Nd4jRuntime.threads(), "the shared thread count is given back");
    }

    @Test
    void fitsStartedForAnotherSeedAreRedoneForThisRun() {
        GeneratorConfig other = CONFIG.toBuilder().seed(CONFIG.seed() + 1).build();
        try (DataDdeLevels wrong = DataDdeLevels.fitInBackground(rows, Standardizer.fit(rows), other)) {
            double[] redone = valuesAtEveryLevel(GeneratorTarget.ofDde(dde, rows, wrong));
            assertArrayEquals(own, redone, 0.0);
        }
    }

    @Test
    void fitsOnOtherRowsAreRefused() {
        double[][] others = rows(400, 12);
        try (DataDdeLevels wrong = DataDdeLevels.fitInBackground(others, Standardizer.fit(others), CONFIG)) {
            assertThrows(IllegalArgumentException.class, () -> GeneratorTarget.ofDde(dde, rows, wrong));
        }
        // closed while its fit ran: the fit has ended and given the shared thread count back
        assertEquals(threadsBefore, Nd4jRuntime.threads(), "the stopped fit's hold is let go by close");
    }

    @Test
    void levelsBelowTheDataDdesSigmaAreRefusedBeforeAnyFit() {
        assertThrows(IllegalArgumentException.class,
                () -> DataDdeLevels.fitNow(DataDdeLevels.toFloats(rows), 2, 0.3, new double[] {0.1, 0.3}, 1));
    }
}
