package io.github.dde4j.core.data;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoubleFormatTest {

    @Test
    void specialValuesAndLayouts() {
        assertEquals("0", DoubleFormat.toString(0.0, 7));
        assertEquals("0", DoubleFormat.toString(-0.0, 7));
        assertEquals("NaN", DoubleFormat.toString(Double.NaN, 7));
        assertEquals("Infinity", DoubleFormat.toString(Double.POSITIVE_INFINITY, 7));
        assertEquals("-Infinity", DoubleFormat.toString(Double.NEGATIVE_INFINITY, 7));
        assertEquals("1", DoubleFormat.toString(1.0, 7));
        assertEquals("10", DoubleFormat.toString(10.0, 7));
        assertEquals("100000000", DoubleFormat.toString(1e8, 3));
        assertEquals("0.1", DoubleFormat.toString(0.1, 15));
        assertEquals("-2.5", DoubleFormat.toString(-2.5, 7));
        assertEquals("0.00001", DoubleFormat.toString(1e-5, 7));
        assertEquals("1E-6", DoubleFormat.toString(1e-6, 7));
        assertEquals("1.5E20", DoubleFormat.toString(1.5e20, 7));
        assertEquals("1.234568E-200", DoubleFormat.toString(1.2345678e-200, 7));
        assertEquals("10", DoubleFormat.toString(9.99999999, 7)); // rounding carries into a new digit
        assertEquals("123456.8", DoubleFormat.toString(123456.789, 7));
        assertEquals("0.3333333", DoubleFormat.toString(1.0 / 3, 7));
        assertEquals("1.7976931348623157E308", DoubleFormat.toString(Double.MAX_VALUE, 0));
        assertEquals(Double.MIN_VALUE, Double.parseDouble(DoubleFormat.toString(Double.MIN_VALUE, 7)));
    }

    /**
     * Over many magnitudes and every precision: the printed decimal has at most {@code digits}
     * significant digits and lies within half a unit of its last digit of the value (plus the
     * 1e-15 relative slack of a double product). Digits 0 is the exact round trip.
     */
    @Test
    void correctlyRoundedOverMagnitudes() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 15_000; k++) {
            double v = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-300, 301) / (rng.nextInt(4) + 1));
            if (k % 7 == 0) {
                v = Math.rint(v * 1e3) / 1e3; // values with few digits, ties and integers
            }
            int digits = rng.nextInt(0, 18);
            String s = DoubleFormat.toString(v, digits);
            double back = Double.parseDouble(s);
            if (digits == 0) {
                assertEquals(v, back, 0.0, s);
                continue;
            }
            if (v == 0) {
                assertEquals(0.0, back, 0.0);
                continue;
            }
            BigDecimal exact = new BigDecimal(v);
            BigDecimal printed = new BigDecimal(s);
            assertTrue(printed.stripTrailingZeros().precision() <= digits, s + " has more than " + digits + " digits");
            BigDecimal ref = exact.round(new MathContext(digits, RoundingMode.HALF_UP));
            BigDecimal unit = BigDecimal.ONE.movePointLeft(ref.scale());
            BigDecimal err = printed.subtract(exact).abs();
            BigDecimal bound = unit.multiply(new BigDecimal("0.5"))
                    .add(exact.abs().multiply(new BigDecimal("1e-15")));
            assertTrue(err.compareTo(bound) <= 0, () -> "v=" + exact + " digits=" + digits + " printed=" + s);
        }
    }

    @Test
    void fifteenDigitDecimalsRoundTripAsWritten() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < 20_000; k++) {
            String text = BigDecimal.valueOf(rng.nextLong(1, 1_000_000_000_000_000L)).movePointLeft(rng.nextInt(0, 25))
                    .round(new MathContext(15)).stripTrailingZeros().toString();
            double v = Double.parseDouble(text);
            assertEquals(new BigDecimal(text).compareTo(new BigDecimal(DoubleFormat.toString(v, 15))), 0,
                    text + " vs " + DoubleFormat.toString(v, 15));
        }
    }
}
