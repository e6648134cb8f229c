package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.table.TableEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fit, sample and evaluate on typed tables (text categories, integers, identifiers, dates, empty
 * cells, constant columns), with small training budgets: the table path and its errors. The
 * quality bounds on real tables are {@link TablesLongTest}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableCommandsTest {

    @TempDir
    static Path dir;

    private Path cars;
    private Path tiny;
    private Path carsModel;
    private Cli.Result carsFit;

    @BeforeAll
    void fitCars() {
        cars = Cli.fixture("/tables/cars.csv", dir);
        tiny = Cli.fixture("/cli/tiny.yaml", dir);
        carsModel = dir.resolve("cars.zip");
        carsFit = Cli.run("fit", "--data", cars.toString(), "--out", carsModel.toString(), "--config", tiny.toString(),
                "--generator", "--seed", "2").assertOk();
    }

    /** One line per column; sigma auto printed and stored; the scores against fit's held-out rows. */
    @Test
    void fitPrintsTheColumnsTheNoiseLevelAndTheScores() throws IOException {
        String out = carsFit.out();
        assertTrue(out.matches("(?s).*\\n  Name +identifier .*not modelled.*"), out);
        assertTrue(out.matches("(?s).*\\n  Cylinders +categorical +5 labels .*one-hot, 5 dims.*"), out);
        assertTrue(out.matches("(?s).*\\n  Horsepower +numerical +1 decimal +1\\.5% +log1p, standardised \\+ missing indicator.*"), out);
        assertTrue(out.matches("(?s).*\\n  Weight_in_lbs +integer .*"), out);
        assertTrue(out.contains("noise level: sigma ") && out.contains("(auto: leave-one-out bandwidth"), out);
        assertTrue(out.contains("DCR overfitting protection") && out.contains("against the 41 held-out rows"), out);
        ModelFile.Contents c = ModelFile.read(carsModel);
        TableEncoder e = c.encoder();
        assertNotNull(e, "the model file holds the encoder");
        assertEquals(e.encodedNames(), c.columns());
        assertEquals("auto", c.info().get("sigma_rule"));
        assertEquals(c.dde().sigma(), ((Number) c.info().get("sigma")).doubleValue(), 0.0);
        assertTrue(c.dde().sigma() > 0.2 && c.dde().sigma() < 1, "sigma in encoded units " + c.dde().sigma());
        assertTrue(c.info().containsKey("quality"));
        // with a generator, the missing indicators' thresholds are calibrated on its rows and stored
        assertTrue(out.matches("(?s).*\\n  Horsepower: decoded as missing above 0\\.\\d+ \\(0/1 units\\), the training share 1\\.5%.*"), out);
        io.github.dde4j.core.table.ColumnCoding hp = e.codings().get(e.schema().names().indexOf("Horsepower"));
        assertNotNull(hp.missingThreshold());
        assertTrue(hp.threshold() >= e.labelNoise() / 2 && hp.threshold() <= 1 - e.labelNoise() / 2, "threshold " + hp.threshold());
        // and the label columns' offsets, within the span that keeps training cells decoding to themselves
        for (io.github.dde4j.core.table.ColumnCoding k : e.codings()) {
            if (k.kind() != io.github.dde4j.core.table.ColumnCoding.Kind.LEVELS) {
                assertEquals(null, k.labelOffsets(), k.name());
                continue;
            }
            double[] o = k.labelOffsets();
            assertNotNull(o, k.name());
            double min = java.util.Arrays.stream(o).min().orElseThrow();
            double max = java.util.Arrays.stream(o).max().orElseThrow();
            assertEquals(0, min, 0, k.name());
            assertTrue(max < 1 - e.labelNoise(), k.name() + " offsets " + java.util.Arrays.toString(o));
            boolean printed = java.util.Arrays.stream(o).anyMatch(v -> Math.round(1000 * v) != 0);
            assertEquals(printed, out.matches("(?s).*\\n  " + k.name() + ": labels decoded with offsets [^\\n]*\\+0\\.\\d{3}"
                    + "[^\\n]*\\(0/1 units\\): (the training shares of 20000 generated rows|the offsets' bound kept .*%).*"), out);
        }
        assertTrue(out.contains("Cylinders: labels decoded with offsets"), out);
    }

    /**
     * Without a generator nothing calibrates the decoding: fit says so in one line, and the model
     * holds no thresholds or offsets (Langevin rows decode at one half and by the largest label).
     */
    @Test
    void aFitWithoutGeneratorSaysItsLabelsAreNotCalibrated() throws IOException {
        assertTrue(!carsFit.out().contains("note: without a generator"), carsFit.out());
        Path model = dir.resolve("cars-dde.zip");
        String out = Cli.run("fit", "--data", cars.toString(), "--out", model.toString(), "--steps", "80", "--seed", "2")
                .assertOk().out();
        assertTrue(out.contains("note: without a generator 'dde4j sample' decodes Langevin rows by the largest label"),
                out);
        for (io.github.dde4j.core.table.ColumnCoding k : ModelFile.read(model).encoder().codings()) {
            assertEquals(null, k.labelOffsets(), k.name());
            assertEquals(null, k.missingThreshold(), k.name());
        }
    }

    /**
     * A model file without label offsets (as written before they existed) still samples, decoding
     * by the largest label; the offsets change only the label columns' cells.
     */
    @Test
    void modelFilesWithoutLabelOffsetsStillSample() throws IOException {
        ModelFile.Contents c = ModelFile.read(carsModel);
        TableEncoder e = c.encoder();
        TableEncoder plain = new TableEncoder(e.schema(), e.codings().stream()
                .map(k -> k.labelOffsets() == null ? k : k.withLabelOffsets(null)).toList(), e.labelNoise());
        assertTrue(!Json.MAPPER.writeValueAsString(plain).contains("labelOffsets"));
        Path old = dir.resolve("cars-no-offsets.zip");
        ModelFile.write(old, ModelFile.Contents.ofTable(c.dde(), c.generator(), c.info(), plain));
        assertTrue(ModelFile.read(old).encoder().codings().stream().allMatch(k -> k.labelOffsets() == null));
        String[] args = {"--rows", "2000", "--seed", "8", "--out", "-"};
        CsvReader.TextRecords before = CsvReader.create().readText(new StringReader(Cli.run(concat("sample", "--model",
                old.toString(), args)).assertOk().out()), "before");
        CsvReader.TextRecords now = CsvReader.create().readText(new StringReader(Cli.run(concat("sample", "--model",
                carsModel.toString(), args)).assertOk().out()), "now");
        java.util.List<String> labels = java.util.List.of("Cylinders", "Origin");
        int changed = 0;
        for (int i = 0; i < now.rows().size(); i++) {
            for (int j = 0; j < now.header().size(); j++) {
                boolean same = before.rows().get(i)[j].equals(now.rows().get(i)[j]);
                if (!labels.contains(now.header().get(j))) {
                    assertTrue(same, "row " + (i + 1) + ", column " + now.header().get(j));
                } else if (!same) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0, "the offsets change some label cells");
    }

    private static String[] concat(String command, String option, String value, String[] rest) {
        String[] out = new String[rest.length + 3];
        out[0] = command;
        out[1] = option;
        out[2] = value;
        System.arraycopy(rest, 0, out, 3, rest.length);
        return out;
    }

    /** The input's header, order and formats; labels from training; fresh identifiers across chunks. */
    @Test
    void sampleKeepsTheSchema() throws IOException {
        Path s = dir.resolve("cars-sample.csv");
        Cli.run("sample", "--model", carsModel.toString(), "--rows", "700", "--batch", "256", "--out", s.toString(),
                "--seed", "4").assertOk();
        CsvReader.TextRecords training = CsvReader.create().readText(cars);
        CsvReader.TextRecords sampled = CsvReader.create().readText(s);
        assertEquals(700, sampled.rows().size());
        // a rough model (80 DDE steps): only the schema is asserted, missing shares loosely
        TableChecks.assertSchemaKept(training, sampled, ModelFile.read(carsModel).encoder().schema(), 0.2);
        assertEquals("Name-1", sampled.rows().get(0)[0]);
        assertEquals("Name-700", sampled.rows().get(699)[0], "identifiers continue across batches");
        Cli.Result again = Cli.run("sample", "--model", carsModel.toString(), "--rows", "700", "--batch", "256",
                "--out", "-", "--seed", "4").assertOk();
        assertEquals(Files.readString(s), again.out(), "same seed, same rows");
    }

    @Test
    void evaluateEncodesTheRowsAndSaysSo() throws IOException {
        Cli.Result r = Cli.run("evaluate", "--model", carsModel.toString(), "--data", cars.toString(), "--json",
                "--generated-rows", "200").assertOk();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("encoded", j.get("log_likelihood_units").asText());
        assertTrue(Double.isFinite(j.get("log_likelihood").asDouble()));
        Cli.Result human = Cli.run("evaluate", "--model", carsModel.toString(), "--data", cars.toString(), "--no-quality")
                .assertOk();
        assertTrue(human.out().contains("nats per row of the encoded rows"), human.out());
    }

    /** A category the model never saw, a missing cell where training had none, another constant: one line each. */
    @Test
    void evaluateRejectsCellsTheModelCannotEncode() {
        StringBuilder t = new StringBuilder("unit,kind,x\n");
        for (int i = 0; i < 40; i++) {
            t.append("kg,").append(i % 3 == 0 ? "a" : "b").append(',').append(i % 7).append(".5\n");
        }
        Path data = Cli.write(dir, "constant.csv", t.toString());
        Path model = dir.resolve("constant.zip");
        Cli.run("fit", "--data", data.toString(), "--out", model.toString(), "--config", tiny.toString()).assertOk();
        Cli.Result s = Cli.run("sample", "--model", model.toString(), "--rows", "50", "--out", "-",
                "--langevin-steps", "20").assertOk();
        for (String line : s.out().strip().split("\n")) {
            assertTrue(line.equals("unit,kind,x") || line.startsWith("kg,a,") || line.startsWith("kg,b,"), line);
        }
        Cli.run("evaluate", "--model", model.toString(), "--data",
                Cli.write(dir, "e1.csv", "unit,kind,x\nkg,a,1.5\nkg,c,2.5\n").toString())
                .assertOneLineError(1, "e1.csv", "column 'kind'", "row 2", "'c'");
        Cli.run("evaluate", "--model", model.toString(), "--data",
                Cli.write(dir, "e2.csv", "unit,kind,x\nkg,a,\n").toString())
                .assertOneLineError(1, "e2.csv", "column 'x'", "row 1");
        Cli.run("evaluate", "--model", model.toString(), "--data",
                Cli.write(dir, "e3.csv", "unit,kind,x\ng,a,1.5\n").toString())
                .assertOneLineError(1, "e3.csv", "column 'unit'", "'g'");
    }

    /** Bad tables and metadata: one line naming the column, exit 1, no model written. */
    @Test
    void badTablesAndMetadataAreOneLine() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("bad"));
        Path model = sub.resolve("m.zip");
        Path empty = Cli.write(dir, "empty-col.csv", "a,b\n1,\n2,\n3,\n");
        Cli.run("fit", "--data", empty.toString(), "--out", model.toString())
                .assertOneLineError(1, "column 'b'", "every cell is empty");
        Path meta = Cli.write(dir, "unknown.yaml", "columns:\n  Colour: {type: categorical}\n");
        Cli.run("fit", "--data", cars.toString(), "--out", model.toString(), "--metadata", meta.toString())
                .assertOneLineError(1, "'Colour'");
        Path money = Cli.write(dir, "money.json", "{\"columns\": {\"Horsepower\": {\"type\": \"money\"}}}");
        Cli.run("fit", "--data", cars.toString(), "--out", model.toString(), "--metadata", money.toString())
                .assertOneLineError(1, "money.json", "'money'");
        Path wrong = Cli.write(dir, "wrong.yaml", "columns:\n  Acceleration: {type: integer}\n");
        Cli.run("fit", "--data", cars.toString(), "--out", model.toString(), "--metadata", wrong.toString())
                .assertOneLineError(1, "column 'Acceleration'", "type integer");
        Cli.run("fit", "--data", cars.toString(), "--out", model.toString(), "--sigma", "wide")
                .assertOneLineError(1, "--sigma", "'wide'");
        Cli.run("fit", "--data", cars.toString(), "--out", model.toString(), "--metadata", sub.resolve("nope.yaml").toString())
                .assertOneLineError(1, "nope.yaml");
        assertEquals(0, Cli.fileCount(sub), "no model, no temporary file");
    }

    /** --metadata makes even an all-numeric file a typed table; a given --sigma is used as it is. */
    @Test
    void metadataAndAGivenSigma() throws IOException {
        StringBuilder t = new StringBuilder("count,size\n");
        for (int i = 0; i < 60; i++) {
            t.append(i % 9).append(',').append(10 + i * 0.37).append('\n');
        }
        Path data = Cli.write(dir, "counts.csv", t.toString());
        Path meta = Cli.write(dir, "counts.yaml", "columns:\n  count: {type: integer, max: 20}\n  size: {decimals: 1}\n");
        Path model = dir.resolve("counts.zip");
        Cli.Result r = Cli.run("fit", "--data", data.toString(), "--out", model.toString(), "--config", tiny.toString(),
                "--metadata", meta.toString(), "--sigma", "0.3").assertOk();
        assertTrue(r.out().contains("noise level: sigma 0.3000 (given, encoded units)"), r.out());
        assertEquals(0.3, ModelFile.read(model).dde().sigma(), 0.0);
        Cli.Result s = Cli.run("sample", "--model", model.toString(), "--rows", "30", "--out", "-", "--langevin-steps", "20")
                .assertOk();
        CsvReader.TextRecords rows = CsvReader.create().readText(new StringReader(s.out()), "sample");
        for (String[] row : rows.rows()) {
            assertTrue(row[0].matches("\\d+") && Integer.parseInt(row[0]) <= 20, row[0]);
            assertTrue(row[1].matches("\\d+\\.\\d"), row[1]);
        }
    }
}
