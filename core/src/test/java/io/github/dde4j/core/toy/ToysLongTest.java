package io.github.dde4j.core.toy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.Density;
import java.util.Arrays;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stronger goodness of fit (run with -Plong): 400,000 samples per toy binned on a 2-D grid and
 * compared by chi-square with the exact density's bin probabilities, for the toys with a density.
 * At this n a density or sampler wrong by 1% in any well-populated bin is detected.
 */
@Tag("long")
class ToysLongTest {

    /** Bin probabilities of p on a grid over [-L, L]^2 by a fine midpoint rule inside each bin. */
    private static double[] binProbabilities(Density p, double half, int bins, int sub) {
        double w = 2 * half / bins;
        double h = w / sub;
        double[] prob = new double[bins * bins];
        double[] x = new double[2];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                double s = 0;
                for (int a = 0; a < sub; a++) {
                    x[0] = -half + i * w + (a + 0.5) * h;
                    for (int b = 0; b < sub; b++) {
                        x[1] = -half + j * w + (b + 0.5) * h;
                        s += Math.exp(p.logDensity(x));
                    }
                }
                prob[i * bins + j] = s * h * h;
            }
        }
        return prob;
    }

    private static void chiSquareAgainstDensity(Toy toy, Density p, double half, int bins, int sub) {
        int n = 400_000;
        double[] prob = binProbabilities(p, half, bins, sub);
        long[] counts = new long[bins * bins];
        double w = 2 * half / bins;
        for (double[] x : toy.sample(n, 123L)) {
            int i = (int) Math.floor((x[0] + half) / w);
            int j = (int) Math.floor((x[1] + half) / w);
            if (i >= 0 && i < bins && j >= 0 && j < bins) {
                counts[i * bins + j]++;
            }
        }
        // keep bins with an expected count >= 20 (the chi-square approximation), pooled rest dropped
        int m = 0;
        double[] e = new double[counts.length];
        long[] o = new long[counts.length];
        for (int k = 0; k < counts.length; k++) {
            if (prob[k] * n >= 20) {
                e[m] = prob[k] * n;
                o[m] = counts[k];
                m++;
            }
        }
        double pValue = new ChiSquareTest().chiSquareTest(Arrays.copyOf(e, m), Arrays.copyOf(o, m));
        // the kept bins do not hold all the mass: Commons Math rescales the expected counts to the
        // observed total, so this compares the distribution conditional on those bins
        assertTrue(pValue > 1e-4, toy.name() + " chi-square p = " + pValue + " over " + m + " bins");
    }

    @Test
    void eightGaussiansMatchTheirDensity() {
        chiSquareAgainstDensity(EightGaussians.standard(), EightGaussians.standard().density(), 3, 30, 8);
    }

    @Test
    void ringsMatchTheirDensity() {
        chiSquareAgainstDensity(Rings.standard(), Rings.standard().density(), 3.5, 35, 8);
    }

    @Test
    void checkerboardMatchesItsDensity() {
        chiSquareAgainstDensity(Checkerboard.standard(), Checkerboard.standard().density(), 4, 16, 4);
    }
}
