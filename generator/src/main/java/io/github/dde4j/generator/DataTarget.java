package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/** Data rows, resampled with replacement (the empirical distribution). */
final class DataTarget extends ReferenceTarget {
    private final double[][] rows;

    DataTarget(double[][] rows, int referenceSize) {
        super(Checks.requirePoints(rows, -1, "data"), referenceSize);
        this.rows = Checks.copy(rows);
    }

    @Override
    double[][] draw(int n, UniformRandomProvider rng) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = rows[rng.nextInt(rows.length)];
        }
        return out;
    }

    @Override
    public String describe() {
        return "data-kde(" + rows.length + " rows, d=" + d + ", reference " + size + ")";
    }
}
