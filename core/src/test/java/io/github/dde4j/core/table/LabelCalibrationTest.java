package io.github.dde4j.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/** {@link TableEncoder#calibratedOn}'s label offsets: training shares on a generator's rows, training cells intact. */
class LabelCalibrationTest {

    private static final int N = 20_000;

    /** 200 rows: label column c (a 60%, b 35%, c 5%), number x. */
    private static CsvReader.TextRecords threeLabels() {
        StringBuilder csv = new StringBuilder("c,x\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i < 120 ? "a" : i < 190 ? "b" : "c").append(',').append(i % 17).append('\n');
        }
        return Tables.csv(csv.toString());
    }

    private static TableEncoder fit(CsvReader.TextRecords t) {
        return TableEncoder.fit(TableSchema.detect(t, null), t);
    }

    /**
     * Rows as a smearing generator makes them: the row's label drawn at the training shares, its
     * dimension at {@code strength[label]} (0/1 units), every label dimension plus N(0, 0.2^2),
     * the other dimensions N(0, 1) in encoded units.
     */
    private static double[][] smeared(TableEncoder e, int column, double[] strength, long seed) {
        ColumnCoding c = e.codings().get(column);
        double[] shares = c.labelShares();
        UniformRandomProvider rng = RandomSources.seeded(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] rows = new double[N][e.dimension()];
        for (double[] row : rows) {
            for (int d = 0; d < row.length; d++) {
                row[d] = g.sample();
            }
            double u = rng.nextDouble();
            int label = 0;
            while (label < shares.length - 1 && u >= shares[label]) {
                u -= shares[label];
                label++;
            }
            for (int k = 0; k < c.width(); k++) {
                double raw = (k == label ? strength[label] : 0) + 0.2 * g.sample();
                row[c.offset() + k] = (raw - c.means()[k]) / c.scales()[k];
            }
        }
        return rows;
    }

    private static double[] shares(TableEncoder e, int column, double[][] rows) {
        ColumnCoding c = e.codings().get(column);
        double[] out = new double[c.width()];
        for (String[] r : e.decode(rows, 0)) {
            int k = c.levels().indexOf(r[column]);
            out[k < 0 ? c.width() - 1 : k] += 1.0 / rows.length;
        }
        return out;
    }

    /** Every dequantised training row (a few draws of the noise) decodes to its own cells. */
    private static void assertTrainingCellsDecodeToThemselves(TableEncoder e, CsvReader.TextRecords t) {
        for (long seed = 1; seed <= 5; seed++) {
            List<String[]> back = e.decode(e.encode(t, RandomSources.seeded(seed)), 0);
            for (int i = 0; i < back.size(); i++) {
                assertArrayEquals(t.rows().get(i), back.get(i), "seed " + seed + ", row " + (i + 1));
            }
        }
    }

    /**
     * Label c (5% of the training rows) generated weakly (its dimension at 0.1 where a and b sit
     * at 0.9) wins the largest-label rule in about 2% of the rows; with the offsets set on 20,000
     * such rows, 20,000 others decode to each training share within 4 binomial standard
     * deviations of the two draws plus the search's tolerance.
     */
    @Test
    void offsetsGiveAnUnderCoveredLabelItsTrainingShare() {
        CsvReader.TextRecords t = threeLabels();
        TableEncoder e = fit(t);
        double[] strength = {0.9, 0.9, 0.1};
        double[][] calibration = smeared(e, 0, strength, 1);
        double[][] other = smeared(e, 0, strength, 2);
        double[] target = e.codings().get(0).labelShares();
        assertArrayEquals(new double[] {0.6, 0.35, 0.05}, target, 1e-15);
        assertTrue(shares(e, 0, other)[2] < 0.03, "uncalibrated, c is under-covered: " + shares(e, 0, other)[2]);

        TableEncoder c = e.calibratedOn(calibration);
        double[] offsets = c.codings().get(0).labelOffsets();
        assertEquals(0, Arrays.stream(offsets).min().orElseThrow(), 0, "the smallest offset is 0");
        assertTrue(offsets[2] > offsets[0] && offsets[2] > offsets[1], "c is favoured: " + Arrays.toString(offsets));
        double[] onCalibration = shares(c, 0, calibration);
        double[] onOther = shares(c, 0, other);
        for (int k = 0; k < 3; k++) {
            assertEquals(target[k], onCalibration[k], DecodingCalibration.SHARE_TOLERANCE + 1e-9, "label " + k);
            double tolerance = 4 * Math.sqrt(2 * target[k] * (1 - target[k]) / N) + DecodingCalibration.SHARE_TOLERANCE;
            assertEquals(target[k], onOther[k], tolerance, "label " + k);
        }
        assertTrainingCellsDecodeToThemselves(c, t);
        assertNull(c.codings().get(1).labelOffsets(), "a number column has no label offsets");
    }

