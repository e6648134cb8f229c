package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.dde.io.ModelArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fit / sample / evaluate / plot end to end on real data (penguins: 4-D, generator; airports:
 * 2-D, DDE only with Langevin sampling), with the small budgets of cli/tiny.yaml. One model of each
 * kind is trained once and shared by the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelCommandsTest {

    @TempDir
    static Path dir;

    private Path penguins;
    private Path airports;
    private Path tiny;
    private Path penguinModel;
    private Path airportModel;

    @BeforeAll
    void fitModels() {
        penguins = Cli.fixture("/data/penguins.csv", dir);
        airports = Cli.fixture("/data/airports.csv", dir);
        tiny = Cli.fixture("/cli/tiny.yaml", dir);
        penguinModel = dir.resolve("penguins.zip");
        airportModel = dir.resolve("airports.zip");
        Cli.Result r = Cli.run("fit", "--data", penguins.toString(), "--out", penguinModel.toString(), "--config",
                tiny.toString(), "--generator", "--seed", "3").assertOk();
        assertTrue(r.out().contains("wrote"), r.out());
        Cli.run("fit", "--data", airports.toString(), "--out", airportModel.toString(), "--config", tiny.toString(),
                "--sigma", "0.2").assertOk();
        assertTrue(Files.isRegularFile(penguinModel) && Files.isRegularFile(airportModel));
        assertFalse(Files.exists(Path.of(penguinModel + ".ckpt")), "a finished fit removes its checkpoint");
    }

    /**
     * {@link ModelRows} (the spark module's way in) draws any part of a sample from a block on:
     * its cells are those lines of the command's file, for a generator and for Langevin sampling.
     */
    @Test
    void modelRowsDrawsAnyPartOfTheCommandsSample() throws IOException {
        int n = 2 * ModelRows.BLOCK + 30;
        for (Path model : new Path[] {penguinModel, airportModel}) {
            Path file = dir.resolve("whole-" + model.getFileName() + ".csv");
            Cli.run("sample", "--model", model.toString(), "--rows", Integer.toString(n), "--out", file.toString(),
                    "--seed", "4", "-q").assertOk();
            java.util.List<String> lines = Files.readAllLines(file);
            ModelRows rows = ModelRows.read(model);
            assertEquals(lines.get(0), String.join(",", rows.header()));
            long first = ModelRows.BLOCK;
            java.util.List<String> part = new java.util.ArrayList<>();
            rows.sample(first, n - first, 4, (batch, count) -> {
                for (String[] cells : rows.cells(batch, count, first + part.size(), Integer.parseInt(ModelRows.DEFAULT_DIGITS))) {
                    part.add(String.join(",", cells));
                }
            });
            assertEquals(lines.subList(1 + (int) first, lines.size()), part, model.toString());
        }
    }

    @Test
    void sampleIsStreamedWithHeaderAndSeeded() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        Cli.run("sample", "--model", penguinModel.toString(), "--rows", "3000", "--out", a.toString(), "--seed", "9").assertOk();
        Cli.run("sample", "--model", penguinModel.toString(), "--rows", "3000", "--out", b.toString(), "--seed", "9").assertOk();
        assertEquals(Files.readString(a), Files.readString(b), "same seed, same rows");
        Cli.run("sample", "--model", penguinModel.toString(), "--rows", "3000", "--out", c.toString(), "--seed", "9",
                "--batch", "1000").assertOk();
        // another batch size draws the same latents; float32 matrix products may round differently
        double[][] ra = Cli.readCsv(a).rows();
        double[][] rc = Cli.readCsv(c).rows();
        for (int i = 0; i < ra.length; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(ra[i][j], rc[i][j], 1e-4 * Math.abs(ra[i][j]) + 1e-6, "row " + i);
            }
        }
        Cli.Csv csv = Cli.readCsv(a);
        assertArrayEquals(new String[] {"beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"}, csv.header());
        assertEquals(3000, csv.rows().length);
        // rows in the data's units: body mass in grams, thousands
        double mean = Arrays.stream(csv.rows()).mapToDouble(r -> r[3]).average().orElseThrow();
        assertTrue(mean > 3000 && mean < 5500, "mean body mass " + mean);
        Cli.Result out = Cli.run("sample", "--model", penguinModel.toString(), "--rows", "5", "--out", "-", "--seed", "10")
                .assertOk();
        Cli.Csv five = Cli.readCsv(out.out());
        assertEquals(5, five.rows().length);
        assertNotEquals(csv.rows()[0][0], five.rows()[0][0], "another seed, other rows");
        Cli.Result zero = Cli.run("sample", "--model", penguinModel.toString(), "--rows", "0", "--out", "-").assertOk();
        assertEquals("beak_length_mm,beak_depth_mm,flipper_length_mm,body_mass_g", zero.out().strip());
    }

    @Test
    void modelFilePartsAreTheModulesOwnFiles() throws IOException {
        ModelArchive a = ModelArchive.read(penguinModel, ModelFile.TYPE);
        Path ddeFile = dir.resolve("part-dde.zip");
        Files.write(ddeFile, a.bytes(ModelFile.DDE_ENTRY));
        io.github.dde4j.dde.Dde dde = io.github.dde4j.dde.Dde.load(ddeFile);
        Path genFile = dir.resolve("part-generator.zip");
        Files.write(genFile, a.bytes(ModelFile.GENERATOR_ENTRY));
        io.github.dde4j.generator.Generator gen = io.github.dde4j.generator.GeneratorIO.load(genFile);
        ModelFile.Contents c = ModelFile.read(penguinModel);
        assertTrue(dde.isNormalized(), "the stored DDE carries its log Z");
        assertEquals(c.columns().size(), dde.dimension());
        double[][] x = c.generator().sample(50, 3L);
        assertArrayEquals(dde.logDensity(x), c.dde().logDensity(x), 0.0, "Dde.load of the entry is the model's DDE");
        double[][] y = gen.sample(50, 3L);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], y[i], 0.0, "GeneratorIO.load of the entry is the model's generator");
        }
        assertSame(c.dde(), c.generator().dataDde().orElseThrow(), "the generator gets the model's DDE as its data DDE");
    }

    @Test
    void langevinSamplingWithoutGenerator() {
        Cli.Result r = Cli.run("sample", "--model", airportModel.toString(), "--rows", "200", "--out", "-", "--seed", "1",
                "--langevin-steps", "30").assertOk();
        Cli.Result again = Cli.run("sample", "--model", airportModel.toString(), "--rows", "200", "--out", "-", "--seed", "1",
                "--langevin-steps", "30").assertOk();
        assertEquals(r.out(), again.out());
        Cli.Csv csv = Cli.readCsv(r.out());
        assertArrayEquals(new String[] {"longitude", "latitude"}, csv.header());
        for (double[] row : csv.rows()) {
            assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]));
        }
    }

    @Test
    void evaluateReportsLikelihoodAndQuality() throws IOException {
        Cli.Result r = Cli.run("evaluate", "--model", penguinModel.toString(), "--data", penguins.toString(), "--json",
                "--generated-rows", "500").assertOk();
        JsonNode j = new ObjectMapper().readTree(r.out());
        double ll = j.get("log_likelihood").asDouble();
        double se = j.get("log_likelihood_se").asDouble();
        // a density over (mm, mm, mm, g): log p is roughly -sum log(sd_j) - 4 * 1.4 ~ -15 nats; a
        // broken normaliser is off by tens of nats
        assertTrue(ll > -25 && ll < -8, "log-likelihood " + ll);
        assertTrue(se > 0 && se < 1, "standard error " + se);
        assertTrue(se >= j.get("log_z_se").asDouble());
        assertTrue(j.get("mmd2").isNumber() && j.get("energy_distance").asDouble() >= 0);
        assertTrue(j.get("marginals").has("body_mass_g"));
        assertTrue(j.get("correlation_frobenius").asDouble() >= 0);
        Cli.Result human = Cli.run("evaluate", "--model", airportModel.toString(), "--data", airports.toString(),
                "--generated-rows", "200").assertOk();
        assertTrue(human.out().contains("average log-likelihood") && human.out().contains("MMD^2"), human.out());
        // a column mismatch is one clear line
        Cli.run("evaluate", "--model", penguinModel.toString(), "--data", airports.toString())
                .assertOneLineError(1, "no column 'beak_length_mm'");
    }

    @Test
    void plotsDensityMapAndPairPlot() throws IOException {
        Path pair = dir.resolve("pair.png");
        Path map = dir.resolve("map.svg");
        Path kde = dir.resolve("kde.png");
        Cli.run("plot", "--model", penguinModel.toString(), "--data", penguins.toString(), "--out", pair.toString(),
                "--rows", "500").assertOk();
        Cli.run("plot", "--model", airportModel.toString(), "--data", airports.toString(), "--out", map.toString(),
                "--rows", "100").assertOk();
        Cli.run("plot", "--data", airports.toString(), "--out", kde.toString()).assertOk();
        for (Path png : new Path[] {pair, kde}) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " is a PNG");
            assertTrue(img.getWidth() > 300 && img.getHeight() > 300);
        }
        assertTrue(Files.readString(map).contains("<svg"));
        Cli.run("plot", "--data", airports.toString(), "--out", dir.resolve("x.gif").toString())
                .assertOneLineError(1, ".png or .svg");
    }

    @Test
    void badModelFilesAreOneLine() throws IOException {
        Path junk = Cli.write(dir, "junk.zip", "this is not a zip");
        Cli.run("sample", "--model", junk.toString(), "--rows", "1", "--out", "-").assertOneLineError(1, "junk.zip");
        byte[] good = Files.readAllBytes(penguinModel);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        Cli.run("evaluate", "--model", truncated.toString(), "--data", penguins.toString())
                .assertOneLineError(1, "truncated.zip");
        Path other = dir.resolve("other.zip");
        ModelArchive.builder("dde").config(Map.of("x", 1)).write(other);
        Cli.run("sample", "--model", other.toString(), "--rows", "1", "--out", "-")
                .assertOneLineError(1, "'dde'", "dde4j-model");
        Path future = dir.resolve("future.zip");
        ModelArchive.builder(ModelFile.TYPE).config(Map.of("version", 99, "columns", java.util.List.of("a"))).write(future);
        Cli.run("sample", "--model", future.toString(), "--rows", "1", "--out", "-")
                .assertOneLineError(1, "version 99", "upgrade");
        Path old = dir.resolve("old.zip");
        ModelArchive.builder(ModelFile.TYPE).config(Map.of("version", 1, "columns", java.util.List.of("a"))).write(old);
        Cli.run("sample", "--model", old.toString(), "--rows", "1", "--out", "-")
                .assertOneLineError(1, "version 1", "fit the model again");
        Path badPart = dir.resolve("bad-part.zip");
        ModelArchive.builder(ModelFile.TYPE).config(Map.of("version", ModelFile.VERSION, "columns", java.util.List.of("a")))
                .bytes(ModelFile.DDE_ENTRY, "not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8)).write(badPart);
        Cli.run("sample", "--model", badPart.toString(), "--rows", "1", "--out", "-")
                .assertOneLineError(1, "bad-part.zip", "corrupted");
        Cli.run("sample", "--model", dir.resolve("nope.zip").toString(), "--rows", "1", "--out", "-")
                .assertOneLineError(1, "file not found");
    }

    @Test
    void failedJobsLeaveNoPartialFiles() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("failing"));
        Path bad = Cli.write(sub, "bad.csv", "a,b\n1,2\n3,x\n");
        Path model = sub.resolve("m.zip");
        // a text cell makes a typed table (docs/tables.md); a cell the stated type rejects is one line
        Path numbers = Cli.write(dir, "numbers.yaml", "columns:\n  a: {type: numerical}\n  b: {type: integer}\n");
        Cli.run("fit", "--data", bad.toString(), "--out", model.toString(), "--config", tiny.toString(), "--metadata",
                numbers.toString()).assertOneLineError(1, "row 2", "column 'b'", "'x'");
        Path nan = Cli.write(sub, "nan.csv", "a,b\n1,2\nNaN,1\n");
        Cli.run("fit", "--data", nan.toString(), "--out", model.toString(), "--metadata", numbers.toString())
                .assertOneLineError(1, "row 2", "column 'a'", "NaN");
        Cli.run("fit", "--data", penguins.toString(), "--out", model.toString(), "--columns", "beak_length_mm,wings")
                .assertOneLineError(1, "no column 'wings'");
        Cli.run("fit", "--data", penguins.toString(), "--out", model.toString(), "--config", bad.toString())
                .assertOneLineError(1, "bad.csv");
        assertEquals(2, Cli.fileCount(sub), "only the two input files: no model, no temporary file");
        Cli.run("sample", "--model", penguinModel.toString(), "--rows", "10", "--out",
                sub.resolve("missing-folder/x.csv").toString()).assertOneLineError(1, "missing-folder");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run("fit", "--data", penguins.toString()).code());
        assertEquals(2, Cli.run("fit", "--out", "m.zip").code());
        assertEquals(2, Cli.run("sample", "--model", penguinModel.toString(), "--rows", "many", "--out", "-").code());
        assertEquals(2, Cli.run("evaluate", "--model", penguinModel.toString()).code());
        assertEquals(2, Cli.run("plot").code());
        assertEquals(2, Cli.run("bench").code());
        assertEquals(2, Cli.run("demo", "--unknown").code());
    }

    /**
     * A fit interrupted after its first checkpoint resumes from it, and the resumed run gives the
     * same model as an uninterrupted one: identical sampled rows for a seed.
     */
    @Test
    void fitResumesFromItsCheckpoint() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("resume"));
        Path data = Cli.fixture("/data/faithful.csv", sub);
        Path straight = sub.resolve("straight.zip");
        Path resumed = sub.resolve("resumed.zip");
        String[] common = {"--data", data.toString(), "--config", tiny.toString(), "--steps", "60", "--checkpoint-every", "20",
                "--generator", "--generator-steps", "10"};
        Cli.run(concat(new String[] {"fit", "--out", straight.toString()}, common)).assertOk();
        Cli.Result killed = Cli.run(concat(new String[] {"fit", "--out", resumed.toString(), "--interrupt-after-steps", "50"}, common));
        assertEquals(1, killed.code(), killed.err());
        assertFalse(Files.exists(resumed));
        assertTrue(Files.exists(Path.of(resumed + ".ckpt")), "the checkpoint survives the interruption");
        Cli.Result again = Cli.run(concat(new String[] {"fit", "--out", resumed.toString()}, common)).assertOk();
        assertTrue(again.out().contains("resuming from checkpoint"), again.out());
        assertFalse(Files.exists(Path.of(resumed + ".ckpt")));
        String a = Cli.run("sample", "--model", straight.toString(), "--rows", "50", "--out", "-", "--seed", "4").assertOk().out();
        String b = Cli.run("sample", "--model", resumed.toString(), "--rows", "50", "--out", "-", "--seed", "4").assertOk().out();
        assertEquals(a, b);
        String la = Cli.run("evaluate", "--model", straight.toString(), "--data", data.toString(), "--json", "--no-quality").out();
        String lb = Cli.run("evaluate", "--model", resumed.toString(), "--data", data.toString(), "--json", "--no-quality").out();
        assertEquals(new ObjectMapper().readTree(la).get("log_likelihood"), new ObjectMapper().readTree(lb).get("log_likelihood"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
