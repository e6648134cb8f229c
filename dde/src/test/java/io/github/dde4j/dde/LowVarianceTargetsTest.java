package io.github.dde4j.dde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.kde.GaussianKde;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The low-variance target is the KDE score of the reference set (plus each row's own point). */
class LowVarianceTargetsTest {

    static double[] gaussian(int n, UniformRandomProvider rng, double scale) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * g.sample();
        }
        return out;
    }

    static double[][] rows(double[] flat, int d) {
        double[][] out = new double[flat.length / d][d];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /** d = 12 takes the engine's dense path (BLAS dgemm), d = 3 its tree; both match the tree's exact sums. */
    @ParameterizedTest
    @ValueSource(ints = {3, 12})
    void withoutOwnPointsTheTargetIsTheExactKdeScoreOfTheReferenceSet(int d) {
        int nRef = 700;
        int rows = 200;
        double sigma = 0.3;
        UniformRandomProvider rng = RandomSources.seeded(1);
        double[] ref = gaussian(nRef * d, rng, 1);
        double[] y = gaussian(rows * d, rng, 1.5);
        double[] out = new double[rows * d];
        LowVarianceTargets.compute(ref, nRef, null, y, rows, d, sigma, out);
        double[][] kdeScore = GaussianKde.of(rows(ref, d), sigma).score(rows(y, d));
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < d; c++) {
                // both are sums of the same ~1e2-sized terms; double rounding only
                assertEquals(kdeScore[i][c], out[i * d + c], 1e-9 * (1 + Math.abs(kdeScore[i][c])), "row " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 16})
    void ownPointsJoinTheSoftmaxLikeAnyOtherReferencePoint(int d) {
        int nRef = 50;
        int rows = 40;
        // in 16 dimensions a wider kernel, so that other rows than a point's own carry weight
        double sigma = d <= 2 ? 0.1 : 0.6;
        UniformRandomProvider rng = RandomSources.seeded(2);
        double[] ref = gaussian(nRef * d, rng, 1);
        double[] own = gaussian(rows * d, rng, 1);
        double[] y = own.clone();
        double[] noise = gaussian(rows * d, rng, sigma);
        for (int i = 0; i < y.length; i++) {
            y[i] += noise[i];
        }
        double[] out = new double[rows * d];
        LowVarianceTargets.compute(ref, nRef, own, y, rows, d, sigma, out);
        for (int i = 0; i < rows; i++) {
            // naive softmax over ref + own in log-sum-exp form
            double[] logw = new double[nRef + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= nRef; j++) {
                double[] src = j < nRef ? ref : own;
                int o = j < nRef ? j * d : i * d;
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = y[i * d + c] - src[o + c];
                    s += diff * diff;
                }
                logw[j] = -s / (2 * sigma * sigma);
                max = Math.max(max, logw[j]);
            }
            double total = 0;
            double[] mean = new double[d];
            for (int j = 0; j <= nRef; j++) {
                double w = Math.exp(logw[j] - max);
                total += w;
                for (int c = 0; c < d; c++) {
                    mean[c] += w * (j < nRef ? ref[j * d + c] : own[i * d + c]);
                }
            }
            for (int c = 0; c < d; c++) {
                double expected = (mean[c] / total - y[i * d + c]) / (sigma * sigma);
                assertEquals(expected, out[i * d + c], 1e-9 * (1 + Math.abs(expected)), "row " + i);
            }
        }
    }
}
