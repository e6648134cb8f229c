package io.github.dde4j.core.metrics;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Sliced Wasserstein-1 distance (Bonneel et al. 2015) between X (n x d) and Y (m x d):
 * <pre>
 *   SW1(X, Y) = E_{theta ~ U(S^{d-1})} W1(theta . X, theta . Y)
 *            ~= 1/L sum_{l=1..L} W1(theta_l . X, theta_l . Y)
 * </pre>
 * with L directions theta_l drawn uniformly on the unit sphere (normalised standard normals) from
 * {@link RandomSources#seeded(long)}; each 1-D W1 is exact ({@link Distances1D#wasserstein1}), for
 * equal or unequal n and m. In d = 1 every direction is +-1 and SW1 = W1 exactly.
 * Cost O(L (n + m) (d + log(n + m))), parallel over directions.
 */
public final class SlicedWasserstein {

    /** A reasonable default number of directions for d &lt;= 10. */
    public static final int DEFAULT_PROJECTIONS = 128;

    private SlicedWasserstein() {
    }

    /** SW1 with {@link #DEFAULT_PROJECTIONS} directions. */
    public static double of(double[][] x, double[][] y, long seed) {
        return of(x, y, DEFAULT_PROJECTIONS, seed);
    }

    /**
     * SW1 estimated with {@code projections} random directions drawn from {@code seed}.
     *
     * @throws IllegalArgumentException for invalid samples or projections &lt; 1
     */
    public static double of(double[][] x, double[][] y, int projections, long seed) {
        int d = PairSums.checkPair(x, y);
        Checks.requireAtLeast(projections, 1, "projections");
        double[][] dirs = directions(d, projections, seed);
        double[] w = new double[projections];
        IntStream range = IntStream.range(0, projections);
        if ((long) projections * (x.length + y.length) >= 50_000) {
            range = range.parallel();
        }
        range.forEach(l -> {
            double[] a = project(x, dirs[l]);
            double[] b = project(y, dirs[l]);
            Arrays.sort(a);
            Arrays.sort(b);
            w[l] = Distances1D.wasserstein1Sorted(a, b);
        });
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s / projections;
    }

    /** The L unit directions used for a given seed (a new array, L x d). */
    public static double[][] directions(int d, int projections, long seed) {
        Checks.requireAtLeast(d, 1, "d");
        Checks.requireAtLeast(projections, 1, "projections");
        UniformRandomProvider rng = RandomSources.seeded(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] dirs = new double[projections][d];
        for (double[] dir : dirs) {
            double norm;
            do {
                norm = 0;
                for (int t = 0; t < d; t++) {
                    dir[t] = g.sample();
                    norm += dir[t] * dir[t];
                }
            } while (!(norm > 1e-300));
            norm = Math.sqrt(norm);
            for (int t = 0; t < d; t++) {
                dir[t] /= norm;
            }
        }
        return dirs;
    }

    private static double[] project(double[][] x, double[] dir) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            double[] row = x[i];
            for (int t = 0; t < dir.length; t++) {
                s += row[t] * dir[t];
            }
            out[i] = s;
        }
        return out;
    }
}
