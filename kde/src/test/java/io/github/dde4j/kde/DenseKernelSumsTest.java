package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tree-free path ({@link GaussianKde.Builder#matrixProduct}, from 8 dimensions) against the
 * brute-force oracle: the expanded distance ||q||^2 + ||u||^2 - 2 q.u loses about 1e-16 of the
 * squared norms (whitened, up to ~1e4 here), so log densities agree to 1e-10 and scores to 1e-9 of
 * their scale; skipped terms add at most the engine's relative tolerance (1e-15).
 */
class DenseKernelSumsTest {

    /** The oracle's product: plain loops, as a BLAS dgemm would compute it. */
    static final MatrixProduct LOOPS = (transposeB, m, n, k, a, b, c) -> {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < k; t++) {
                    s += a[i * k + t] * (transposeB ? b[j * k + t] : b[t * n + j]);
                }
                c[i * n + j] = s;
            }
        }
    };

    /** Counts the products, to show the dense path ran. */
    static final class Counting implements MatrixProduct {
        int calls;

        @Override
        public void multiply(boolean transposeB, int m, int n, int k, double[] a, double[] b, double[] c) {
            calls++;
            LOOPS.multiply(transposeB, m, n, k, a, b, c);
        }
    }

    @Test
    void isotropicAndWeightedSumsMatchBruteForce() {
        for (int d : new int[] {8, 30}) {
            double[][] data = Fixtures.clusters(90 + d, 700, d, 5, 2.0, 0.5);
            double[][] q = GaussianKdeBruteForceTest.queries(d, 17);
            double[] w = new double[data.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = i % 7 == 0 ? 0 : 1 + (i % 3);
            }
            for (double h : new double[] {0.3, 1.0, 3.0}) {
                for (double[] weights : new double[][] {null, w}) {
                    Counting product = new Counting();
                    GaussianKde kde = GaussianKde.builder(data).bandwidth(h).weights(weights).matrixProduct(product).build();
                    BruteForce bf = new BruteForce(data, weights, BruteForce.isotropic(d, h));
                    GaussianKde.Evaluation ev = kde.evaluate(q);
                    assertTrue(product.calls >= 2, "the dense path ran");
                    for (int i = 0; i < q.length; i++) {
                        String where = "d=" + d + " h=" + h + " weighted=" + (weights != null) + " query " + i;
                        assertEquals(bf.logDensity(q[i]), ev.logDensity()[i], 1e-10 * (1 + Math.abs(bf.logDensity(q[i]))), where);
                        assertEquals(bf.logDensity(q[i]), kde.logDensity(q[i]), 1e-10 * (1 + Math.abs(bf.logDensity(q[i]))), where);
                        double[] e = bf.score(q[i]);
                        for (int k = 0; k < d; k++) {
                            double scale = (Math.abs(q[i][k]) + 10) / (h * h);
                            assertEquals(e[k], ev.score()[i][k], 1e-9 * scale, where + " coord " + k);
                        }
                    }
                }
            }
        }
    }

    /** A full kernel covariance: the dense path sums whitened points as the tree does. */
    @Test
    void fullCovarianceMatchesBruteForceAndTheTree() {
        int d = 10;
        double[][] data = Fixtures.clusters(5, 500, d, 3, 2.0, 0.7);
        double[][] cov = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cov[a][b] = (a == b ? 0.5 : 0.2) * Math.pow(0.8, Math.abs(a - b));
            }
        }
        GaussianKde dense = GaussianKde.builder(data).bandwidthMatrix(cov).matrixProduct(LOOPS).build();
        GaussianKde tree = GaussianKde.builder(data).bandwidthMatrix(cov).build();
        BruteForce bf = new BruteForce(data, null, cov);
        double[][] q = GaussianKdeBruteForceTest.queries(d, 3);
        double[][] sd = dense.score(q);
        double[][] st = tree.score(q);
        for (int i = 0; i < q.length; i++) {
            assertEquals(bf.logDensity(q[i]), dense.logDensity(q[i]), 1e-10 * (1 + Math.abs(bf.logDensity(q[i]))));
            double[] e = bf.score(q[i]);
            for (int k = 0; k < d; k++) {
                double scale = Math.abs(q[i][k]) + 10;
                assertEquals(e[k], sd[i][k], 1e-9 * scale, "query " + i + " coord " + k);
                assertEquals(st[i][k], sd[i][k], 1e-9 * scale, "tree vs dense, query " + i + " coord " + k);
            }
        }
    }

    /** Many queries in one block: the same sums as the tree's. */
    @Test
    void manyQueriesMatchTheTree() {
        int d = 12;
        double[][] data = Fixtures.clusters(8, 900, d, 4, 2.0, 0.5);
        double[][] q = Fixtures.normal(9, 600, d, 2.0);
        GaussianKde dense = GaussianKde.builder(data).bandwidth(0.8).matrixProduct(LOOPS).build();
        GaussianKde tree = GaussianKde.of(data, 0.8);
        GaussianKde.Evaluation a = dense.evaluate(q);
        GaussianKde.Evaluation b = tree.evaluate(q);
        for (int i = 0; i < q.length; i++) {
            assertEquals(b.logDensity()[i], a.logDensity()[i], 1e-10 * (1 + Math.abs(b.logDensity()[i])), "query " + i);
            for (int k = 0; k < d; k++) {
                assertEquals(b.score()[i][k], a.score()[i][k], 1e-9 * (Math.abs(q[i][k]) + 10) / 0.64, "query " + i);
            }
        }
    }

    /** Below 8 dimensions, and for leave-one-out sums, the tree keeps the work. */
    @Test
    void fewDimensionsKeepTheTree() {
        Counting product = new Counting();
        double[][] data = Fixtures.clusters(3, 300, 7, 3, 2.0, 0.5);
        GaussianKde kde = GaussianKde.builder(data).bandwidth(0.5).matrixProduct(product).build();
        kde.evaluate(GaussianKdeBruteForceTest.queries(7, 2));
        assertEquals(0, product.calls);
        Counting product8 = new Counting();
        double[][] data8 = Fixtures.clusters(3, 300, 8, 3, 2.0, 0.5);
        GaussianKde kde8 = GaussianKde.builder(data8).bandwidth(0.5).matrixProduct(product8).build();
        double[] loo = kde8.leaveOneOutLogDensity();
        assertEquals(0, product8.calls);
        BruteForce bf = new BruteForce(data8, null, BruteForce.isotropic(8, 0.5));
        assertEquals(bf.leaveOneOut(4), loo[4], 1e-10 * (1 + Math.abs(loo[4])));
    }
}
