package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Seeded goodness-of-fit tests of {@link GaussianKde#sample}: the samples projected on a
 * direction v follow the KDE's exact 1-D marginal sum_j w_j N(v.x_j, v^T H v), tested with the
 * Kolmogorov-Smirnov test at alpha = 1e-3 (fixed seeds, so the test is deterministic; a wrong
 * kernel scale, a missing weight or a mis-oriented Cholesky factor gives p-values ~1e-30).
 */
class SamplingTest {

    /** KS p-value of the projection of samples on v against the projected KDE's CDF. */
    static double ksPValue(GaussianKde kde, double[][] samples, double[] v) {
        double[][] data = kde.data();
        double[] w = kde.weights();
        double[][] h = kde.bandwidthMatrix();
        double var = 0;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                var += v[a] * h[a][b] * v[b];
            }
        }
        double sd = Math.sqrt(var);
        double[] centres = new double[data.length];
        for (int j = 0; j < data.length; j++) {
            for (int k = 0; k < v.length; k++) {
                centres[j] += v[k] * data[j][k];
            }
        }
        double[] proj = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            for (int k = 0; k < v.length; k++) {
                proj[i] += v[k] * samples[i][k];
            }
        }
        Arrays.sort(proj);
        int n = proj.length;
        double dmax = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 0;
            for (int j = 0; j < centres.length; j++) {
                cdf += w[j] * 0.5 * Erf.erfc(-(proj[i] - centres[j]) / (sd * Math.sqrt(2)));
            }
            dmax = Math.max(dmax, Math.max(cdf - (double) i / n, (i + 1.0) / n - cdf));
        }
        return 1 - new KolmogorovSmirnovTest().cdf(dmax, n);
    }

    @Test
    void oneDimensionalSamplesFollowTheKde() {
        double[][] data = Fixtures.clusters(1, 50, 1, 3, 3.0, 0.5);
        GaussianKde kde = GaussianKde.of(data, 0.4);
        double[][] s = kde.sample(4000, RandomSources.seeded(2024));
        double p = ksPValue(kde, s, new double[] {1});
        assertTrue(p > 1e-3, "KS p-value " + p);
        // the test has power: a 50% too wide kernel is rejected
        double[][] wrong = GaussianKde.of(data, 0.6).sample(4000, RandomSources.seeded(2024));
        assertTrue(ksPValue(kde, wrong, new double[] {1}) < 1e-3, "a wrong bandwidth is detected");
    }

    @Test
    void fullCovarianceWeightedSamplesFollowTheKdeOnSeveralProjections() {
        double[][] data = Fixtures.clusters(5, 60, 3, 4, 2.0, 0.5);
        double[] w = new double[data.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 3 == 0) ? 5.0 : (i % 3 == 1 ? 1.0 : 0.0);
        }
        double[][] full = Fixtures.fullBandwidth3();
        GaussianKde kde = GaussianKde.builder(data).weights(w).bandwidthMatrix(full).build();
        double[][] s = kde.sample(4000, RandomSources.seeded(7));
        double[][] dirs = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.6, -0.8, 0}, {0.3, 0.5, -0.81}};
        for (double[] v : dirs) {
            double p = ksPValue(kde, s, v);
            assertTrue(p > 1e-3 / dirs.length, "direction " + Arrays.toString(v) + ": KS p-value " + p);
        }
    }

    @Test
    void sameSeedSameSamples() {
        GaussianKde kde = GaussianKde.of(Fixtures.normal(3, 100, 2, 1.0), 0.2);
        double[][] a = kde.sample(50, 11L);
        double[][] b = kde.sample(50, 11L);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        assertEquals(0, kde.sample(0, RandomSources.seeded(1)).length);
    }
}
