package io.github.dde4j.kde;

import io.github.dde4j.core.RandomSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** A CSV resource with one header line, as rows of doubles. */
    static double[][] csv(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.split(",");
                double[] row = new double[p.length];
                for (int k = 0; k < p.length; k++) {
                    row[k] = Double.parseDouble(p[k]);
                }
                rows.add(row);
            }
            return rows.toArray(new double[0][]);
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
