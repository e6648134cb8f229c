package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BandwidthsTest {

    @Test
    void scottAndSilvermanUseThePerDimensionStandardDeviation() {
        double[][] data = {{1, 10}, {2, 30}, {4, 20}, {7, 60}, {6, 40}};
        int n = 5;
        int d = 2;
        // unbiased sd by hand
        double[] sd = new double[d];
        for (int k = 0; k < d; k++) {
            double mean = 0;
            for (double[] r : data) {
                mean += r[k] / n;
            }
            double ss = 0;
            for (double[] r : data) {
                ss += (r[k] - mean) * (r[k] - mean);
            }
            sd[k] = Math.sqrt(ss / (n - 1));
        }
        double scott = Math.pow(n, -1.0 / (d + 4));
        double silverman = Math.pow(n * (d + 2) / 4.0, -1.0 / (d + 4));
        double[] hs = Bandwidths.scott(data, null);
        double[] hv = Bandwidths.silverman(data, null);
        double[][] hc = Bandwidths.scottCovariance(data, null);
        for (int k = 0; k < d; k++) {
            assertEquals(scott * sd[k], hs[k], 1e-12 * hs[k]);
            assertEquals(silverman * sd[k], hv[k], 1e-12 * hv[k]);
            assertEquals(scott * scott * sd[k] * sd[k], hc[k][k], 1e-12 * hc[k][k]);
        }
        // the rule's kernel is what the KDE uses
        GaussianKde kde = GaussianKde.of(data, BandwidthRule.SILVERMAN);
        assertEquals(hv[1] * hv[1], kde.bandwidthMatrix()[1][1], 1e-12 * hv[1] * hv[1]);
        assertEquals(0.0, kde.bandwidthMatrix()[0][1], 0.0);
        GaussianKde scaled = GaussianKde.builder(data).rule(BandwidthRule.SCOTT, 0.5).build();
        assertEquals(0.25 * hs[0] * hs[0], scaled.bandwidthMatrix()[0][0], 1e-12);
    }

    /**
     * For N(0, 1) data the likelihood cross-validated bandwidth is consistent with the optimal
     * one, about 1.06 n^(-1/5) (Silverman's normal reference); at n = 1500 LOO-CV's own spread is
     * ~15%, so [0.7, 1.4] times the reference is a safe but meaningful window. Also, the result
     * must be a maximum of the (independently computed) LOO likelihood.
     */
    @Test
    void leaveOneOutPicksASensibleBandwidthOnAKnownDistribution() {
        int n = 1500;
        double[][] data = Fixtures.normal(314, n, 1, 2.0);
        Bandwidths.LeaveOneOut loo = Bandwidths.leaveOneOut(data, null);
        double sd = Math.sqrt(Bandwidths.covariance(data, null)[0][0]);
        double reference = 1.06 * sd * Math.pow(n, -0.2);
        double h = loo.bandwidth()[0];
        assertTrue(h > 0.7 * reference && h < 1.4 * reference, "LOO h " + h + " vs normal reference " + reference);
        double at = meanLoo(data, h);
        assertEquals(at, loo.meanLogLikelihood(), 1e-9 * Math.abs(at));
        assertTrue(meanLoo(data, h * 1.05) < at && meanLoo(data, h / 1.05) < at, "a local maximum");
        // and the rule builds the same kernel
        GaussianKde kde = GaussianKde.of(data, BandwidthRule.LEAVE_ONE_OUT);
        assertEquals(h * h, kde.bandwidthMatrix()[0][0], 1e-12 * h * h);
    }

    @Test
    void leaveOneOutTwoDimensionalBimodal() {
        // two well separated clusters: the CV bandwidth adapts to the cluster width, far below Scott's
        double[][] data = Fixtures.clusters(9, 800, 2, 2, 20.0, 0.3);
        Bandwidths.LeaveOneOut loo = Bandwidths.leaveOneOut(data, null);
        double[] scott = Bandwidths.scott(data, null);
        assertTrue(loo.bandwidth()[0] < 0.5 * scott[0], "LOO " + loo.bandwidth()[0] + " vs Scott " + scott[0]);
        assertTrue(loo.bandwidth()[0] > 0.03, "not degenerate: " + loo.bandwidth()[0]);
    }

    static double meanLoo(double[][] data, double h) {
        double[] loo = GaussianKde.of(data, h).leaveOneOutLogDensity();
        double s = 0;
        for (double v : loo) {
            s += v / loo.length;
        }
        return s;
    }

    @Test
    void leaveOneOutRejectsAllDuplicateData() {
        double[][] data = new double[40][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {i / 2, (i / 2) % 3};
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bandwidths.leaveOneOut(data, null));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void configRoundTripsThroughJackson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (KdeConfig c : new KdeConfig[] {KdeConfig.fixed(0.1), KdeConfig.of(BandwidthRule.LEAVE_ONE_OUT),
                new KdeConfig(BandwidthRule.SILVERMAN_COVARIANCE, 0.8)}) {
            String json = mapper.writeValueAsString(c);
            assertEquals(c, mapper.readValue(json, KdeConfig.class), json);
        }
        assertThrows(Exception.class, () -> mapper.readValue("{\"rule\":\"SCOTT\",\"bandwidth\":-1}", KdeConfig.class));
        double[][] data = Fixtures.normal(1, 50, 2, 1.0);
        assertEquals(0.01, KdeConfig.fixed(0.1).fit(data, null).bandwidthMatrix()[1][1], 1e-15);
    }
}
