package io.github.dde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.generator.FitCheckpoint;
import io.github.dde4j.generator.GeneratorCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dde4j fit} resumes from its {@code M.zip.ckpt} exactly (the file format itself is tested by
 * the generator module's {@code FitCheckpointTest}).
 */
class CheckpointsTest {

    @TempDir
    Path dir;

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
        GeneratorCheckpoint g = FitCheckpoint.read(ckpt).generator().orElse(null);
        assertNotNull(g, "the interruption came after a generator checkpoint");
        assertEquals(2, g.qLearners().size(), "one f_q state per level in the file");
        assertNotNull(g.qLearners().get(1).adam().v(), "with its Adam moments");
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
