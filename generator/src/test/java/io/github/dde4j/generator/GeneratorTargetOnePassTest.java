package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.toy.Toys;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GeneratorTarget#smoothed} (one pass) must equal {@link GeneratorTarget#smoothedScore} and
 * {@link GeneratorTarget#smoothedLogDensity} called separately, for every kind of target, each call
 * given a random generator in the same state (the Monte Carlo targets draw their smoothing noise
 * from it; the one-pass call draws it once). Tolerance: the two paths run the same float operations,
 * so they agree to float32 rounding of the values (1e-5 relative in float32, 1e-12 in float64).
 */
class GeneratorTargetOnePassTest {

    /** A density with a score that is not one of the closed-form classes (so it is Monte Carlo smoothed). */
    private static Density wrapped(Density p) {
        return new Density() {
            @Override
            public int dimension() {
                return p.dimension();
            }

            @Override
            public double logDensity(double[] x) {
                return p.logDensity(x);
            }

            @Override
            public double[] logDensity(double[][] xs) {
                return p.logDensity(xs);
            }

            @Override
            public boolean hasScore() {
                return true;
            }

            @Override
            public double[][] score(double[][] xs) {
                return p.score(xs);
            }
        };
    }

    private static Map<String, Supplier<GeneratorTarget>> targets() {
        GaussianMixture gm = Toys.eightGaussians();
        MultivariateGaussian g = MultivariateGaussian.of(new double[] {1, 2}, new double[][] {{2, 0.3}, {0.3, 1}});
        Map<String, Supplier<GeneratorTarget>> m = new LinkedHashMap<>();
        m.put("mixture", () -> GeneratorTarget.of(gm));
        m.put("gaussian", () -> GeneratorTarget.of(g));
        m.put("data", () -> GeneratorTarget.ofData(gm.sample(300, RandomSources.seeded(3)), 64));
        m.put("sampler", () -> GeneratorTarget.ofSampler(gm, 64));
        m.put("dde", () -> GeneratorTarget.ofDde(GeneratorTargetTest.gaussianField(0.1), 0.1, 8));
        m.put("density", () -> GeneratorTarget.ofDensity(wrapped(g), 8));
        m.put("alongside", () -> GeneratorTarget.trainedAlongside(DdeTrainer.learner(DdeConfig.builder().hidden(1, 8)
                .build(), 2), gm.sample(100, RandomSources.seeded(4)), 0.1, 1, 16));
        return m;
    }

    private static void assertClose(INDArray want, INDArray got, double rel, String what) {
        assertEquals(want.length(), got.length(), what + " length");
        double[] w = want.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] g = got.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i], g[i], rel * Math.max(1, Math.abs(w[i])), what + " element " + i);
        }
    }

    @Test
    void onePassEqualsTheTwoCallsForEveryTarget() {
        for (Map.Entry<String, Supplier<GeneratorTarget>> e : targets().entrySet()) {
            for (DataType dt : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                GeneratorTarget t = e.getValue().get();
                t.beforeGeneratorStep(0, RandomSources.seeded(7)); // KDE targets draw their reference set here
                INDArray y = Nd4j.createFromArray(Toys.eightGaussians().sample(40, RandomSources.seeded(8))).castTo(dt);
                double rel = dt == DataType.FLOAT ? 1e-5 : 1e-12;
                for (double s : new double[] {0.1, 0.3, 1.0}) {
                    String what = e.getKey() + " " + dt + " s=" + s;
                    INDArray score = t.smoothedScore(y, s, RandomSources.seeded(11));
                    INDArray log = t.smoothedLogDensity(y, s, RandomSources.seeded(11));
                    GeneratorTarget.Smoothed both = t.smoothed(y, s, RandomSources.seeded(11));
                    assertEquals(dt, both.score().dataType(), what);
                    assertClose(score, both.score(), rel, what + " score");
                    assertClose(log, both.logDensity(), rel, what + " log density");
                    assertTrue(both.score().rows() == 40 && both.score().columns() == 2, what + " shape");
                }
            }
        }
    }

    /** The pre-one-pass behaviour: a delegate without {@code smoothed}, so the default two calls are used. */
    private static GeneratorTarget twoCalls(GeneratorTarget t) {
        return new GeneratorTarget() {
            @Override
            public int dimension() {
                return t.dimension();
            }

            @Override
            public double minimumSigma() {
                return t.minimumSigma();
            }

            @Override
            public INDArray smoothedScore(INDArray y, double s, UniformRandomProvider rng) {
                return t.smoothedScore(y, s, rng);
            }

            @Override
            public INDArray smoothedLogDensity(INDArray y, double s, UniformRandomProvider rng) {
                return t.smoothedLogDensity(y, s, rng);
            }

            @Override
            public double[][] referenceSamples(int n, UniformRandomProvider rng) {
                return t.referenceSamples(n, rng);
            }

            @Override
            public void beforeGeneratorStep(long step, UniformRandomProvider rng) {
                t.beforeGeneratorStep(step, rng);
            }

            @Override
            public boolean sharesKdeBias() {
                return t.sharesKdeBias();
            }

            @Override
            public String describe() {
                return t.describe();
            }
        };
    }

    /**
     * Training with a fixed seed is unchanged by the one-pass path for targets whose score and log
     * density consume no random draws (KDE and closed form): same generator parameters to float32
     * rounding. (Monte Carlo targets now draw one noise set per level instead of two, so their
     * random stream, not their maths, differs from before.)
     */
    @Test
    void trainingIsUnchangedForKdeAndClosedFormTargets() {
        GeneratorConfig c = GeneratorConfig.defaults().withNetwork(List.of(16, 16), GeneratorConfig.defaults().activation(),
                        GeneratorConfig.defaults().skip(), GeneratorConfig.Init.GAUSSIAN).withBatch(64, 128).withSteps(5)
                .withEvaluation(0, 200, 0, 0).withSigma(0.1, 1.0, 2, false).withQModel(GeneratorConfig.QModel.KDE, 3);
        GaussianMixture gm = Toys.eightGaussians();
        for (Supplier<GeneratorTarget> s : List.<Supplier<GeneratorTarget>>of(() -> GeneratorTarget.ofSampler(gm, 128),
                () -> GeneratorTarget.of(gm))) {
            INDArray now = new GeneratorTrainer(c).train(s.get()).network().parameters();
            INDArray before = new GeneratorTrainer(c).train(twoCalls(s.get())).network().parameters();
            assertClose(before, now, 1e-5, s.get().describe());
        }
    }
}
