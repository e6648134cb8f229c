package io.github.dde4j.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TableEncoderTest {

    private static TableEncoder fit(CsvReader.TextRecords t) {
        return TableEncoder.fit(TableSchema.detect(t, null), t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"penguins-full", "cars", "seattle-weather"})
    void decodingEncodedRowsGivesBackEveryCell(String table) throws IOException {
        CsvReader.TextRecords t = Tables.fixture(table);
        TableEncoder e = fit(t);
        UniformRandomProvider rng = RandomSources.seeded(1);
        for (double[][] encoded : List.of(e.encode(t), e.encode(t, rng))) { // plain and dequantised
            List<String[]> back = e.decode(encoded, 0);
            for (int i = 0; i < back.size(); i++) {
                for (int j = 0; j < t.header().size(); j++) {
                    ColumnSchema c = e.schema().columns().get(j);
                    String expected = c.type() == ColumnType.IDENTIFIER ? c.name() + "-" + (i + 1) : t.rows().get(i)[j];
                    assertEquals(expected, back.get(i)[j], table + " row " + (i + 1) + " column " + c.name());
                }
            }
        }
        assertEquals(e.dimension(), e.encodedNames().size());
    }

    @Test
    void encodedDimensionsAreStandardisedAndNamed() throws IOException {
        CsvReader.TextRecords t = Tables.fixture("penguins-full");
        TableEncoder e = fit(t);
        assertEquals(List.of("species=Adelie", "species=Chinstrap", "species=Gentoo", "island=Biscoe", "island=Dream",
                "island=Torgersen", "beak_length_mm", "beak_length_mm:missing", "beak_depth_mm", "beak_depth_mm:missing",
                "flipper_length_mm", "flipper_length_mm:missing", "body_mass_g", "body_mass_g:missing",
                "sex=FEMALE", "sex=MALE", "sex:missing"), e.encodedNames());
        // at the cells' values: mean 0; mean square the present share (numbers, whose missing rows
        // sit at 0) or f(1 - f) / (f(1 - f) + w^2 / 12) (0/1 dimensions, w the label noise width)
        double[][] x = e.encode(t);
        double[][] dequantised = e.encode(t, RandomSources.seeded(4));
        for (ColumnCoding c : e.codings()) {
            for (int k = 0; k < c.width(); k++) {
                int dim = c.offset() + k;
                String name = e.encodedNames().get(dim);
                double[] m = moments(x, dim);
                assertEquals(0, m[0], 1e-12, name);
                boolean value = c.kind() == ColumnCoding.Kind.ORDERED && k == 0;
                double f = c.means()[k];
                double expected = value ? 1 - c.missingShare() : f * (1 - f) / (f * (1 - f) + e.labelNoise() * e.labelNoise() / 12);
                assertEquals(expected, m[1], 1e-12, name);
                // dequantised (training) rows have unit variance, up to the noise's sampling error
                double[] d = moments(dequantised, dim);
                assertEquals(value ? expected : 1, d[1] - d[0] * d[0], 0.1, name);
            }
        }
    }

    private static double[] moments(double[][] x, int k) {
        double mean = 0;
        double sq = 0;
        for (double[] row : x) {
            mean += row[k] / x.length;
            sq += row[k] * row[k] / x.length;
        }
        return new double[] {mean, sq};
    }

    @Test
    void skewedPositiveColumnsAreLogTransformed() throws IOException {
        TableEncoder e = fit(Tables.fixture("seattle-weather"));
        assertEquals("log1p", e.codings().get(1).transform()); // precipitation: most days dry, a long tail
        assertEquals("none", e.codings().get(2).transform());  // temp_max
    }

    /**
     * A smoothed bootstrap (training rows plus Gaussian noise of 0.3 standardised units, about
     * the leave-one-out bandwidth of these tables) decodes to the training table's missing share
     * per column within 2 points, only training labels, values within the bounds, integers as
     * integers, dates as dates, and a constant column unchanged.
     */
    @ParameterizedTest
    @ValueSource(strings = {"penguins-full", "cars", "seattle-weather"})
    void noisyPointsDecodeToTheTrainingMissingShareAndValidCells(String table) throws IOException {
        CsvReader.TextRecords t = withConstantColumn(Tables.fixture(table));
        TableEncoder e = fit(t);
        double[][] x = e.encode(t, RandomSources.seeded(2));
        UniformRandomProvider rng = RandomSources.seeded(3);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = 20_000;
        double[][] noisy = new double[n][];
        for (int i = 0; i < n; i++) {
            noisy[i] = x[rng.nextInt(x.length)].clone();
            for (int k = 0; k < noisy[i].length; k++) {
                noisy[i][k] += 0.3 * g.sample();
            }
        }
        List<String[]> out = e.decode(noisy, 0);
        TableSchema s = e.schema();
        for (int col = 0; col < s.columns().size(); col++) {
            final int j = col;
            ColumnSchema c = s.columns().get(j);
            double trainMissing = share(t.rows(), j, s);
            double outMissing = share(out, j, s);
            assertEquals(trainMissing, outMissing, 0.02, c.name());
            Set<String> training = new HashSet<>();
            t.rows().forEach(r -> training.add(r[j].trim()));
            for (String[] row : out) {
                String cell = row[j];
                if (cell.isEmpty() || c.type() == ColumnType.IDENTIFIER) {
                    continue;
                }
                switch (c.type()) {
                    case CATEGORICAL, BOOLEAN -> assertTrue(training.contains(cell), c.name() + ": " + cell);
                    default -> {
                        double v = Cells.value(c, cell);
                        assertTrue(v >= Cells.value(c, c.min()) && v <= Cells.value(c, c.max()), c.name() + ": " + cell);
                        assertEquals(cell, Cells.format(c, v), c.name()); // written in the column's format
                    }
                }
            }
            if (c.name().equals("constant")) {
                assertTrue(out.stream().allMatch(r -> r[j].equals("7.25")));
            }
        }
    }

    @Test
    void unseenLabelsAndUnexpectedMissingCellsAreErrors() {
        CsvReader.TextRecords train = Tables.csv("a,b\nx,1\ny,2\nx,3\n");
        TableEncoder e = fit(train);
        assertEquals("column 'a': row 2 has 'z', a category the training rows did not have; known: x, y",
                assertThrows(IllegalArgumentException.class, () -> e.encode(Tables.csv("a,b\nx,1\nz,2\n"))).getMessage());
        assertEquals("column 'b': row 1 is missing, but the training rows had no missing value in this column",
                assertThrows(IllegalArgumentException.class, () -> e.encode(Tables.csv("a,b\nx,\n"))).getMessage());
        assertEquals("the table has no column 'b'; its columns: a",
                assertThrows(IllegalArgumentException.class, () -> e.encode(Tables.csv("a\nx\n"))).getMessage());
    }

    /** Other date and datetime formats, booleans and a constant column come back cell for cell. */
    @Test
    void otherFormatsRoundTrip() {
        StringBuilder csv = new StringBuilder("day,when,ok,flag,n\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(String.format("%02d/%02d/2021,2021-03-%02d 14:%02d:%02d,%s,on,%s%n", 1 + i % 12, 1 + i % 28, 1 + i % 28, i, 59 - i,
                    i % 3 == 0 ? "Yes" : "no", i % 4 == 0 ? "" : Integer.toString(i * i)));
        }
        CsvReader.TextRecords t = Tables.csv(csv.toString());
        TableEncoder e = fit(t);
        assertEquals(List.of(ColumnType.DATE, ColumnType.DATETIME, ColumnType.BOOLEAN, ColumnType.CATEGORICAL, ColumnType.INTEGER),
                e.schema().columns().stream().map(ColumnSchema::type).toList());
        List<String[]> back = e.decode(e.encode(t, RandomSources.seeded(6)), 0);
        for (int i = 0; i < back.size(); i++) {
            assertArrayEquals(t.rows().get(i), back.get(i), "row " + (i + 1));
        }
        assertEquals(0, e.codings().get(3).width(), "constant 'flag' takes no dimension");
    }

    @Test
    void decodingClipsToTheBoundsAndMetadataWidensThem() {
        CsvReader.TextRecords t = Tables.csv("v,w\n1.5,a\n2.5,b\n4.0,a\n");
        TableEncoder e = fit(t);
        assertEquals("4.0", e.decode(new double[][] {{50, 0, 0}}, 0).get(0)[0]);
        assertEquals("1.5", e.decode(new double[][] {{-50, 0, 0}}, 0).get(0)[0]);
        TableMetadata wide = new TableMetadata(null, java.util.Map.of("v", new TableMetadata.Column(null, null, null, null, "0", "10")));
        TableEncoder w = TableEncoder.fit(TableSchema.detect(t, wide), t);
        assertEquals("10.0", w.decode(new double[][] {{50, 0, 0}}, 0).get(0)[0]);
    }

    @Test
    void encoderRoundTripsThroughJackson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        CsvReader.TextRecords t = Tables.fixture("cars");
        TableEncoder e = fit(t);
        String text = json.writeValueAsString(e);
        TableEncoder back = json.readValue(text, TableEncoder.class);
        assertEquals(text, json.writeValueAsString(back));
        double[][] x = e.encode(t);
        double[][] y = back.encode(t);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], y[i]);
        }
        assertFalse(text.contains("chevrolet"), "identifier values must not be stored");
    }

    /**
     * An encoder written before missing thresholds and label offsets existed (cars, its missing
     * indicators 5 units wide) reads with no threshold (one half) and no label offsets (zero),
     * encodes its cells to the values it encoded them to then, decodes those back to the cells,
     * and writes neither field.
     */
    @Test
    void encodersWrittenBeforeThresholdsReadAndWorkAsBefore() throws IOException {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode fixture;
        try (java.io.InputStream in = getClass().getResourceAsStream("/table/cars-encoder-before-thresholds.json")) {
            fixture = json.readTree(in);
        }
        assertFalse(fixture.toString().contains("missingThreshold"));
        assertFalse(fixture.toString().contains("labelOffsets"));
        TableEncoder old = json.treeToValue(fixture.get("encoder"), TableEncoder.class);
        ColumnCoding cylinders = old.codings().get(2);
        assertEquals("Cylinders", cylinders.name());
        assertEquals(ColumnCoding.Kind.LEVELS, cylinders.kind());
        assertNull(cylinders.labelOffsets());
        for (int k = 0; k < cylinders.width(); k++) {
            assertEquals(0, cylinders.labelOffset(k), 0);
        }
        ColumnCoding hp = old.codings().get(4);
        assertNull(hp.missingThreshold());
        assertEquals(0.5, hp.threshold());
        assertEquals("Horsepower", hp.name());
        double p = hp.missingShare();
        assertEquals(Math.sqrt(p * (1 - p) + 0.25 / 12), hp.scales()[1], 1e-15, "the indicator's scale");
        List<String> header = json.convertValue(fixture.get("header"), new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        List<String[]> cells = json.convertValue(fixture.get("cells"), new com.fasterxml.jackson.core.type.TypeReference<List<String[]>>() { });
        double[][] encoded = json.treeToValue(fixture.get("encoded"), double[][].class);
        double[][] now = old.encode(new CsvReader.TextRecords(header, cells));
        List<String[]> back = old.decode(encoded, 0);
        for (int i = 0; i < cells.size(); i++) {
            assertArrayEquals(encoded[i], now[i], 0, "row " + (i + 1)); // same arithmetic on the stored values
            String[] expected = cells.get(i).clone();
            expected[0] = "Name-" + (i + 1);
            assertArrayEquals(expected, back.get(i), "row " + (i + 1));
        }
        assertEquals(json.readTree(json.writeValueAsString(fixture.get("encoder"))), json.readTree(json.writeValueAsString(old)),
                "written back as it was read");
    }

    /**
     * Rows whose missing indicator is a smeared tail (raw values from N(0, 0.18^2), which cross
     * one half in 0.3% of rows, as a generator's do) decode, after calibration on 20,000 of them,
     * to the training share of missing cells (5%) on 20,000 others, within 4 binomial standard
     * deviations of the two draws; the threshold is the tail's 95% quantile (quantile error sd
     * 0.003 here), inside [w/2, 1 - w/2] where dequantised training rows decode to themselves.
     */
    @Test
    void calibratedThresholdsDecodeAGeneratorsTailAtTheTrainingShare() {
        int n = 200;
        StringBuilder csv = new StringBuilder("v,w\n");
        for (int i = 0; i < n; i++) {
            csv.append(i % 20 == 0 ? "" : Integer.toString(i % 13)).append(',').append(i % 7).append('\n');
        }
        CsvReader.TextRecords t = Tables.csv(csv.toString());
        TableEncoder e = fit(t);
        ColumnCoding v = e.codings().get(0);
        assertEquals(0.05, v.missingShare(), 1e-15);
        assertEquals(0.5, v.threshold());
        UniformRandomProvider rng = RandomSources.seeded(12);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double sdRaw = 0.18;
        double[][][] draws = new double[2][20_000][];
        for (double[][] draw : draws) {
            for (int i = 0; i < draw.length; i++) {
                double raw = sdRaw * g.sample();
                draw[i] = new double[] {g.sample(), (raw - v.means()[1]) / v.scales()[1], g.sample()};
            }
        }
        assertTrue(missing(e.decode(draws[1], 0)) < 0.01, "at one half the tail is dropped");
        TableEncoder c = e.calibratedOn(draws[0]);
        double threshold = c.codings().get(0).threshold();
        // the 95% quantile of N(0, 0.18^2): 0.18 * 1.645 = 0.296
        assertEquals(0.296, threshold, 0.02);
        double tolerance = 4 * Math.sqrt(2 * 0.05 * 0.95 / 20_000);
        assertEquals(0.05, missing(c.decode(draws[1], 0)), tolerance);
        // dequantised training rows still decode to their cells: the threshold lies in [w/2, 1 - w/2]
        List<String[]> back = c.decode(c.encode(t, RandomSources.seeded(13)), 0);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(t.rows().get(i), back.get(i), "row " + (i + 1));
        }
        // a generator that never leaves the present rows gets the floor w/2
        double[][] flat = new double[1000][3];
        assertEquals(TableEncoder.LABEL_NOISE / 2, e.calibratedOn(flat).codings().get(0).threshold(), 0);
        // stored with the encoder
        ObjectMapper json = new ObjectMapper();
        try {
            assertEquals(threshold, json.readValue(json.writeValueAsString(c), TableEncoder.class).codings().get(0).threshold());
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private static double missing(List<String[]> rows) {
        return rows.stream().filter(r -> r[0].isEmpty()).count() / (double) rows.size();
    }

    private static double share(List<String[]> rows, int j, TableSchema s) {
        return rows.stream().filter(r -> s.isMissing(r[j])).count() / (double) rows.size();
    }

    private static CsvReader.TextRecords withConstantColumn(CsvReader.TextRecords t) {
        List<String> header = new java.util.ArrayList<>(t.header());
        header.add("constant");
        List<String[]> rows = new java.util.ArrayList<>();
        for (String[] r : t.rows()) {
            String[] c = java.util.Arrays.copyOf(r, r.length + 1);
            c[r.length] = "7.25";
            rows.add(c);
        }
        return new CsvReader.TextRecords(header, rows);
    }
}
