package io.github.dde4j.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.progress.TrainingHistory;

import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class ChartsTest {

    /** A synthetic run shaped like DDE + generator training: decaying losses, annealed sigma, metrics. */
    static TrainingHistory syntheticRun() {
        TrainingHistory h = new TrainingHistory();
        UniformRandomProvider rng = RandomSources.seeded(11);
        for (String phase : List.of("dde-p", "dde-q", "generator")) {
            h.onEvent(new TrainingEvent.Started(phase, 0, 2000));
        }
        for (int step = 1; step <= 2000; step++) {
            double sigma = Math.max(0.1, Math.pow(0.999, step));
            double noise = 1 + 0.3 * (rng.nextDouble() - 0.5);
            h.onEvent(new TrainingEvent.Step("dde-p", step, 2000, 50 * Math.exp(-step / 400.0) * noise + 2, sigma, 1e-3, step * 1_000_000L));
            h.onEvent(new TrainingEvent.Step("dde-q", step, 2000, 30 * Math.exp(-step / 300.0) * noise + 1, sigma, 1e-3, step * 1_000_000L));
            h.onEvent(new TrainingEvent.Step("generator", step, 2000, -0.5 * Math.exp(-step / 500.0) + 0.05 * (rng.nextDouble() - 0.5), sigma, 1e-3, step * 1_000_000L));
            if (step % 100 == 0) {
                h.onEvent(new TrainingEvent.Evaluation("generator", step,
                        Map.of("mmd2", 0.2 * Math.exp(-step / 300.0) + 1e-3, "kl", 2 * Math.exp(-step / 500.0) - 0.05,
                                "energy_floor", 0.01),
                        step * 1_000_000L));
            }
        }
        // a run that returns an earlier check's generator repeats that check's figures at its last step
        h.onEvent(new TrainingEvent.Evaluation("generator", 2000, Map.of("mmd2", 0.05, "kl", 1.0, "best_step", 1900.0),
                2000 * 1_000_000L));
        return h;
    }

    @Test
    void trainingCurvesRenderEveryQuantity() throws Exception {
        Figure f = TrainingCurves.of(syntheticRun());
        // loss (dde-p, dde-q on log), loss (generator, linear), sigma, kl, mmd2: 5 panels in rows of 2 (the floor
        // and the repeated best check draw none)
        assertEquals(960, f.width());
        assertEquals(40 + 3 * 300, f.height());
        Rendered.check(f, "training-curves", 50, 0.05, new double[] {0.05, 0.1, 0.95, 0.95});
    }

    @Test
    void tickLabelsKeepTheLeadingZero() {
        assertEquals("0.025", XCharts.label(0.025));
        assertEquals("0.02", XCharts.label(0.02));
        assertEquals("1500", XCharts.label(1500.0));
        assertEquals("1.0e-5", XCharts.label(1e-5));
        assertEquals("0", XCharts.label(0.0));
    }

    @Test
    void trainingCurvesNeedEvents() {
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.of(new TrainingHistory()));
    }

    @Test
    void movingAverageOfAConstantIsTheConstant() {
        var xy = new java.util.ArrayList<double[]>();
        for (int i = 0; i < 50; i++) {
            xy.add(new double[] {i, 3.5});
        }
        for (double[] p : TrainingCurves.movingAverage(xy, 4)) {
            assertEquals(3.5, p[1], 1e-12);
        }
    }

    @Test
    void scatterPlotRenders() throws Exception {
        GaussianMixture mix = GaussianMixture.equalWeights(new double[][] {{-2, 0}, {2, 0}}, 0.5);
        Figure f = ScatterPlot.builder().title("Samples").axisLabels("x1 (m)", "x2 (m)")
                .series("data", mix.sample(600, RandomSources.seeded(1)))
                .series("generated", mix.smoothedDensity(0.4).sample(600, RandomSources.seeded(2)))
                .size(600, 450).build();
        assertEquals(600, f.width());
        Rendered.check(f, "scatter", 30, 0.03, new double[] {0.15, 0.15, 0.9, 0.85});
    }

    @Test
    void pairPlotRendersFourColumns() throws Exception {
        double[][] cov = {{1, 0.8, 0, 0}, {0.8, 1, 0.3, 0}, {0, 0.3, 1, -0.5}, {0, 0, -0.5, 1}};
        var real = MultivariateGaussian.of(new double[] {40, 17, 200, 4000}, scale(cov, new double[] {5, 2, 14, 800}));
        double[][] a = real.sample(342, RandomSources.seeded(4));
        double[][] b = MultivariateGaussian.fit(a).widened(0.0).sample(342, RandomSources.seeded(5));
        PairPlot p = PairPlot.builder(List.of("bill length (mm)", "bill depth (mm)", "flipper (mm)", "body mass (g)"))
                .title("Penguins: real vs generated").series("real", a).series("generated", b).build();
        Rendered.check(p, "pair-plot", 100, 0.05, new double[] {0.1, 0.1, 0.95, 0.9});
        assertThrows(IllegalArgumentException.class, () -> PairPlot.builder(List.of("a", "b")).series("x", a));
    }

    @Test
    void gridComposesFigures() throws Exception {
        GaussianMixture mix = GaussianMixture.equalWeights(new double[][] {{-2, 0}, {2, 0}}, 0.5);
        Figure s = ScatterPlot.builder().series("a", mix.sample(100, RandomSources.seeded(1))).size(300, 200).build();
        Figure g = Figures.grid("two", 2, List.of(s, s));
        assertEquals(600, g.width());
        assertEquals(240, g.height());
        assertEquals(1200, g.toImage(2).getWidth());
    }

    private static double[][] scale(double[][] corr, double[] sd) {
        double[][] c = new double[corr.length][corr.length];
        for (int i = 0; i < corr.length; i++) {
            for (int j = 0; j < corr.length; j++) {
                c[i][j] = corr[i][j] * sd[i] * sd[j];
            }
        }
        return c;
    }
}
