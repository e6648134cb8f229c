package io.github.dde4j.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dde4j.core.RandomSources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Integer weights are the same estimator as repeated rows; scaling weights changes nothing. */
class WeightsTest {

    @Test
    void integerWeightsEqualRepeatedRows() {
        double[][] data = Fixtures.clusters(21, 300, 3, 3, 2.0, 0.5);
        double[] w = new double[data.length];
        List<double[]> repeated = new ArrayList<>();
        var rng = RandomSources.seeded(4);
        for (int i = 0; i < data.length; i++) {
            w[i] = rng.nextInt(4); // 0..3 copies; zero weight = row absent
            for (int c = 0; c < w[i]; c++) {
                repeated.add(data[i]);
            }
        }
        double[][] rep = repeated.toArray(new double[0][]);
        double[][] q = GaussianKdeBruteForceTest.queries(3, 22);
        for (double h : new double[] {0.02, 0.3, 2.0}) {
            GaussianKde weighted = GaussianKde.builder(data).weights(w).bandwidth(h).build();
            GaussianKde copies = GaussianKde.of(rep, h);
            double[] a = weighted.logDensity(q);
            double[] b = copies.logDensity(q);
            double[][] sa = weighted.score(q);
            double[][] sb = copies.score(q);
            for (int i = 0; i < q.length; i++) {
                assertEquals(b[i], a[i], 1e-12 * Math.max(1, Math.abs(b[i])), "h=" + h + " query " + i);
                for (int k = 0; k < 3; k++) {
                    assertEquals(sb[i][k], sa[i][k], 1e-10 * (Math.abs(sb[i][k]) + Math.abs(q[i][k]) / (h * h) + 1), "score " + i);
                }
            }
        }
    }

    @Test
    void weightsAreNormalisedAndScaleFree() {
        double[][] data = Fixtures.normal(5, 200, 2, 1.0);
        double[] w = new double[data.length];
        double[] w1000 = new double[data.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
            w1000[i] = 1000 * w[i];
        }
        GaussianKde a = GaussianKde.builder(data).weights(w).bandwidth(0.3).build();
        GaussianKde b = GaussianKde.builder(data).weights(w1000).bandwidth(0.3).build();
        double sum = 0;
        for (double v : a.weights()) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
        double[][] q = Fixtures.normal(6, 30, 2, 2.0);
        double[] la = a.logDensity(q);
        double[] lb = b.logDensity(q);
        for (int i = 0; i < q.length; i++) {
            assertEquals(la[i], lb[i], 1e-12 * Math.max(1, Math.abs(la[i])));
        }
        // equal weights are the unweighted estimator
        double[] ones = new double[data.length];
        java.util.Arrays.fill(ones, 2.5);
        double[] lu = GaussianKde.of(data, 0.3).logDensity(q);
        double[] lo = GaussianKde.builder(data).weights(ones).bandwidth(0.3).build().logDensity(q);
        for (int i = 0; i < q.length; i++) {
            assertEquals(lu[i], lo[i], 1e-12 * Math.max(1, Math.abs(lu[i])));
        }
    }
}
