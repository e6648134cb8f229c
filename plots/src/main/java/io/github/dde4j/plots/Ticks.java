package io.github.dde4j.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Nice" axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten, about {@code target} of them
 * inside [lo, hi], with labels that show just enough decimals to tell neighbours apart.
 */
final class Ticks {

    final double[] values;
    final String[] labels;

    private Ticks(double[] values, String[] labels) {
        this.values = values;
        this.labels = labels;
    }

    static Ticks of(double lo, double hi, int target) {
        double range = hi - lo;
        if (!(range > 0) || !Double.isFinite(range)) {
            return new Ticks(new double[] {lo}, new String[] {format(lo, Math.abs(lo) > 0 ? Math.abs(lo) : 1)});
        }
        double rough = range / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(rough)));
        double[] mults = {1, 2, 2.5, 5, 10};
        double step = 10 * mag;
        for (double m : mults) {
            if (m * mag >= rough) {
                step = m * mag;
                break;
            }
        }
        List<Double> vs = new ArrayList<>();
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (int k = 0; ; k++) {
            double v = first + k * step;
            if (v > hi + step * 1e-9 || k > 100) {
                break;
            }
            // Remove floating-point noise such as 0.30000000000000004 and -0.
            v = Math.abs(v) < step * 1e-9 ? 0.0 : v;
            vs.add(v);
        }
        double[] values = vs.stream().mapToDouble(Double::doubleValue).toArray();
        String[] labels = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            labels[i] = format(values[i], step);
        }
        return new Ticks(values, labels);
    }

    /** A label for {@code v} on a scale of resolution {@code step}. */
    static String format(double v, double step) {
        double a = Math.max(Math.abs(v), step);
        if (a >= 1e6 || step < 1e-4) {
            return String.format(Locale.ROOT, "%.2g", v).replace("e+0", "e").replace("e-0", "e-");
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        // 2.5 x 10^k steps need one more decimal than the power alone suggests.
        double scaled = step / Math.pow(10, -decimals);
        if (Math.abs(scaled - Math.rint(scaled)) > 1e-6) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
