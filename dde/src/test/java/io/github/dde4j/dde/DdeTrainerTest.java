package io.github.dde4j.dde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.Precision;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

class DdeTrainerTest {

    /** Anisotropic, shifted 2-D Gaussian data: standardisation has work to do. */
    static double[][] data(int n, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = 10 + 3 * g.sample();
            row[1] = -2 + 0.5 * g.sample();
        }
        return x;
    }

    private static DdeConfig.Builder small() {
        return DdeConfig.builder().hidden(2, 16).batchSize(32).steps(40).sigma(0.3);
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit() throws Exception {
        double[][] x = data(300, 1);
        // sampled reference sets (fullReferenceLimit 0) and early-stopping state are part of what must resume
        DdeConfig cfg = small().fullReferenceLimit(0).referenceSize(20)
                .earlyStopping(new EarlyStopping(1000, 0, 10, 0.1, 0.1)).seed(7).build();
        DdeTrainer trainer = new DdeTrainer(cfg);
        double[] straight = trainer.start(x).run(null).result().network().parameters();

        DdeTraining first = trainer.start(x).runSteps(17, null);
        assertEquals(17, first.step());
        ObjectMapper json = new ObjectMapper();
        String saved = json.writeValueAsString(first.checkpoint());
        DdeCheckpoint cp = json.readValue(saved, DdeCheckpoint.class);
        first.runSteps(5, null); // the original goes on; the checkpoint must not care
        DdeTraining resumed = trainer.resume(x, cp);
        assertEquals(17, resumed.step());
        double[] continued = resumed.run(null).result().network().parameters();
        assertArrayEquals(straight, continued);
        assertEquals(40, resumed.step());
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        double[][] x = data(200, 2);
        double[] a = new DdeTrainer(small().seed(3).build()).start(x).run(null).result().network().parameters();
        double[] b = new DdeTrainer(small().seed(3).build()).start(x).run(null).result().network().parameters();
        double[] c = new DdeTrainer(small().seed(4).build()).start(x).run(null).result().network().parameters();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void resumeRejectsOtherData() {
        double[][] x = data(100, 3);
        DdeTrainer trainer = new DdeTrainer(small().build());
        DdeCheckpoint cp = trainer.start(x).runSteps(3, null).checkpoint();
        double[][] other = data(100, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.resume(other, cp));
        assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    }

    @Test
    void reportsEventsAndHonoursCancel() {
        double[][] x = data(100, 5);
        List<TrainingEvent> events = new ArrayList<>();
        new DdeTrainer(small().steps(12).build()).start(x).run(events::add);
        assertTrue(events.get(0) instanceof TrainingEvent.Started);
        assertEquals(12, events.stream().filter(e -> e instanceof TrainingEvent.Step).count());
        TrainingEvent.Step s = (TrainingEvent.Step) events.get(5);
        assertEquals("dde", s.phase());
        assertEquals(0.3, s.sigma());
        assertTrue(s.loss() > 0 && s.learningRate() > 0 && s.elapsedNanos() > 0);
        TrainingEvent.Finished f = (TrainingEvent.Finished) events.get(events.size() - 1);
        assertEquals(TrainingEvent.StopReason.COMPLETED, f.reason());
        assertEquals(12, f.step());

        int[] seen = {0};
        TrainingListener stopAfter3 = new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent event) {
                if (event instanceof TrainingEvent.Step) {
                    seen[0]++;
                }
            }

            @Override
            public boolean keepGoing() {
                return seen[0] < 3;
            }
        };
        DdeTraining run = new DdeTrainer(small().build()).start(x).run(stopAfter3);
        assertEquals(3, run.step());
        assertEquals(TrainingEvent.StopReason.CANCELLED, run.result().provenance().stopReason());
    }

    @Test
    void plateauStopsEarly() {
        double[][] x = data(200, 6);
        // a learning rate so small that nothing improves by 50%: stops after patience evaluations
        DdeConfig cfg = small().steps(10_000).learningRate(1e-9).earlyStopping(new EarlyStopping(2, 0.5, 5, 0.2, 0.5)).build();
        List<TrainingEvent> events = new ArrayList<>();
        DdeTraining run = new DdeTrainer(cfg).start(x).run(events::add);
        assertEquals(15, run.step());
        assertEquals(TrainingEvent.StopReason.PLATEAU, run.result().provenance().stopReason());
        assertEquals(3, events.stream().filter(e -> e instanceof TrainingEvent.Evaluation).count());
        TrainingEvent.Evaluation ev = (TrainingEvent.Evaluation) events.stream()
                .filter(e -> e instanceof TrainingEvent.Evaluation).findFirst().orElseThrow();
        assertTrue(ev.metrics().containsKey("val_loss"));
    }

    /**
     * With a cool-down the plateau (at step 15, as above) starts a half-cosine decay of the rate to 0
     * over max(200, 15 / 4) = 200 steps, after which the run stops: the rate of every step is the
     * closed form, and the run ends at step 215.
     */
    @Test
    void plateauThenCoolDownDecaysTheRateToZero() {
        double[][] x = data(200, 6);
        double base = 1e-9;
        DdeConfig cfg = small().steps(10_000).learningRate(base)
                .adam(io.github.dde4j.dde.nn.AdamConfig.of(base).withSchedule(io.github.dde4j.dde.nn.LearningRateSchedule.constant()))
                .earlyStopping(new EarlyStopping(2, 0.5, 5, 0.2, 0.5, true)).build();
        List<TrainingEvent> events = new ArrayList<>();
        DdeTraining run = new DdeTrainer(cfg).start(x).run(events::add);
        assertEquals(215, run.step());
        assertEquals(TrainingEvent.StopReason.PLATEAU, run.result().provenance().stopReason());
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.Step st) {
                long t = st.step() - 1; // optimiser steps taken before this one
                double want = t < 15 ? base : base * 0.5 * (1 + Math.cos(Math.PI * (t - 15) / 200.0));
                assertEquals(want, st.learningRate(), 1e-12 * base, "step " + st.step());
            }
        }
    }

    /** A checkpoint taken in the cool-down resumes it: bit for bit the uninterrupted run. */
    @Test
    void resumeInsideTheCoolDownIsExact() throws Exception {
        double[][] x = data(200, 6);
        // a rate that moves the parameters (so a wrong rate after the resume would show) but plateaus early
        DdeConfig cfg = small().steps(10_000).seed(3)
                .adam(io.github.dde4j.dde.nn.AdamConfig.of(1e-4).withSchedule(io.github.dde4j.dde.nn.LearningRateSchedule.constant()))
                .earlyStopping(new EarlyStopping(2, 0.5, 5, 0.2, 0.5, true)).build();
        DdeTrainer trainer = new DdeTrainer(cfg);
        double[] straight = trainer.start(x).run(null).result().network().parameters();
        DdeTraining first = trainer.start(x).runSteps(100, null);
        ObjectMapper json = new ObjectMapper();
        DdeCheckpoint cp = json.readValue(json.writeValueAsString(first.checkpoint()), DdeCheckpoint.class);
        long from = cp.coolDownFrom();
        assertTrue(from > 0 && from < 100, "the checkpoint is inside the cool-down, which began at " + from);
        DdeTraining resumed = trainer.resume(x, cp);
        assertArrayEquals(straight, resumed.run(null).result().network().parameters());
        assertEquals(from + 200, resumed.step());
    }

    @Test
    void divergenceStopsWithTheLastGoodModel() {
        double[][] x = data(100, 7);
        DdeConfig cfg = small().steps(200).adam(AdamConfig.of(1e30)).build();
        DdeDivergedException e = assertThrows(DdeDivergedException.class, () -> new DdeTrainer(cfg).fit(x));
        assertTrue(e.getMessage().contains("diverged at step " + e.step()), e.getMessage());
        Dde good = e.lastGood();
        assertEquals(e.step(), good.provenance().steps());
        for (double p : good.network().parameters()) {
            assertTrue(Double.isFinite(p));
        }
    }

    @Test
    void rejectsBadDataNamingRowAndColumn() {
        double[][] x = data(10, 8);
        x[4][1] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DdeTrainer(small().build()).fit(x));
        assertTrue(e.getMessage().contains("row 4") && e.getMessage().contains("column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DdeTrainer(small().build()).fit(new double[0][]));
    }

    @Test
    void scoreIsTheGradientOfTheLogDensityInCallerUnits() {
        double[][] x = data(200, 9);
        Dde dde = new DdeTrainer(small().precision(Precision.FLOAT64).build()).fit(x);
        double[][] pts = {{10, -2}, {13, -1.5}, {7.5, -2.2}};
        double[][] score = dde.score(pts);
        double h = 1e-5;
        for (int i = 0; i < pts.length; i++) {
            for (int j = 0; j < 2; j++) {
                double[] up = pts[i].clone();
                double[] down = pts[i].clone();
                up[j] += h;
                down[j] -= h;
                double fd = (dde.logDensity(up) - dde.logDensity(down)) / (2 * h);
                assertEquals(fd, score[i][j], 1e-6 * Math.max(1, Math.abs(fd)), "point " + i + " column " + j);
            }
        }
        // one pass gives both, identically
        double[] lp = new double[3];
        double[][] sc = new double[3][2];
        dde.evaluate(pts, lp, sc);
        assertArrayEquals(dde.logDensityUnnormalized(pts), lp, 1e-12);
        assertArrayEquals(score[1], sc[1], 1e-12);
    }

    @Test
    void normalisedDensityIntegratesToOneInCallerUnits() {
        // 1-D data on a scale of 10: the Jacobian of the standardisation is -log s
        UniformRandomProvider rng = RandomSources.seeded(10);
        double[][] x = new double[200][1];
        for (double[] row : x) {
            row[0] = 50 + 10 * (rng.nextDouble() + rng.nextDouble());
        }
        Dde dde = new DdeTrainer(DdeConfig.builder().hidden(2, 16).batchSize(32).steps(60).sigma(0.3)
                .precision(Precision.FLOAT64).build()).start(x).run(null).result();
        // log Z of f over z in [-3, 3] by the trapezoid rule; then the caller-units density must
        // integrate to 1 over the matching x interval
        int m = 6001;
        double[][] zs = new double[m][1];
        for (int i = 0; i < m; i++) {
            zs[i][0] = -3 + 6.0 * i / (m - 1);
        }
        double z = trapezoid(dde.trainingUnitsField().logDensityUnnormalized(zs), 6.0 / (m - 1));
        Dde normalised = dde.withLogZ(new io.github.dde4j.dde.normalize.LogZEstimate(Math.log(z), 0, m, m, "test",
                null, null));
        double mean = dde.standardizer().means()[0];
        double scale = dde.standardizer().scales()[0];
        assertTrue(Math.abs(scale - 1) > 1, "the test needs a scale far from 1: " + scale);
        double[][] xs = new double[m][1];
        for (int i = 0; i < m; i++) {
            xs[i][0] = mean + scale * zs[i][0];
        }
        double integral = trapezoid(normalised.logDensity(xs), 6.0 * scale / (m - 1));
        assertEquals(1.0, integral, 1e-9);
        assertThrows(IllegalStateException.class, () -> dde.logDensity(xs));
    }

    private static double trapezoid(double[] logValues, double h) {
        double s = 0;
        for (int i = 0; i < logValues.length; i++) {
            s += Math.exp(logValues[i]) * ((i == 0 || i == logValues.length - 1) ? 0.5 : 1);
        }
        return s * h;
    }
}
