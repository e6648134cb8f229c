package io.github.dde4j.dde.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dde4j.core.LogSumExp;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.MultivariateGaussian;
import org.junit.jupiter.api.Test;

/** The proposal's log density is the KDE of its centres: brute-force log-sum-exp in double. */
class KdeProposalTest {

    @Test
    void logDensityIsTheBruteForceKde() {
        int d = 3;
        double h = 0.25;
        double[][] centres = MultivariateGaussian.standard(d).sample(300, RandomSources.seeded(1));
        KdeProposal q = new KdeProposal(centres, h);
        double[][] y = q.sample(50, RandomSources.seeded(2));
        double[] got = q.logDensity(y);
        for (int i = 0; i < y.length; i++) {
            // log of the mean over centres of N(y; c_k, h^2 I)
            double[] l = new double[centres.length];
            for (int k = 0; k < centres.length; k++) {
                l[k] = -squaredDistance(y[i], centres[k]) / (2 * h * h);
            }
            double want = LogSumExp.mean(l) - 0.5 * d * Math.log(2 * Math.PI * h * h);
            // the engine's pruning error is 1e-15 relative in the sum; summation rounding over 300 terms
            assertEquals(want, got[i], 1e-12 * (1 + Math.abs(want)), "row " + i);
        }
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }
}
