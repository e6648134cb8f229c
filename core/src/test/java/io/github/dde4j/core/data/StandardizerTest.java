package io.github.dde4j.core.data;

import static io.github.dde4j.core.TestData.assertClose;
import static io.github.dde4j.core.TestData.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.TestData;
import io.github.dde4j.core.dist.MultivariateGaussian;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void standardisesToMeanZeroUnitVarianceAndInverts() {
        double[][] data = TestData.csv("/data/penguins.csv");
        double[][] copy = io.github.dde4j.core.Checks.copy(data);
        Standardizer s = Standardizer.fit(data);
        double[][] z = s.transform(data);
        assertArrayEquals(copy, data, "input untouched");
        for (int j = 0; j < 4; j++) {
            double m = 0;
            double v = 0;
            for (double[] row : z) {
                m += row[j];
            }
            m /= z.length;
            for (double[] row : z) {
                v += (row[j] - m) * (row[j] - m);
            }
            assertClose(0, m, 0, 1e-12, "mean " + j);
            assertClose(1, v / z.length, 1e-12, 0, "variance (ddof 0) " + j);
        }
        double[][] back = s.inverse(z);
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < 4; j++) {
                assertClose(data[i][j], back[i][j], 1e-13, 1e-13, "round trip");
            }
        }
        assertArrayEquals(s.transform(data[5]), z[5]);
        assertArrayEquals(s.inverse(z[5]), back[5]);
    }

    @Test
    void constantColumnsAreReportedAndOnlyCentred() {
        double[][] data = {{1, 0.1}, {2, 0.1}, {4, 0.1}};
        Standardizer s = Standardizer.fit(data);
        assertArrayEquals(new int[] {1}, s.constantColumns());
        assertEquals(1.0, s.scales()[1]);
        double[][] z = s.transform(data);
        for (double[] row : z) {
            assertEquals(0.0, row[1]);
        }
        assertArrayEquals(new double[] {5, 0.6}, s.inverse(new double[] {s.transform(new double[] {5, 0.6})[0], 0.5}), 1e-12);
    }

    @Test
    void logAbsDetJacobianConvertsDensitiesBetweenUnits() {
        // if z ~ N(0, I) then x = m + s z ~ N(m, diag(s^2)): both routes must agree exactly
        Standardizer s = new Standardizer(new double[] {1, -2}, new double[] {0.5, 3}, null);
        assertClose(-Math.log(0.5) - Math.log(3), s.logAbsDetJacobian(), 1e-15, 0, "log |det|");
        Density inX = s.toCallerUnits(MultivariateGaussian.standard(2));
        MultivariateGaussian truth = MultivariateGaussian.of(new double[] {1, -2}, new double[][] {{0.25, 0}, {0, 9}});
        double[][] xs = {{0, 0}, {1.3, 4}, {-2, -7}};
        double[] lp = inX.logDensity(xs);
        double[][] score = inX.score(xs);
        double[][] trueScore = truth.score(xs);
        for (int i = 0; i < xs.length; i++) {
            assertClose(truth.logDensity(xs[i]), lp[i], 1e-14, 1e-14, "log density");
            assertClose(truth.logDensity(xs[i]), inX.logDensity(xs[i]), 1e-14, 1e-14, "log density one point");
            for (int j = 0; j < 2; j++) {
                assertClose(trueScore[i][j], score[i][j], 1e-14, 1e-14, "score");
            }
        }
    }

    @Test
    void roundTripsThroughJackson() throws Exception {
        Standardizer s = Standardizer.fit(new double[][] {{1, 5, 2}, {2, 5, 7}, {9, 5, 1}});
        ObjectMapper om = new ObjectMapper();
        String json = om.writeValueAsString(s);
        Standardizer back = om.readValue(json, Standardizer.class);
        assertEquals(s, back);
        assertArrayEquals(new int[] {1}, back.constantColumns());
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> Standardizer.fit(new double[][] {{1, 2}, {Double.NaN, 3}}), "row 1, column 0");
        assertMessage(() -> Standardizer.fit(new double[0][]), "empty");
        // a spread whose square exceeds the largest double: refused, not an infinite scale
        assertMessage(() -> Standardizer.fit(new double[][] {{0, 1}, {0, 1e200}, {1, -1e200}}), "column 1: values from -1.0E200 to 1.0E200 overflow");
        assertMessage(() -> Standardizer.fit(new double[][] {{1e308}, {1.7e308}}), "column 0: values from 1.0E308 to 1.7E308 overflow");
        // a constant column of huge values is fine: its sum overflows, its mean does not
        Standardizer big = Standardizer.fit(new double[][] {{1.7e308, 0}, {1.7e308, 1}});
        assertEquals(1.7e308, big.means()[0]);
        assertTrue(Double.isFinite(big.scales()[1]));
        Standardizer s = Standardizer.fit(new double[][] {{1, 2}, {2, 3}});
        assertMessage(() -> s.transform(new double[][] {{1, 2, 3}}), "dimension 3, expected 2");
        assertMessage(() -> s.inverse(new double[] {Double.POSITIVE_INFINITY, 0}), "column 0");
        assertMessage(() -> new Standardizer(new double[] {0}, new double[] {0}, null), "scales[0]");
        assertMessage(() -> new Standardizer(new double[] {0}, new double[] {1}, new int[] {2}), "index 2");
    }
}
