package io.github.dde4j.generator;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.progress.TrainingEvent;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurements behind the defaults (docs/generator.md). Not assertions: run by hand with
 * {@code -Dtest=GeneratorExperiments -Ddde4j.excludedGroups= -Dexp=name}.
 */
@Tag("experiment")
public class GeneratorExperiments {

    public static void main(String[] args) {
        new GeneratorExperiments().run();
    }

    @Test
    void run() {
        String which = System.getProperty("exp", "base");
        GaussianMixture gm = io.github.dde4j.core.toy.Toys.eightGaussians();
        GeneratorConfig c = GeneratorConfig.defaults().withEvaluation(250, 2000, 0, 0);
        int steps = Integer.getInteger("steps", 1000);
        c = c.withSteps(steps);
        switch (which) {
            case "single01": c = c.withSigma(0.1, 0.1, 1, false).withLearningRate(1e-3, GeneratorConfig.Schedule.CONSTANT); break;
            case "single01cos": c = c.withSigma(0.1, 0.1, 1, false); break;
            case "anneal": c = c.withSigma(0.1, 1.0, 1, true); break;
            case "multi4": c = c.withSigma(0.1, 1.0, 4, false); break;
            case "multi3": c = c.withSigma(0.1, 0.5, 3, false); break;
            case "multi6": c = c.withSigma(0.05, 1.0, 6, false); break;
            case "multi4const": c = c.withSigma(0.1, 1.0, 4, false).withLearningRate(1e-3, GeneratorConfig.Schedule.CONSTANT); break;
            case "multi4id": c = c.withSigma(0.1, 1.0, 4, false).withNetwork(c.hidden(), c.activation(), c.skip(), GeneratorConfig.Init.IDENTITY); break;
            case "dde3single": c = c.withSigma(0.1, 0.1, 1, false).withQModel(GeneratorConfig.QModel.DDE, 3)
                    .withLearningRate(1e-3, GeneratorConfig.Schedule.CONSTANT); break;
            case "dde3multi": c = c.withSigma(0.1, 1.0, 4, false).withQModel(GeneratorConfig.QModel.DDE, 3); break;
            case "dde10multi": c = c.withSigma(0.1, 1.0, 4, false).withQModel(GeneratorConfig.QModel.DDE, 10); break;
            case "multi4random": c = c.withSigma(0.1, 1.0, 4, false).withNetwork(c.hidden(), c.activation(), io.github.dde4j.generator.nn.MlpGenerator.Skip.NONE, GeneratorConfig.Init.RANDOM); break;
            default: break;
        }
        c = c.withLevelWeightPower(Double.parseDouble(System.getProperty("wpow", "0")));
        String[] seeds = System.getProperty("seeds", "1").split(",");
        for (String sd : seeds) {
            GeneratorConfig cc = c.withSeed(Long.parseLong(sd));
            long t0 = System.nanoTime();
            Generator g = new GeneratorTrainer(cc).withListener(ev -> {
                if (ev instanceof TrainingEvent.Evaluation e) {
                    System.out.printf(Locale.ROOT, "  %s step %d %s%n", which, e.step(), e.metrics());
                }
            }).train(System.getProperty("target", "exact").equals("exact") ? GeneratorTarget.of(gm) : GeneratorTarget.ofSampler(gm, cc.qReferenceSize()));
            double secs = (System.nanoTime() - t0) / 1e9;
            double[][] x = g.sample(10000, 7);
            double[][] t1 = gm.sample(10000, RandomSources.seeded(8));
            double[][] t2 = gm.sample(10000, RandomSources.seeded(9));
            double h = Mmd.medianBandwidth(t1, t1);
            double mg = Mmd.unbiased(x, t1, h);
            double mt = Mmd.unbiased(t2, t1, h);
            double[] sh = io.github.dde4j.core.toy.Toys.modeShares(x, gm.means());
            System.out.printf(Locale.ROOT, "RESULT %s target " + System.getProperty("target", "exact") + " seed %s steps %d: %.1f s, mmd2 %.5f (true-true %.5f), shares min %.3f max %.3f %s%n",
                    which, sd, steps, secs, mg, mt, Arrays.stream(sh).min().getAsDouble(), Arrays.stream(sh).max().getAsDouble(),
                    Arrays.toString(Arrays.stream(sh).map(v -> Math.round(v * 1000) / 1000.0).toArray()));
        }
    }
}
