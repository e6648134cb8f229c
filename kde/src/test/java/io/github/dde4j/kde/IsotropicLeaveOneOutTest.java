package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.table.TableEncoder;
import io.github.dde4j.core.table.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The noise level chosen from a table's standardised encoding (the basis of "--sigma auto"). */
class IsotropicLeaveOneOutTest {

    static double[][] encodedTable(String name) throws IOException {
        try (InputStream in = IsotropicLeaveOneOutTest.class.getResourceAsStream("/tables/" + name + ".csv")) {
            CsvReader.TextRecords t = CsvReader.create().readText(new InputStreamReader(in, StandardCharsets.UTF_8), name);
            TableEncoder e = TableEncoder.fit(TableSchema.detect(t, null), t);
            return e.encode(t, RandomSources.seeded(5));
        }
    }

    /**
     * On the mixed-type penguins table (17 encoded dimensions) the isotropic bandwidth is a local
     * maximum of the exact leave-one-out likelihood, computed independently by the KDE, and the
     * reported likelihood is that value.
     */
    @Test
    void isAMaximumOfTheExactLeaveOneOutLikelihoodOnAnEncodedTable() throws IOException {
        double[][] x = encodedTable("penguins-full");
        Bandwidths.LeaveOneOut loo = Bandwidths.leaveOneOutIsotropic(x);
        double h = loo.factor();
        for (double hk : loo.bandwidth()) {
            assertEquals(h, hk, 0.0);
        }
        double at = BandwidthsTest.meanLoo(x, h);
        assertEquals(at, loo.meanLogLikelihood(), 1e-9 * Math.abs(at));
        assertTrue(BandwidthsTest.meanLoo(x, h * 1.05) < at && BandwidthsTest.meanLoo(x, h / 1.05) < at, "a local maximum at " + h);
        assertTrue(h > 0.1 && h < 1.5, "h " + h);
    }

    /** Unlike the per-column rule, one h serves all columns: a column spread 10 times wider gets no wider kernel. */
    @Test
    void ignoresColumnSpreads() {
        double[][] data = Fixtures.normal(11, 600, 2, 1.0);
        for (double[] r : data) {
            r[1] *= 10;
        }
        Bandwidths.LeaveOneOut iso = Bandwidths.leaveOneOutIsotropic(data);
        Bandwidths.LeaveOneOut per = Bandwidths.leaveOneOut(data, null);
        assertTrue(per.bandwidth()[1] > 5 * per.bandwidth()[0]);
        assertEquals(iso.bandwidth()[0], iso.bandwidth()[1], 0.0);
        assertTrue(BandwidthsTest.meanLoo(data, iso.factor()) >= BandwidthsTest.meanLoo(data, iso.factor() * 1.05));
    }

    /**
     * Above {@link Bandwidths#ISOTROPIC_MAX_QUERIES} rows the objective averages over a fixed-seed
     * sample of rows; on 3,000 rows (2,000 of them queried) the chosen h stays within 3% of the
     * one from every row (the objective's curvature at the maximum makes h insensitive to a
     * subsample that shares two thirds of its rows), and repeated calls agree exactly.
     */
    @Test
    void capsTheRowsTheObjectiveAveragesOver() {
        double[][] data = Fixtures.clusters(21, 3_000, 4, 3, 4.0, 1.0);
        Bandwidths.LeaveOneOut capped = Bandwidths.leaveOneOutIsotropic(data);
        Bandwidths.LeaveOneOut full = Bandwidths.leaveOneOutIsotropic(data, data.length);
        assertEquals(full.factor(), capped.factor(), 0.03 * full.factor());
        assertEquals(capped.factor(), Bandwidths.leaveOneOutIsotropic(data).factor(), 0.0);
    }
}
