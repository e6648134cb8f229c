package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The exact KDE ({@link Kernels#kdeExact}, module kde's engine) against a naive double computation (every term,
 * logits from the differences, max-shifted logsumexp) and the engine's dense path through the BLAS
 * ({@link Kernels#kdeDense}), for d = 1, 2, 5, 64, float32 and float64 inputs and bandwidths from
 * s = 1e-3 (one reference point carries essentially all the weight, and the cut-off skips almost every
 * term) to s = 3 (all points matter).
 *
 * <p>Tolerances, with scale = max_i |y_i| + max_j |r_j| and eps the unit roundoff of the type:
 * <ul>
 *   <li>exact vs naive, float64: the two differ only by the engine's pruning (1e-15 relative in
 *   the kernel sum, so in log density, and 1e-15 (1 + |score|) in whitened units) and summation
 *   rounding over M terms (M eps relative to the sum, S >= 1): 1e-12 (1 + |log p|) and
 *   1e-12 scale / s^2;</li>
 *   <li>exact vs naive, float32 inputs: the exact result is the double result rounded to float32:
 *   2^-23 relative plus the float64 tolerance;</li>
 *   <li>dense vs naive: the expansion ||y||^2 + ||r||^2 - 2 y.r (in double, whatever the input type)
 *   carries an absolute error of about 4 d eps scale^2 in the distance, i.e. delta = 4 d eps scale^2
 *   / (2 s^2) in each logit, eps = 2^-53; the log density moves by at most delta (plus the type's
 *   rounding of the result), the weights relatively by 2 delta, so the weighted mean by 2 delta
 *   scale. Checked where delta < 0.01, i.e. where the expanded distance is meaningful at all.</li>
 * </ul>
 */
class KernelsTest {

    private static final double[] SIGMAS = {1e-3, 0.05, 0.3, 1.0, 3.0};

    /** Naive double KDE: [score (n*d) ..., log density (n)] of points given as double rows. */
    private static double[][] naive(double[][] y, double[][] r, double s) {
        int n = y.length;
        int d = y[0].length;
        int m = r.length;
        double[][] out = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            double[] l = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double dist = 0;
                for (int k = 0; k < d; k++) {
                    double diff = y[i][k] - r[j][k];
                    dist += diff * diff;
                }
                l[j] = -dist / (2 * s * s);
                max = Math.max(max, l[j]);
            }
            double sum = 0;
            double[] t = new double[d];
            for (int j = 0; j < m; j++) {
                double e = Math.exp(l[j] - max);
                sum += e;
                for (int k = 0; k < d; k++) {
                    t[k] += e * r[j][k];
                }
            }
            for (int k = 0; k < d; k++) {
                out[i][k] = (t[k] / sum - y[i][k]) / (s * s);
            }
            out[i][d] = max + Math.log(sum) - Math.log(m) - 0.5 * d * Math.log(2 * Math.PI * s * s);
        }
        return out;
    }

    private static double maxAbs(double[][] x) {
        double m = 0;
        for (double[] row : x) {
            double n2 = 0;
            for (double v : row) {
                n2 += v * v;
            }
            m = Math.max(m, Math.sqrt(n2));
        }
        return m;
    }

    /** Absolute tolerances logTol (1 + |log p|) and scoreTol + scoreRel |score|. */
    private static void compare(String what, Kernels.KdeResult got, double[][] want, double logTol,
                                double scoreTol, double scoreRel) {
        double[][] score = Kernels.toRows(got.score());
        double[] log = got.logDensity().castTo(DataType.DOUBLE).toDoubleVector();
        int d = score[0].length;
        for (int i = 0; i < want.length; i++) {
            double lt = logTol * (1 + Math.abs(want[i][d]));
            assertEquals(want[i][d], log[i], lt, what + ": log density of row " + i);
            for (int k = 0; k < d; k++) {
                double st = scoreTol + scoreRel * Math.abs(want[i][k]);
                assertEquals(want[i][k], score[i][k], st, what + ": score[" + i + "][" + k + "]");
            }
        }
    }

    private static void check(int d, DataType dt) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomSources.seeded(7 + d));
        int n = 40;
        int m = 300;
        // a view (rows 3 .. n + 2 of a larger array) so the non-contiguous copy path is exercised too
        INDArray y = GeneratorTrainer.normal(n + 10, d, dt, g).muli(1.5).get(NDArrayIndex.interval(3, n + 3),
                NDArrayIndex.all());
        INDArray r = GeneratorTrainer.normal(m, d, dt, g);
        double[][] yr = Kernels.toRows(y);
        double[][] rr = Kernels.toRows(r);
        double scale = maxAbs(yr) + maxAbs(rr);
        boolean f32 = dt == DataType.FLOAT;
        double eps = f32 ? 0x1p-24 : 0x1p-53;
        for (double s : SIGMAS) {
            double[][] want = naive(yr, rr, s);
            String tag = "d=" + d + " " + dt + " s=" + s;
            double logTol = f32 ? 0x1p-23 + 1e-12 : 1e-12;
            double scoreTol = 1e-12 * scale / (s * s);
            Kernels.KdeResult exact = Kernels.kdeExact(y, r, s, true);
            compare("exact " + tag, exact, want, logTol, scoreTol, f32 ? 0x1p-23 : 0);
            double[] logOnly = Kernels.kdeExact(y, r, s, false).logDensity().castTo(DataType.DOUBLE).toDoubleVector();
            // the log-only pass prunes without the score's distance factor: the same sum to the engine's 1e-15
            assertTrue(maxDiff(logOnly, exact.logDensity().castTo(DataType.DOUBLE).toDoubleVector()) <= logTol
                    * (1 + maxAbs(new double[][] {logOnly})), "log-only " + tag);
            assertEquals(dt, exact.score().dataType());
            assertEquals(dt, exact.logDensity().dataType());
            // dispatch: kde / kdeLogDensity give the tree's or the dense path's result
            double delta = 4 * d * 0x1p-53 * scale * scale / (2 * s * s);
            if (delta < 0.01) {
                double round = f32 ? 0x1p-23 : 0;
                Kernels.KdeResult dense = Kernels.kdeDense(y, r, s, true);
                compare("dense " + tag, dense, want, delta + round + logTol,
                        (2 * delta * scale + round * scale) / (s * s) + scoreTol, round);
                Kernels.KdeResult viaKde = Kernels.kde(y, r, s);
                compare("kde " + tag, viaKde, want, delta + round + logTol,
                        (2 * delta * scale + round * scale) / (s * s) + scoreTol, round);
                double[] viaLog = Kernels.kdeLogDensity(y, r, s).castTo(DataType.DOUBLE).toDoubleVector();
                assertTrue(maxDiff(viaLog, viaKde.logDensity().castTo(DataType.DOUBLE).toDoubleVector())
                        <= delta + round + logTol * (1 + maxAbs(new double[][] {viaLog})), "kdeLogDensity " + tag);
            }
        }
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void exactMatchesNaiveAndDenseFloat64() {
        for (int d : new int[] {1, 2, 5, 64}) {
            check(d, DataType.DOUBLE);
        }
    }

    @Test
    void exactMatchesNaiveAndDenseFloat32() {
        for (int d : new int[] {1, 2, 5, 64}) {
            check(d, DataType.FLOAT);
        }
    }

    /**
     * With s = 1e-3 and reference points of spacing ~0.01..1, the nearest reference point carries all
     * the weight to double precision: log p = -|y - r_near|^2 / (2 s^2) - log M - (d/2) log(2 pi s^2)
     * and score = (r_near - y) / s^2, closed forms the exact engine must reproduce (its pruning skips
     * every other term here).
     */
    @Test
    void tinyBandwidthIsTheNearestPoint() {
        double s = 1e-3;
        double[][] r = {{0, 0}, {0.05, 0}, {1, 1}, {-0.3, 0.2}};
        double[][] y = {{0.001, -0.002}, {0.049, 0.001}, {0.999, 1.0015}, {-0.2995, 0.2}};
        Kernels.KdeResult k = Kernels.kdeExact(Kernels.toNd(y, DataType.DOUBLE), Kernels.toNd(r, DataType.DOUBLE), s, true);
        double[][] score = Kernels.toRows(k.score());
        double[] log = k.logDensity().toDoubleVector();
        for (int i = 0; i < y.length; i++) {
            double dx = r[i][0] - y[i][0];
            double dy = r[i][1] - y[i][1];
            double want = -(dx * dx + dy * dy) / (2 * s * s) - Math.log(4) - Math.log(2 * Math.PI * s * s);
            assertEquals(want, log[i], 1e-9 * (1 + Math.abs(want)), "log density row " + i);
            assertEquals(dx / (s * s), score[i][0], 1e-9 * Math.abs(0.05 / (s * s)), "score x row " + i);
            assertEquals(dy / (s * s), score[i][1], 1e-9 * Math.abs(0.05 / (s * s)), "score y row " + i);
        }
        assertTrue(Kernels.EXACT_MAX_DIMENSION >= 2, "2-D must take the exact path");
    }
}
