package io.github.dde4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * log-sum-exp against the plain formula where that is representable (relative 1e-15: a handful of
 * roundings), and where the plain formula overflows or underflows against the shift identity
 * log sum exp(a + c) = c + log sum exp(a), exact in the shift.
 */
class LogSumExpTest {

    @Test
    void matchesThePlainFormulaWhereItIsRepresentable() {
        double[] a = {-1.5, 0.25, 2, -30, 0};
        double plain = 0;
        for (double v : a) {
            plain += Math.exp(v);
        }
        assertEquals(Math.log(plain), LogSumExp.of(a), 1e-15 * Math.abs(Math.log(plain)));
        assertEquals(Math.log(plain / a.length), LogSumExp.mean(a), 1e-15);
        assertEquals(Math.log(Math.exp(-1.5) + Math.exp(0.25)), LogSumExp.of(a, 2), 1e-15);
    }

    @Test
    void shiftsFarOutsideTheExponentialsRange() {
        double[] a = {-1.5, 0.25, 2, -30, 0};
        double base = LogSumExp.of(a);
        for (double c : new double[] {1000, -1000, 1e5}) {
            double[] shifted = a.clone();
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] += c;
            }
            assertEquals(base + c, LogSumExp.of(shifted), 1e-12 * Math.abs(base + c), "shift " + c);
        }
    }

    @Test
    void emptyAndAllMinusInfinityAreMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.of(new double[0]));
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.mean(new double[] {Double.NEGATIVE_INFINITY}));
        assertEquals(0.0, LogSumExp.of(new double[] {Double.NEGATIVE_INFINITY, 0}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LogSumExp.of(new double[2], 3));
    }
}
