package io.github.dde4j.kde;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's method for the maximum of a function of one variable on an interval (R. P. Brent,
 * <i>Algorithms for Minimization without Derivatives</i>, 1973, chapter 5): parabolic
 * interpolation through the three best points while it makes progress, golden-section steps
 * otherwise. It keeps a bracket [a, b] around the best point x and stops when
 * max(x - a, b - x) &lt;= 2 tol, tol = relative |x| + absolute: for a unimodal function the
 * maximum then lies within 2 tol of x.
 *
 * <p>Why our own: the leave-one-out bandwidth search is its only user, and the one library that
 * offered it (Commons Math 3) has no module name, so the modular kde jar could not require it.
 */
final class BrentSearch {

    /** (3 - sqrt 5) / 2: the golden-section fraction. */
    private static final double GOLDEN = 0.5 * (3 - Math.sqrt(5));

    /** The best point found, its value and the number of evaluations spent. */
    record Result(double point, double value, int evaluations) {
    }

    private BrentSearch() {
    }

    /**
     * The maximiser of {@code f} on [lo, hi], starting from {@code start} (inside). A NaN value
     * counts as worse than any number.
     *
     * @param relative relative tolerance on the point (>= 0)
     * @param absolute absolute tolerance on the point (> 0)
     * @param maxEvaluations evaluations allowed, including the one at {@code start}; when they run
     *                       out the best point so far is returned
     */
    static Result maximize(DoubleUnaryOperator f, double lo, double hi, double start, double relative,
                           double absolute, int maxEvaluations) {
        if (!(lo < hi) || !(start >= lo && start <= hi)) {
            throw new IllegalArgumentException("need lo < hi and start in [lo, hi], got " + lo + ", " + hi + ", " + start);
        }
        if (!(relative >= 0) || !(absolute > 0) || maxEvaluations < 1) {
            throw new IllegalArgumentException("need relative >= 0, absolute > 0 and at least one evaluation, got "
                    + relative + ", " + absolute + ", " + maxEvaluations);
        }
        // minimise g = -f; x is the best point, w the second best, v the previous w
        double a = lo;
        double b = hi;
        double x = start;
        double gx = negated(f, x);
        int evaluations = 1;
        double w = x;
        double v = x;
        double gw = gx;
        double gv = gx;
        double step = 0;     // the last step
        double previous = 0; // the step before it: a parabola must shrink faster than this
        while (evaluations < maxEvaluations) {
            double mid = 0.5 * (a + b);
            double tol = relative * Math.abs(x) + absolute;
            if (Math.abs(x - mid) <= 2 * tol - 0.5 * (b - a)) {
                break;
            }
            boolean golden = true;
            if (Math.abs(previous) > tol) {
                // the vertex of the parabola through (v, gv), (w, gw), (x, gx), as x + p / q
                double r = (x - w) * (gx - gv);
                double q = (x - v) * (gx - gw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) {
                    p = -p;
                } else {
                    q = -q;
                }
                double older = previous;
                previous = step;
                // accept only a step inside the bracket and smaller than half the one before last
                if (Math.abs(p) < Math.abs(0.5 * q * older) && p > q * (a - x) && p < q * (b - x)) {
                    step = p / q;
                    double u = x + step;
                    if (u - a < 2 * tol || b - u < 2 * tol) {
                        step = x < mid ? tol : -tol; // not too close to the bracket's ends
                    }
                    golden = false;
                }
            }
            if (golden) {
                previous = x < mid ? b - x : a - x;
                step = GOLDEN * previous;
            }
            double u = x + (Math.abs(step) >= tol ? step : Math.copySign(tol, step));
            double gu = negated(f, u);
            evaluations++;
            if (gu <= gx) {
                if (u < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                gv = gw;
                w = x;
                gw = gx;
                x = u;
                gx = gu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (gu <= gw || w == x) {
                    v = w;
                    gv = gw;
                    w = u;
                    gw = gu;
                } else if (gu <= gv || v == x || v == w) {
                    v = u;
                    gv = gu;
                }
            }
        }
        return new Result(x, -gx, evaluations);
    }

    private static double negated(DoubleUnaryOperator f, double x) {
        double y = f.applyAsDouble(x);
        return Double.isNaN(y) ? Double.POSITIVE_INFINITY : -y;
    }
}
