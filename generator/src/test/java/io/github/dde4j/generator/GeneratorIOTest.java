package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.toy.Toys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorIOTest {

    @Test
    void saveLoadGivesTheSameRows(@TempDir Path dir) throws Exception {
        GeneratorConfig c = GeneratorConfig.defaults().withNetwork(List.of(8), GeneratorConfig.defaults().activation(),
                GeneratorConfig.defaults().skip(), GeneratorConfig.Init.GAUSSIAN).withBatch(32, 64).withSteps(2)
                .withEvaluation(0, 10, 0, 0);
        Standardizer s = new Standardizer(new double[] {1, 2}, new double[] {3, 4}, null);
        Generator g = new GeneratorTrainer(c).withStandardizer(s).train(GeneratorTarget.of(Toys.eightGaussians()));
        Path f = dir.resolve("g.zip");
        GeneratorIO.save(g, f);
        Generator back = GeneratorIO.load(f);
        // the model records the configuration the run used: its sigmaMax sized to the 2 columns
        assertEquals(c.forDimension(2), back.config().orElseThrow());
        double[][] a = g.sample(100, 5);
        double[][] b = back.sample(100, 5);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        Files.write(dir.resolve("bad.zip"), new byte[] {1, 2, 3});
        assertThrows(Exception.class, () -> GeneratorIO.load(dir.resolve("bad.zip")));
    }
}
