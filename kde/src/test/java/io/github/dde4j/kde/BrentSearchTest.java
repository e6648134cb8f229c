package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Brent's maximiser: on unimodal functions its point lies within 2 tol of the true maximum (its
 * stopping rule), tol = relative |x| + absolute; parabolas are found in a few evaluations; a kink
 * (no parabola fits) still converges through golden-section steps; a maximum at an end of the
 * interval is approached to within the tolerance.
 */
class BrentSearchTest {

    private static final double REL = 1e-6;
    private static final double ABS = 1e-3;

    private static void assertWithinTolerance(double expected, BrentSearch.Result r) {
        double tol = REL * Math.abs(r.point()) + ABS;
        assertTrue(Math.abs(r.point() - expected) <= 2 * tol, "point " + r.point() + " vs " + expected);
    }

    @Test
    void findsTheVertexOfAParabolaInFewEvaluations() {
        int[] calls = {0};
        DoubleUnaryOperator f = x -> {
            calls[0]++;
            return -(x - 2.1) * (x - 2.1) + 3;
        };
        BrentSearch.Result r = BrentSearch.maximize(f, 0, 5, 1, REL, ABS, 40);
        assertWithinTolerance(2.1, r);
        assertEquals(f.applyAsDouble(r.point()), r.value(), 0.0);
        assertEquals(calls[0] - 1, r.evaluations());
        // one golden step, then the parabola through three points is exact; the rest shrinks the bracket
        assertTrue(r.evaluations() <= 10, "evaluations " + r.evaluations());
    }

    @Test
    void convergesOnSmoothAndKinkedFunctions() {
        assertWithinTolerance(Math.PI, BrentSearch.maximize(x -> -Math.cos(x), 2, 5, 3, REL, ABS, 100));
        BrentSearch.Result kink = BrentSearch.maximize(x -> -Math.abs(x - 1.3), -4, 4, 0, REL, ABS, 100);
        assertWithinTolerance(1.3, kink);
        // golden-section shrinks the bracket by 0.618 per step: 8 / 0.004 needs about log(2000)/log(1.618) = 16
        assertTrue(kink.evaluations() <= 40, "evaluations " + kink.evaluations());
        // a tighter tolerance on a non-quadratic function, still above what rounding can resolve:
        // f(3 + e) - f(3) = -e^2 / 18 exceeds f's rounding (1e-17) only for e > 1.3e-8
        BrentSearch.Result tight = BrentSearch.maximize(x -> Math.log(x) - x / 3, 0.5, 10, 1, 1e-8, 1e-7, 200);
        assertEquals(3, tight.point(), 2 * (3e-8 + 1e-7));
    }

    @Test
    void aMaximumAtTheEndIsApproachedToTheTolerance() {
        BrentSearch.Result r = BrentSearch.maximize(x -> x, -1, 2, 0, REL, ABS, 100);
        assertTrue(r.point() <= 2 && r.point() >= 2 - 2 * (REL * 2 + ABS), "point " + r.point());
    }

    @Test
    void nanCountsAsWorseAndTheBudgetIsKept() {
        BrentSearch.Result r = BrentSearch.maximize(x -> x > 1 ? Double.NaN : -(x - 0.5) * (x - 0.5), 0, 3, 0.2,
                REL, ABS, 60);
        assertWithinTolerance(0.5, r);
        BrentSearch.Result capped = BrentSearch.maximize(x -> -Math.abs(x - 1.3), -4, 4, 0, REL, ABS, 5);
        assertEquals(5, capped.evaluations());
        assertTrue(capped.value() >= -1.3, "best of the five, at least the start's value");
    }

    @Test
    void rejectsBadIntervals() {
        assertThrows(IllegalArgumentException.class, () -> BrentSearch.maximize(x -> x, 1, 1, 1, REL, ABS, 10));
        assertThrows(IllegalArgumentException.class, () -> BrentSearch.maximize(x -> x, 0, 1, 2, REL, ABS, 10));
        assertThrows(IllegalArgumentException.class, () -> BrentSearch.maximize(x -> x, 0, 1, 0.5, REL, 0, 10));
    }
}
