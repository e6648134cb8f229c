package io.github.dde4j.cli;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.metrics.CorrelationDifference;
import io.github.dde4j.core.metrics.EnergyDistance;
import io.github.dde4j.core.metrics.MarginalDistances;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.metrics.SlicedWasserstein;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two-sample quality of generated rows against real rows. MMD^2 (median-heuristic bandwidth),
 * energy distance and sliced W1 are computed on columns standardised with the real rows' mean and
 * standard deviation, so that a column in grams does not outweigh one in millimetres; the
 * per-column marginal distances (W1, KS) are in each column's own units; the correlation
 * difference is unit-free.
 *
 * <p>MMD and energy distance cost O(n^2): both samples are capped at {@link #MAX_ROWS} rows, drawn
 * without replacement with a fixed seed.
 */
final class Quality {

    static final int MAX_ROWS = 4000;

    private Quality() {
    }

    static Map<String, Object> compare(double[][] real, double[][] generated, List<String> columns, long seed) {
        UniformRandomProvider rng = RandomSources.stream(seed, 77);
        double[][] x = subsample(real, MAX_ROWS, rng);
        double[][] y = subsample(generated, MAX_ROWS, rng);
        Standardizer s = Standardizer.fit(x);
        double[][] xs = s.transform(x);
        double[][] ys = s.transform(y);
        Map<String, Object> m = new LinkedHashMap<>();
        Mmd.Result mmd = Mmd.unbiasedMedianHeuristic(xs, ys);
        m.put("mmd2", mmd.mmd2());
        m.put("mmd_bandwidth", mmd.bandwidth());
        m.put("energy_distance", EnergyDistance.of(xs, ys));
        m.put("sliced_w1", SlicedWasserstein.of(xs, ys, seed));
        MarginalDistances md = MarginalDistances.of(x, y);
        Map<String, Object> marg = new LinkedHashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("w1", md.wasserstein1()[j]);
            c.put("w1_over_sd", md.wasserstein1()[j] / s.scales()[j]);
            c.put("ks", md.ks()[j]);
            marg.put(columns.get(j), c);
        }
        m.put("marginals", marg);
        CorrelationDifference cd = CorrelationDifference.of(x, y);
        m.put("correlation_frobenius", cd.frobenius());
        m.put("correlation_max_abs", cd.maxAbs());
        m.put("rows_compared", Map.of("real", x.length, "generated", y.length));
        return m;
    }

    /** At most {@code max} rows drawn without replacement (all rows, in order, when there are fewer). */
    static double[][] subsample(double[][] rows, int max, UniformRandomProvider rng) {
        if (rows.length <= max) {
            return rows;
        }
        int[] idx = new int[rows.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = rows[idx[i]];
        }
        return out;
    }
}
