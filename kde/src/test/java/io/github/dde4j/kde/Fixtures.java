package io.github.dde4j.kde;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Test data: seeded Gaussian clouds and the stored SciPy reference CSVs. */
final class Fixtures {

    private Fixtures() {
    }

    static double[][] normal(long seed, int n, int d, double scale) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = scale * g.sample();
            }
        }
        return x;
    }

    /** Clustered data (tight clusters far apart) where kd-tree pruning skips most points. */
    static double[][] clusters(long seed, int n, int d, int clusters, double spread, double sd) {
        double[][] centres = normal(seed + 1, clusters, d, spread);
        double[][] noise = normal(seed, n, d, sd);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                noise[i][k] += centres[i % clusters][k];
            }
        }
        return noise;
    }

    /** A correlated 3 x 3 kernel covariance (a new array), the full-matrix case of several tests. */
    static double[][] fullBandwidth3() {
        return new double[][] {{0.09, 0.05, -0.02}, {0.05, 0.16, 0.03}, {-0.02, 0.03, 0.04}};
    }

    /** Unequal row weights base, base + 1, ..., base + period - 1, repeating. */
    static double[] cyclicWeights(int n, double base, int period) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = base + (i % period);
        }
        return w;
    }

    /** A CSV resource with one header line, as rows of doubles (read with the library's reader). */
    static double[][] csv(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return CsvReader.create().read(in, resource).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] columns(double[][] rows, int from, int to) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(rows[i], from, to);
        }
        return out;
    }

    static double[] column(double[][] rows, int k) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][k];
        }
        return out;
    }
}
