package io.github.dde4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.toy.Toys;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.generator.DdeLearnerFactory;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.GeneratorCheckpoint;
import io.github.dde4j.generator.GeneratorConfig;
import io.github.dde4j.generator.GeneratorTarget;
import io.github.dde4j.generator.GeneratorTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The generator part of {@code M.zip.ckpt}: a qModel DDE checkpoint, with its f_q learner states,
 * goes through {@link Checkpoints#write} / {@link Checkpoints#read} unchanged bit for bit and
 * resumes exactly; checkpoints without learner states (qModel KDE, older files) read as before.
 */
class CheckpointsTest {

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
        Checkpoints.State s = new Checkpoints.State("fp");
        Checkpoints.putGenerator(s, c);
        Checkpoints.write(file, s);
        Checkpoints.State back = Checkpoints.read(file, "fp");
        assertNotNull(back, "the checkpoint reads back");
        return Checkpoints.generator(back);
    }

    private static void assertSameCheckpoint(GeneratorCheckpoint want, GeneratorCheckpoint got) {
        assertEquals(want, got);
        assertArrayEquals(doubles(want.parameters()), doubles(got.parameters()));
        assertArrayEquals(doubles(want.adamM()), doubles(got.adamM()));
        assertArrayEquals(doubles(want.adamV()), doubles(got.adamV()));
        assertEquals(want.qLearners(), got.qLearners(), "f_q states, bitwise");
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
    void checkpointsWithoutLearnerStatesStillRead() throws IOException {
        List<GeneratorCheckpoint> cps = new ArrayList<>();
        trainer(config(GeneratorConfig.QModel.KDE)).withCheckpoints(2, cps::add).train(TARGET);
        GeneratorCheckpoint kde = cps.get(0);
        assertTrue(kde.qLearners().isEmpty());
        assertSameCheckpoint(kde, throughFile(kde, "kde.ckpt"));

        // the layout written before f_q states were saved: no "qLearners" key, no gen-fq entries
        Checkpoints.State s = new Checkpoints.State("fp");
        Checkpoints.putGenerator(s, kde);
        ((ObjectNode) s.json.get("generator_checkpoint")).remove("qLearners");
        GeneratorCheckpoint old = Checkpoints.generator(s);
        assertTrue(old.qLearners().isEmpty());
        assertEquals(kde, old);
    }

    /**
     * {@code dde4j fit} with a user config selecting qModel DDE: interrupted in the generator phase
     * after a generator checkpoint with f_q states was written, the resumed fit gives the same model as
     * an uninterrupted one (identical sampled rows for a seed).
     */
    @Test
    void fitWithQModelDdeResumesExactly() throws IOException {
        Path data = Cli.fixture("/data/faithful.csv", dir);
        Path cfg = Cli.write(dir, "qdde.yaml", String.join("\n",
                "dde:", "  hiddenWidths: [16]", "  batchSize: 64",
                "generator:", "  hidden: [16, 16]", "  batchSize: 64", "  qReferenceSize: 128", "  levels: 2",
                "  evalEvery: 0", "  qModel: DDE", "  qSteps: 1", ""));
        Path straight = dir.resolve("straight.zip");
        Path resumed = dir.resolve("resumed.zip");
        String[] common = {"--data", data.toString(), "--config", cfg.toString(), "--steps", "8", "--checkpoint-every", "3",
                "--generator", "--generator-steps", "8"};
        Cli.run(concat(new String[] {"fit", "--out", straight.toString()}, common)).assertOk();
        // 8 DDE steps, then generator steps 1..5: the generator checkpoint of step 3 is on disk
        Cli.Result killed = Cli.run(concat(new String[] {"fit", "--out", resumed.toString(), "--interrupt-after-steps", "13"},
                common));
        assertEquals(1, killed.code(), killed.err());
        Path ckpt = Path.of(resumed + ".ckpt");
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            JsonNode g = Json.MAPPER.readTree(z.getInputStream(z.getEntry("state.json"))).get("generator_checkpoint");
            assertNotNull(g, "the interruption came after a generator checkpoint");
            assertEquals(2, g.get("qLearners").size(), "one f_q state per level in the file");
            assertNotNull(z.getEntry("gen-fq-1-adam-v.bin"));
        }
        Cli.Result again = Cli.run(concat(new String[] {"fit", "--out", resumed.toString()}, common)).assertOk();
        assertTrue(again.out().contains("resuming from checkpoint"), again.out());
        assertFalse(Files.exists(ckpt));
        String a = Cli.run("sample", "--model", straight.toString(), "--rows", "50", "--out", "-", "--seed", "4").assertOk().out();
        String b = Cli.run("sample", "--model", resumed.toString(), "--rows", "50", "--out", "-", "--seed", "4").assertOk().out();
        assertEquals(a, b);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
