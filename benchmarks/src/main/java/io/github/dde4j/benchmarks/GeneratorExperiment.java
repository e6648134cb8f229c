package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.core.toy.Toys;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.LearningRateSchedule;
import io.github.dde4j.generator.DdeLearnerFactory;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.GeneratorConfig;
import io.github.dde4j.generator.GeneratorTarget;
import io.github.dde4j.generator.GeneratorTrainer;
import java.util.Arrays;
import java.util.Locale;

/**
 * One generator training run on eight Gaussians with settings from system properties, printing
 * the figures the generator's long test judges (mode shares, MMD^2 against true rows next to
 * MMD^2 between two true samples, mean exact log density of generated and true rows). The
 * measurements behind the generator's defaults and the qModel DDE tables of docs/generator.md were
 * taken this way. Not a test: the pass/fail criteria live in the generator module's long test.
 *
 * <pre>
 *   mvn -q -o -B -pl benchmarks -am package -DskipTests
 *   java -Dsteps=2000 -DqModel=DDE -DqSteps=3 -DfqWidth=64 -DevalEvery=500 \
 *       -cp benchmarks/target/benchmarks.jar io.github.dde4j.benchmarks.GeneratorExperiment
 * </pre>
 * Properties (defaults: the long test's set-up): qModel (KDE | DDE | AUTO, DDE), steps (2000),
 * qSteps (3), fqWidth (64), fqDepth (3), fqLr (1e-3), fqSchedule (constant | cosine, constant),
 * lr (generator, 1e-2), seed (42), levels (4), sigmaMin (0.1), sigmaMax (1.0), evalEvery (500).
 */
public final class GeneratorExperiment {

    private static final int N = 10_000;

    private GeneratorExperiment() {
    }

    private static GeneratorConfig config() {
        GeneratorConfig c = GeneratorConfig.defaults().withSteps(Integer.getInteger("steps", 2000))
                .withEvaluation(Integer.getInteger("evalEvery", 500), 2000, 0, 0)
                .withQModel(GeneratorConfig.QModel.valueOf(System.getProperty("qModel", "DDE")),
                        Integer.getInteger("qSteps", 3))
                .withSeed(Long.getLong("seed", 42L))
                .withSigma(Double.parseDouble(System.getProperty("sigmaMin", "0.1")),
                        Double.parseDouble(System.getProperty("sigmaMax", "1.0")), Integer.getInteger("levels", 4), false);
        return c.withLearningRate(Double.parseDouble(System.getProperty("lr", "1e-2")), c.schedule());
    }

    private static DdeLearnerFactory fq() {
        double lr = Double.parseDouble(System.getProperty("fqLr", "1e-3"));
        LearningRateSchedule schedule = "cosine".equals(System.getProperty("fqSchedule", "constant"))
                ? LearningRateSchedule.cosine(0.05) : LearningRateSchedule.constant();
        return DdeLearnerFactory.of(DdeConfig.builder()
                .hidden(Integer.getInteger("fqDepth", 3), Integer.getInteger("fqWidth", 64))
                .adam(AdamConfig.of(lr).withSchedule(schedule)).build());
    }

    /**
     * Trains once and prints one RESULT line.
     *
     * @param args ignored; the settings are system properties (see the class comment)
     */
    public static void main(String[] args) {
        GaussianMixture truth = EightGaussians.standard().density();
        GeneratorConfig c = config();
        String label = String.format(Locale.ROOT, "qModel=%s qSteps=%d lr=%s steps=%d levels=%d seed=%d"
                        + " fqWidth=%s fqDepth=%s fqLr=%s fqSchedule=%s", c.qModel(), c.qSteps(), c.learningRate(), c.steps(),
                c.levels(), c.seed(), Integer.getInteger("fqWidth", 64), Integer.getInteger("fqDepth", 3),
                System.getProperty("fqLr", "1e-3"), System.getProperty("fqSchedule", "constant"));
        System.out.println("START " + label);
        long t0 = System.nanoTime();
        Generator g = new GeneratorTrainer(c).withQLearners(fq()).withListener(ev -> {
            if (ev instanceof TrainingEvent.Evaluation e) {
                System.out.printf(Locale.ROOT, "  step %d %.0f s %s%n", e.step(), (System.nanoTime() - t0) / 1e9, e.metrics());
            }
        }).train(GeneratorTarget.of(truth));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[][] x = g.sample(N, 1);
        double[] shares = Toys.modeShares(x, truth.means());
        double[][] t1 = EightGaussians.standard().sample(N, RandomSources.seeded(101));
        double[][] t2 = EightGaussians.standard().sample(N, RandomSources.seeded(102));
        double h = Mmd.medianBandwidth(t1, t1);
        System.out.printf(Locale.ROOT, "RESULT %s: %.0f s, shares %.3f..%.3f %s, mmd2 %.5f (true-true %.5f),"
                        + " mean log p generated %.3f vs true %.3f%n",
                label, seconds, Arrays.stream(shares).min().orElseThrow(), Arrays.stream(shares).max().orElseThrow(),
                Arrays.toString(Arrays.stream(shares).map(v -> Math.round(v * 1000) / 1000.0).toArray()),
                Mmd.unbiased(x, t1, h), Mmd.unbiased(t2, t1, h),
                Arrays.stream(truth.logDensity(x)).average().orElseThrow(),
                Arrays.stream(truth.logDensity(t1)).average().orElseThrow());
    }
}
