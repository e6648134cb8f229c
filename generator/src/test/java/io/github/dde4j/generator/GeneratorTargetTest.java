package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.progress.TrainingHistory;
import io.github.dde4j.dde.ScalarField;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeneratorTargetTest {

    /** f(y) = log N(y; 0, (1 + s0^2) I): the exact DDE of p = N(0, I) at sigma s0. */
    static ScalarField gaussianField(double s0) {
        double v = 1 + s0 * s0;
        return new ScalarField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public INDArray value(INDArray y) {
                return y.mul(y).sum(1).muli(-0.5 / v);
            }

            @Override
            public INDArray inputGradient(INDArray y) {
                return y.mul(-1.0 / v);
            }
        };
    }

    /**
     * Monte Carlo smoothing of a DDE above its own level: for p = N(0, I) the smoothed score at s is
     * -y / (1 + s^2) exactly. With M = 4000 draws the self-normalised estimate has relative error
     * of order sqrt(tau^2 / M) ~ 0.015 at tau^2 = 0.95; 0.08 absolute at |y| <= 1.5 is a 5-sigma bound.
     */
    @Test
    void ddeTargetSmoothsAboveItsLevel() {
        GeneratorTarget t = GeneratorTarget.ofDde(gaussianField(0.1), 0.1, 4000);
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 0}, {1.5, -1}, {-0.5, 0.7}});
        INDArray exactAtBase = t.smoothedScore(y, 0.1, RandomSources.seeded(1));
        assertEquals(-1.5 / 1.01, exactAtBase.getDouble(1, 0), 1e-12);
        INDArray s = t.smoothedScore(y, 1.0, RandomSources.seeded(2));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(-y.getDouble(i, j) / 2.0, s.getDouble(i, j), 0.08, "row " + i + " col " + j);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> t.smoothedScore(y, 0.05, RandomSources.seeded(3)));
    }

    /** The exact mixture target agrees with the core mixture's convolved score. */
    @Test
    void gaussianTargetIsExact() {
        MultivariateGaussian g = MultivariateGaussian.of(new double[] {1, 2}, new double[][] {{2, 0.3}, {0.3, 1}});
        GeneratorTarget t = GeneratorTarget.of(g);
        double[][] pts = {{0.5, 0.5}, {3, -1}};
        INDArray s = t.smoothedScore(Nd4j.createFromArray(pts), 0.5, RandomSources.seeded(1));
        double[][] want = g.smoothedDensity(0.5).score(pts);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(want[i][j], s.getDouble(i, j), 1e-12);
            }
        }
    }

    /** The generator loop (docs/method.md) with DDE learners f_q runs, reports, and stays finite (mechanics only). */
    @Test
    void ddeQModelRuns() {
        GeneratorConfig c = GeneratorConfig.defaults().withNetwork(List.of(8), GeneratorConfig.defaults().activation(),
                        GeneratorConfig.defaults().skip(), GeneratorConfig.Init.GAUSSIAN).withBatch(32, 64).withSteps(3)
                .withEvaluation(3, 100, 0, 0).withQModel(GeneratorConfig.QModel.DDE, 2).withSigma(0.2, 0.2, 1, false);
        TrainingHistory h = new TrainingHistory();
        Generator g = new GeneratorTrainer(c).withListener(h)
                .train(GeneratorTarget.of(MultivariateGaussian.standard(2)));
        assertEquals(1, h.evaluations(GeneratorTrainer.PHASE).size());
        assertTrue(Double.isFinite(h.evaluations(GeneratorTrainer.PHASE).get(0).metrics().get("kl")));
        for (double[] r : g.sample(50, 1)) {
            assertTrue(Double.isFinite(r[0]) && Double.isFinite(r[1]));
        }
        assertEquals(DataType.FLOAT, g.network().dataType());
    }
}
