package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input fails at the boundary with an IllegalArgumentException naming value and place. */
class ValidationTest {

    static final double[][] DATA = {{0, 0}, {1, 2}, {3, 1}, {2, 2}};

    static void fails(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), () -> "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void badData() {
        fails(() -> GaussianKde.of(new double[0][], 1.0), "data", "empty");
        fails(() -> GaussianKde.of(null, 1.0), "data");
        fails(() -> GaussianKde.of(new double[][] {{0, 1}, {1, Double.NaN}}, 1.0), "row 1", "column 1", "NaN");
        fails(() -> GaussianKde.of(new double[][] {{0, 1}, {Double.POSITIVE_INFINITY, 0}}, 1.0), "row 1", "column 0", "Infinity");
        fails(() -> GaussianKde.of(new double[][] {{0, 1}, {1}}, 1.0), "row 1", "dimension 1", "expected 2");
    }

    @Test
    void badBandwidths() {
        fails(() -> GaussianKde.of(DATA, 0.0), "bandwidth", "0.0");
        fails(() -> GaussianKde.of(DATA, -1), "bandwidth", "-1");
        fails(() -> GaussianKde.of(DATA, Double.NaN), "bandwidth", "NaN");
        fails(() -> GaussianKde.of(DATA, Double.POSITIVE_INFINITY), "bandwidth", "Infinity");
        fails(() -> GaussianKde.builder(DATA).bandwidth(new double[] {1, 0}).build(), "column 1", "0.0");
        fails(() -> GaussianKde.builder(DATA).bandwidth(new double[] {1}).build(), "length 1", "expected 2");
        fails(() -> GaussianKde.builder(DATA).bandwidthMatrix(new double[][] {{1, 0.5}, {0.4, 1}}).build(), "symmetric");
        fails(() -> GaussianKde.builder(DATA).bandwidthMatrix(new double[][] {{1, 2}, {2, 1}}).build(), "positive definite");
        fails(() -> GaussianKde.builder(DATA).bandwidthMatrix(new double[][] {{1, 0}, {0, Double.NaN}}).build(), "row 1", "column 1", "NaN");
        fails(() -> GaussianKde.builder(DATA).bandwidthMatrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}).build(), "3 rows", "expected 2");
        fails(() -> GaussianKde.of(new double[][] {{1, 2}, {1, 3}}, BandwidthRule.SCOTT), "column 0", "constant");
        fails(() -> GaussianKde.of(new double[][] {{1, 2}}, BandwidthRule.SCOTT), "2 rows");
        // 6 rows of 5.0: the weighted mean is 4.999999999999999, a variance of rounding noise
        double[][] fives = {{5, 1}, {5, 2}, {5, 3}, {5, 4}, {5, 5}, {5, 6}};
        fails(() -> GaussianKde.of(fives, BandwidthRule.SCOTT), "column 0", "constant");
        fails(() -> GaussianKde.of(new double[][] {{1e300, 1}, {-1e300, 2}}, BandwidthRule.SCOTT), "column 0", "overflows");
        fails(() -> GaussianKde.builder(DATA).rule(BandwidthRule.SCOTT, 0).build(), "factor");
        fails(() -> new KdeConfig(BandwidthRule.FIXED, -2), "bandwidth", "-2");
    }

    @Test
    void badWeights() {
        fails(() -> GaussianKde.builder(DATA).weights(new double[] {1, 1, -1, 1}).bandwidth(1).build(), "weights", "row 2", "-1");
        fails(() -> GaussianKde.builder(DATA).weights(new double[] {1, Double.NaN, 1, 1}).bandwidth(1).build(), "row 1", "NaN");
        fails(() -> GaussianKde.builder(DATA).weights(new double[] {0, 0, 0, 0}).bandwidth(1).build(), "weights", "sum");
        fails(() -> GaussianKde.builder(DATA).weights(new double[] {1, 1}).bandwidth(1).build(), "length 2", "expected 4");
    }

    @Test
    void badQueries() {
        GaussianKde kde = GaussianKde.of(DATA, 0.5);
        fails(() -> kde.logDensity(new double[] {1, Double.NaN}), "column 1", "NaN");
        fails(() -> kde.logDensity(new double[] {1}), "dimension 1", "expected 2");
        fails(() -> kde.logDensity(new double[][] {{1, 1}, {2, Double.NEGATIVE_INFINITY}}), "row 1", "column 1", "Infinity");
        fails(() -> kde.logDensity(new double[][] {{1, 1, 1}}), "row 0", "dimension 3");
        fails(() -> kde.score(new double[][] {{1, 1}, {Double.NaN, 1}}), "row 1", "column 0");
        fails(() -> kde.logDensity(new double[0][]), "empty");
        fails(() -> kde.sample(-1, RandomSources.seeded(1)), "-1");
    }
}