    /**
     * {@link ColumnCoding#decodedLabelShares} counts what decoding the whole rows writes into the
     * column, with and without offsets: the same rows and the same rule, so the same shares up to
     * the rounding of their sums.
     */
    @Test
    void decodedLabelSharesAreWhatDecodingWrites() {
        TableEncoder e = fit(threeLabels());
        double[][] rows = smeared(e, 0, new double[] {0.9, 0.9, 0.1}, 3);
        for (TableEncoder enc : List.of(e, e.calibratedOn(rows))) {
            assertArrayEquals(shares(enc, 0, rows), enc.codings().get(0).decodedLabelShares(rows), 1e-12);
        }
        assertThrows(IllegalStateException.class, () -> e.codings().get(1).decodedLabelShares(rows));
    }

    /**
     * The invariant at its edge: offsets spanning just under 1 - w against a cell's own label,
     * and that cell's noise at its extremes (own label at 1 - w/2, the favoured one at w/2),
     * still decode to the cell's label; a span of 1 - w is refused with the reason.
     */
    @Test
    void offsetsWithinTheBoundKeepEveryTrainingCell() {
        CsvReader.TextRecords t = threeLabels();
        TableEncoder e = fit(t);
        double w = e.labelNoise();
        double span = 1 - w - DecodingCalibration.SPAN_MARGIN;
        ColumnCoding c = e.codings().get(0);
        List<ColumnCoding> codings = new ArrayList<>(e.codings());
        codings.set(0, c.withLabelOffsets(new double[] {0, 0, span}));
        TableEncoder edge = new TableEncoder(e.schema(), codings, w);
        assertTrainingCellsDecodeToThemselves(edge, t);
        double[] row = new double[e.dimension()];
        double[] raw = {1 - w / 2, w / 2 - 1e-12, w / 2 - 1e-12}; // label a, c as high as its noise goes
        for (int k = 0; k < 3; k++) {
            row[c.offset() + k] = (raw[k] - c.means()[k]) / c.scales()[k];
        }
        assertEquals("a", edge.decode(new double[][] {row}, 0).get(0)[0]);

        codings.set(0, c.withLabelOffsets(new double[] {0, 0.2, 1 - w}));
        IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class,
                () -> new TableEncoder(e.schema(), codings, w));
        assertTrue(tooWide.getMessage().startsWith("column 'c': label offsets span 0.5"), tooWide.getMessage());
        assertTrue(tooWide.getMessage().contains("training cells would decode to other labels"), tooWide.getMessage());
    }

    /**
     * A label the generator never produces (its dimension at -5 in every row) gets the
     * largest offset the bound allows and stays rare; rows all alike (a generator collapsed to a
     * point) give offsets within the bound too. Training cells decode to themselves in both.
     */
    @Test
    void aLabelOutOfReachStopsAtTheBound() {
        CsvReader.TextRecords t = threeLabels();
        TableEncoder e = fit(t);
        double[][] rows = smeared(e, 0, new double[] {0.9, 0.9, 0}, 3);
        ColumnCoding labels = e.codings().get(0);
        for (double[] row : rows) {
            row[labels.offset() + 2] = (-5 - labels.means()[2]) / labels.scales()[2];
        }
        TableEncoder c = e.calibratedOn(rows);
        double[] offsets = c.codings().get(0).labelOffsets();
        double span = Arrays.stream(offsets).max().orElseThrow() - Arrays.stream(offsets).min().orElseThrow();
        assertEquals(1 - e.labelNoise() - DecodingCalibration.SPAN_MARGIN, span, 1e-12);
        assertEquals(span, offsets[2], 1e-12);
        assertEquals(0, shares(c, 0, rows)[2], 1e-12);
        assertTrainingCellsDecodeToThemselves(c, t);

        TableEncoder flat = e.calibratedOn(new double[1000][e.dimension()]);
        double[] o = flat.codings().get(0).labelOffsets();
        assertTrue(Arrays.stream(o).max().orElseThrow() - Arrays.stream(o).min().orElseThrow() < 1 - e.labelNoise(),
                Arrays.toString(o));
        assertTrainingCellsDecodeToThemselves(flat, t);
    }

    /**
     * A boolean column (2 labels, "no" in 10% of the rows), a label column with one label and
     * missing cells (5%), and a constant column: both label columns come out at their training
     * shares; the constant column takes no dimension and no offset.
     */
    @Test
    void twoLabelAndConstantColumns() {
        StringBuilder csv = new StringBuilder("flag,m,unit\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i % 10 == 0 ? "no" : "yes").append(',').append(i % 20 == 3 ? "" : "u").append(",kg\n");
        }
        CsvReader.TextRecords t = Tables.csv(csv.toString());
        TableEncoder e = fit(t);
        assertEquals(List.of(ColumnCoding.Kind.LEVELS, ColumnCoding.Kind.LEVELS, ColumnCoding.Kind.CONSTANT),
                e.codings().stream().map(ColumnCoding::kind).toList());
        assertEquals(2, e.codings().get(0).width());
        assertEquals(2, e.codings().get(1).width(), "u and missing");
        double[][] calibration = smeared(e, 0, new double[] {0.9, 0.2}, 4);
        double[][] other = smeared(e, 0, new double[] {0.9, 0.2}, 5);
        // column m: the missing label at a weak 0.15 in both draws
        double[][][] draws = {calibration, other};
        long seed = 6;
        for (double[][] draw : draws) {
            double[][] m = smeared(e, 1, new double[] {0.9, 0.15}, seed++);
            ColumnCoding mc = e.codings().get(1);
            for (int i = 0; i < N; i++) {
                System.arraycopy(m[i], mc.offset(), draw[i], mc.offset(), mc.width());
            }
        }
        TableEncoder c = e.calibratedOn(calibration);
        for (int j = 0; j < 2; j++) {
            double[] target = e.codings().get(j).labelShares();
            double[] got = shares(c, j, other);
            for (int k = 0; k < target.length; k++) {
                double tolerance = 4 * Math.sqrt(2 * target[k] * (1 - target[k]) / N) + DecodingCalibration.SHARE_TOLERANCE;
                assertEquals(target[k], got[k], tolerance, "column " + j + ", label " + k);
            }
        }
        assertNull(c.codings().get(2).labelOffsets());
        assertTrue(c.decode(other, 0).stream().allMatch(r -> r[2].equals("kg")));
        assertTrainingCellsDecodeToThemselves(c, t);
    }

    /** Offsets are stored with the encoder (Jackson) and decode the same after reading back. */
    @Test
    void offsetsRoundTripThroughJackson() throws IOException {
        TableEncoder e = fit(threeLabels());
        double[][] rows = smeared(e, 0, new double[] {0.9, 0.9, 0.1}, 7);
        TableEncoder c = e.calibratedOn(rows);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(c);
        assertTrue(text.contains("\"labelOffsets\""), text);
        assertTrue(!json.writeValueAsString(e).contains("labelOffsets"), "none written before calibration");
        TableEncoder back = json.readValue(text, TableEncoder.class);
        assertArrayEquals(c.codings().get(0).labelOffsets(), back.codings().get(0).labelOffsets(), 0);
        List<String[]> a = c.decode(rows, 0);
        List<String[]> b = back.decode(rows, 0);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "row " + (i + 1));
        }
    }

    @Test
    void badGeneratedRowsAreOneClearMessage() {
        TableEncoder e = fit(threeLabels());
        assertEquals("calibrating the decoding needs at least 100 generated rows, got 99",
                assertThrows(IllegalArgumentException.class, () -> e.calibratedOn(new double[99][e.dimension()])).getMessage());
        double[][] rows = new double[100][e.dimension()];
        rows[2] = new double[2];
        assertEquals("generated row 3 has 2 values, the encoding " + e.dimension(),
                assertThrows(IllegalArgumentException.class, () -> e.calibratedOn(rows)).getMessage());
        ColumnCoding c = e.codings().get(0);
        assertEquals("column 'c': 2 label offsets for 3 label dimensions",
                assertThrows(IllegalArgumentException.class, () -> c.withLabelOffsets(new double[2])).getMessage());
        assertEquals("column 'x': label offsets, but the column is ORDERED, not labels",
                assertThrows(IllegalArgumentException.class,
                        () -> e.codings().get(1).withLabelOffsets(new double[1])).getMessage());
    }
}
