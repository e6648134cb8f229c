package io.github.dde4j.generator;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.core.toy.Toy;
import io.github.dde4j.core.toy.Toys;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures qModel DDE (f_q networks, METHOD.md section 3) on eight Gaussians with the criteria of
 * {@link GeneratorLongTest#eightGaussiansFromClosedFormMixture} (docs/generator.md, "qModel DDE").
 * Not a test (no assertions); run by hand:
 * <pre>
 *   java -cp generator/target/test-classes:generator/target/classes:$(cat cp.txt) \
 *       -Dsteps=2000 -DqSteps=3 -DfqWidth=64 io.github.dde4j.generator.QModelDdeExperiment
 * </pre>
 * Properties (defaults: the long test's set-up): steps (2000), qSteps (3), fqWidth (64), fqDepth (3),
 * fqLr (1e-3), fqSchedule (constant | cosine, constant), lr (generator, 1e-2), seed (42), levels (4),
 * sigmaMax (1.0), evalEvery (500).
 */
public final class QModelDdeExperiment {

    private QModelDdeExperiment() {
    }

    static GeneratorConfig config() {
        GeneratorConfig c = GeneratorConfig.defaults().withSteps(Integer.getInteger("steps", 2000))
                .withEvaluation(Integer.getInteger("evalEvery", 500), 2000, 0, 0)
                .withQModel(GeneratorConfig.QModel.DDE, Integer.getInteger("qSteps", 3))
                .withSeed(Long.getLong("seed", 42L));
        c = c.withSigma(0.1, Double.parseDouble(System.getProperty("sigmaMax", "1.0")), Integer.getInteger("levels", 4),
                false);
        return c.withLearningRate(Double.parseDouble(System.getProperty("lr", "1e-2")), c.schedule());
    }

    static DdeLearnerFactory fq() {
        int width = Integer.getInteger("fqWidth", 64);
        int depth = Integer.getInteger("fqDepth", 3);
        double lr = Double.parseDouble(System.getProperty("fqLr", "1e-3"));
        LearningRateSchedule sch = "cosine".equals(System.getProperty("fqSchedule", "constant"))
                ? LearningRateSchedule.cosine(0.05) : LearningRateSchedule.constant();
        return DdeLearnerFactory.of(DdeConfig.builder().hidden(depth, width).adam(AdamConfig.of(lr).withSchedule(sch))
                .build());
    }

    public static void main(String[] args) {
        GaussianMixture gm = Toys.eightGaussians();
        GeneratorConfig c = config();
        String label = String.format(Locale.ROOT, "qSteps=%d fqWidth=%s fqDepth=%s fqLr=%s fqSchedule=%s lr=%s steps=%d levels=%d seed=%d",
                c.qSteps(), System.getProperty("fqWidth", "64"), System.getProperty("fqDepth", "3"),
                System.getProperty("fqLr", "1e-3"), System.getProperty("fqSchedule", "constant"), c.learningRate(),
                c.steps(), c.levels(), c.seed());
        System.out.println("START " + label);
        long t0 = System.nanoTime();
        Generator g = new GeneratorTrainer(c).withQLearners(fq()).withListener(ev -> {
            if (ev instanceof TrainingEvent.Evaluation e) {
                System.out.printf(Locale.ROOT, "  step %d %.0f s %s%n", e.step(), (System.nanoTime() - t0) / 1e9, e.metrics());
            }
        }).train(GeneratorTarget.of(gm));
        double secs = (System.nanoTime() - t0) / 1e9;
        int n = 10_000;
        double[][] x = g.sample(n, 1);
        double[] sh = Toys.modeShares(x, gm.means());
        Toy truth = EightGaussians.standard();
        double[][] t1 = truth.sample(n, RandomSources.seeded(101));
        double[][] t2 = truth.sample(n, RandomSources.seeded(102));
        double h = Mmd.medianBandwidth(t1, t1);
        double mg = Mmd.unbiased(x, t1, h);
        double mt = Mmd.unbiased(t2, t1, h);
        double floor = Mmd.unbiased(GeneratorLongTest.thinHalfTheModes(truth, t2, 103), t1, h);
        double bound = 2 * Math.max(mt, 0) + floor;
        double min = Arrays.stream(sh).min().orElseThrow();
        double max = Arrays.stream(sh).max().orElseThrow();
        // GeneratorLongTest's ring check: mean exact log density of generated vs true rows
        GaussianMixture p = EightGaussians.standard().density();
        double logGen = Arrays.stream(p.logDensity(x)).average().orElseThrow();
        double logTrue = Arrays.stream(p.logDensity(t1)).average().orElseThrow();
        boolean ok = min >= 0.08 && max <= 0.17 && mg < bound && Math.abs(logGen - logTrue) <= 0.5;
        System.out.printf(Locale.ROOT, "RESULT %s: %.0f s, shares %.3f..%.3f %s, mmd2 %.5f (true-true %.5f, floor %.5f,"
                        + " bound %.5f), mean log p generated %.3f vs true %.3f %s%n",
                label, secs, min, max, Arrays.toString(Arrays.stream(sh).map(v -> Math.round(v * 1000) / 1000.0).toArray()),
                mg, mt, floor, bound, logGen, logTrue, ok ? "MEETS" : "FAILS");
    }
}
