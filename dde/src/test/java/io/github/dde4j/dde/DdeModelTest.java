package io.github.dde4j.dde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.dde.io.ModelFormatException;
import io.github.dde4j.dde.nn.Precision;
import io.github.dde4j.dde.sampling.LangevinSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdeModelTest {

    @TempDir
    Path dir;

    private static Dde trained(Precision p) {
        double[][] x = DdeTrainerTest.data(200, 1);
        return new DdeTrainer(DdeConfig.builder().hidden(2, 16).batchSize(64).steps(400).learningRate(3e-3).sigma(0.3).precision(p).build()).fit(x);
    }

    @Test
    void saveAndLoadGiveTheSameModel() throws Exception {
        for (Precision p : Precision.values()) {
            Dde dde = trained(p);
            Path file = dir.resolve("model-" + p + ".zip");
            dde.save(file);
            Dde back = Dde.load(file);
            double[][] pts = DdeTrainerTest.data(50, 2);
            assertArrayEquals(dde.logDensity(pts), back.logDensity(pts), 0.0);
            assertArrayEquals(dde.score(pts)[7], back.score(pts)[7], 0.0);
            assertEquals(dde.config(), back.config());
            assertEquals(dde.provenance(), back.provenance());
            assertEquals(dde.logZ().orElseThrow().logZ(), back.logZ().orElseThrow().logZ());
            assertEquals(dde.sigma(), back.sigma());
        }
    }

    @Test
    void corruptedOrForeignFilesFailClearly() throws Exception {
        Path file = dir.resolve("m.zip");
        trained(Precision.FLOAT32).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Dde.load(truncated));
        assertTrue(e.getMessage().contains("truncated.zip"), e.getMessage());
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertThrows(ModelFormatException.class, () -> Dde.load(text));
    }

    @Test
    void langevinSamplesFollowTheModel() {
        Dde dde = trained(Precision.FLOAT32);
        int n = 400;
        double[][] s = dde.sample(n, LangevinSettings.plain(0.005, 300), RandomSources.seeded(3));
        assertEquals(n, s.length);
        // at stationarity E_p[grad log p] = 0 for the model's own density, whatever its quality:
        // the mean score must vanish within its sampling error (plus a little discretisation bias)
        double[][] score = dde.score(s);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double m2 = 0;
            for (double[] row : score) {
                m += row[j] / n;
                m2 += row[j] * row[j] / n;
            }
            double sd = Math.sqrt(m2 - m * m);
            assertTrue(Math.abs(m) < 4 * sd / Math.sqrt(n) + 0.05 * sd, "column " + j + ": mean score " + m + ", sd " + sd);
        }
        double[][] again = dde.sample(n, LangevinSettings.plain(0.005, 300), RandomSources.seeded(3));
        assertArrayEquals(s[17], again[17], 0.0);
    }
}
