package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.toy.Toys;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeCheckpoint;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.DdeTraining;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.dde.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FitCheckpoint} on disk: every stage (DDE in progress, fitted DDE, generator with and without
 * f_q learner states) reads back bit for bit and resumes exactly; damaged, foreign and too-new files
 * fail with a {@link ModelFormatException} naming the file.
 */
class FitCheckpointTest {

    @TempDir
    Path dir;

    private static final GeneratorTarget TARGET = GeneratorTarget.of(Toys.eightGaussians());

    private static GeneratorConfig config(GeneratorConfig.QModel q) {
        return GeneratorConfig.defaults().withNetwork(List.of(16, 16), GeneratorConfig.defaults().activation(),
                GeneratorConfig.defaults().skip(), GeneratorConfig.Init.GAUSSIAN).withBatch(64, 128).withSteps(4)
                .withEvaluation(0, 200, 0, 0).withSigma(0.1, 1.0, 2, false).withQModel(q, 2);
    }

    private static GeneratorTrainer trainer(GeneratorConfig c) {
        return new GeneratorTrainer(c).withQLearners(DdeLearnerFactory.of(DdeConfig.builder().hidden(2, 16)
                .batchSize(64).steps(100).sigma(0.1).build()));
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private GeneratorCheckpoint throughFile(GeneratorCheckpoint c, String name) throws IOException {
        Path file = dir.resolve(name);
        FitCheckpoint.start("fp").withGenerator(c).write(file);
        FitCheckpoint back = FitCheckpoint.read(file);
        assertEquals("fp", back.fingerprint());
        return back.generator().orElseThrow();
    }

    private static void assertSameCheckpoint(GeneratorCheckpoint want, GeneratorCheckpoint got) {
        assertEquals(want, got);
        assertEquals(want.adamM().dataType(), got.adamM().dataType(), "moments keep their type");
        assertArrayEquals(doubles(want.parameters()), doubles(got.parameters()));
        assertArrayEquals(doubles(want.adamM()), doubles(got.adamM()));
        assertArrayEquals(doubles(want.adamV()), doubles(got.adamV()));
        assertEquals(want.qLearners(), got.qLearners(), "f_q states, bitwise");
        assertEquals(want.bestMetrics(), got.bestMetrics());
        if (want.best() != null) {
            assertArrayEquals(doubles(want.best()), doubles(got.best()));
        }
    }

    /** The best check's generator, step and figures (with a NaN among them) read back exactly. */
    @Test
    void bestCheckRoundTrips() throws IOException {
        List<GeneratorCheckpoint> cps = new ArrayList<>();
        trainer(config(GeneratorConfig.QModel.KDE).withEvaluation(1, 200, 0, 0)).withCheckpoints(2, cps::add).train(TARGET);
        GeneratorCheckpoint cp = cps.get(1);
        assertTrue(cp.best() != null && cp.bestStep() >= 1 && cp.bestMetrics().containsKey("energy"), "a best check by step 4");
        java.util.Map<String, Double> metrics = new java.util.HashMap<>(cp.bestMetrics());
        metrics.put("kl", Double.NaN);
        GeneratorCheckpoint withNaN = new GeneratorCheckpoint(cp.config(), cp.step(), cp.parameters(), cp.adamM(),
                cp.adamV(), cp.adamT(), cp.rngState(), cp.bestMmd2(), cp.badEvals(), cp.initMean(), cp.qLearners(),
                cp.ema(), cp.coolDownFrom(), cp.best(), cp.bestStep(), metrics, cp.firstMonitored());
        assertTrue(Double.isFinite(cp.firstMonitored()), "the first check's measure is saved");
        assertSameCheckpoint(withNaN, throughFile(withNaN, "best.ckpt"));
    }

    @Test
    void qModelDdeCheckpointRoundTripsAndResumesExactly() throws IOException {
        GeneratorConfig c = config(GeneratorConfig.QModel.DDE);
        Generator straight = trainer(c).train(TARGET);
        List<GeneratorCheckpoint> cps = new ArrayList<>();
        trainer(c).withCheckpoints(2, cps::add).train(TARGET);
        GeneratorCheckpoint cp = cps.get(0);
        assertEquals(2, cp.qLearners().size());

        GeneratorCheckpoint back = throughFile(cp, "dde.ckpt");
        assertSameCheckpoint(cp, back);
        for (int i = 0; i < cp.qLearners().size(); i++) {
            DdeLearner.State w = cp.qLearners().get(i);
            DdeLearner.State g = back.qLearners().get(i);
            assertArrayEquals(w.parameters(), g.parameters());
            assertArrayEquals(w.adam().m(), g.adam().m());
            assertArrayEquals(w.adam().v(), g.adam().v());
            assertEquals(Double.doubleToRawLongBits(w.lastLoss()), Double.doubleToRawLongBits(g.lastLoss()));
        }
        Generator resumed = trainer(c).resume(TARGET, back);
        assertArrayEquals(straight.sample(100, 5), resumed.sample(100, 5), "resumed from the file = uninterrupted run");

        // a learner before its first step: no Adam moments, NaN sigma and loss
        DdeLearner fresh = DdeTrainer.learner(DdeConfig.builder().hidden(1, 4).build(), 2);
        GeneratorCheckpoint early = new GeneratorCheckpoint(cp.config(), cp.step(), cp.parameters(), cp.adamM(), cp.adamV(),
                cp.adamT(), cp.rngState(), cp.bestMmd2(), cp.badEvals(), cp.initMean(), List.of(fresh.state()));
        assertSameCheckpoint(early, throughFile(early, "early.ckpt"));
    }

    @Test
    void qModelKdeCheckpointRoundTrips() throws IOException {
        List<GeneratorCheckpoint> cps = new ArrayList<>();
        trainer(config(GeneratorConfig.QModel.KDE)).withCheckpoints(2, cps::add).train(TARGET);
        GeneratorCheckpoint kde = cps.get(0);
        assertTrue(kde.qLearners().isEmpty());
        assertSameCheckpoint(kde, throughFile(kde, "kde.ckpt"));
    }

    @Test
    void ddeStagesRoundTrip() throws IOException {
        double[][] data = Toys.eightGaussians().sample(256, 1L);
        DdeConfig cfg = DdeConfig.builder().hidden(1, 8).batchSize(32).steps(6).seed(3).build();
        DdeTraining run = new DdeTrainer(cfg).start(data);
        run.runSteps(3, io.github.dde4j.core.progress.TrainingListener.none());
        DdeCheckpoint progress = run.checkpoint();
        Path file = dir.resolve("dde.ckpt");
        FitCheckpoint.start("job").withDdeProgress(progress, 1.5).write(file);
        FitCheckpoint back = FitCheckpoint.read(file);
        DdeCheckpoint got = back.ddeProgress().orElseThrow();
        assertArrayEquals(progress.parameters(), got.parameters());
        assertArrayEquals(progress.rngState(), got.rngState());
        assertEquals(progress.step(), got.step());
        assertEquals(1.5, back.ddeSecondsSoFar());
        assertTrue(back.fittedDde().isEmpty() && back.generator().isEmpty());

        run.runSteps(Long.MAX_VALUE, io.github.dde4j.core.progress.TrainingListener.none());
        Dde dde = run.result().normalize(data, 7);
        back.withFittedDde(dde, 2.5).write(file);
        Dde fitted = FitCheckpoint.read(file).fittedDde().orElseThrow();
        assertArrayEquals(dde.logDensity(data), fitted.logDensity(data), "the fitted DDE reads back bit for bit");
    }

    @Test
    void damagedForeignAndNewerFilesFailClearly() throws IOException {
        Path garbage = Files.writeString(dir.resolve("notes.ckpt"), "my notes");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> FitCheckpoint.read(garbage));
        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());

        Path other = dir.resolve("model.zip");
        ModelArchive.builder("generator").doubles("x", new double[] {1}, 1).write(other);
        e = assertThrows(ModelFormatException.class, () -> FitCheckpoint.read(other));
        assertTrue(e.getMessage().contains("expected 'fit-checkpoint'"), e.getMessage());

        Path newer = dir.resolve("newer.ckpt");
        ObjectNode cfg = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        cfg.put("checkpointVersion", FitCheckpoint.VERSION + 1).put("fingerprint", "fp");
        ModelArchive.builder(FitCheckpoint.MODEL_TYPE).config(cfg).write(newer);
        e = assertThrows(ModelFormatException.class, () -> FitCheckpoint.read(newer));
        assertTrue(e.getMessage().startsWith(newer.toString()) && e.getMessage().contains("upgrade dde4j"), e.getMessage());

        // a checkpoint cut short (a disk that filled up) is damaged, not empty
        Path cut = dir.resolve("cut.ckpt");
        FitCheckpoint.start("fp").write(cut);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThrows(ModelFormatException.class, () -> FitCheckpoint.read(cut));
    }
}
