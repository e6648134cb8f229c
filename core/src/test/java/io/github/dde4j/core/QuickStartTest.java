package io.github.dde4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.DataTable;
import io.github.dde4j.core.data.Split;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.metrics.CorrelationDifference;
import io.github.dde4j.core.metrics.EnergyDistance;
import io.github.dde4j.core.metrics.MarginalDistances;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.metrics.SlicedWasserstein;
import io.github.dde4j.core.toy.EightGaussians;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The quick start of docs/core.md, run end to end (with the file read from the class path). */
class QuickStartTest {

    @Test
    void quickStartRuns() throws Exception {
        DataTable t;
        try (InputStream in = getClass().getResourceAsStream("/data/faithful.csv")) {
            t = CsvReader.create().columns("eruptions", "waiting").read(in, "faithful.csv");
        }
        Split<DataTable> split = Splits.trainTest(t, 0.2, 42L);
        Standardizer std = Standardizer.fit(split.train());
        double[][] z = std.transform(split.train().toArray());

        MultivariateGaussian gz = MultivariateGaussian.fit(z);
        Density gx = std.toCallerUnits(gz);
        double[] lp = gx.logDensity(split.test().toArray());
        // the same Gaussian fitted directly in caller units gives the same log likelihood
        MultivariateGaussian direct = MultivariateGaussian.fit(split.train().toArray());
        double[] lpDirect = direct.logDensity(split.test().toArray());
        for (int i = 0; i < lp.length; i++) {
            TestData.assertClose(lpDirect[i], lp[i], 1e-10, 1e-10, "caller units row " + i);
        }

        EightGaussians eg = EightGaussians.standard();
        double[][] xs = eg.sample(2_000, 7L);
        GaussianMixture smoothed = eg.smoothedDensity(0.1);
        assertEquals(2_000, smoothed.score(xs).length);

        Mmd.Result mmd = Mmd.unbiasedMedianHeuristic(xs, eg.sample(2_000, 8L));
        double energy = EnergyDistance.of(xs, eg.sample(500, 9L));
        double sw1 = SlicedWasserstein.of(xs, eg.sample(2_000, 10L), 128, 1L);
        MarginalDistances marg = MarginalDistances.of(xs, eg.sample(2_000, 11L));
        CorrelationDifference corr = CorrelationDifference.of(xs, eg.sample(2_000, 12L));
        // same distribution on both sides: every distance is small (KS: the alpha = 1e-4 critical
        // value sqrt(ln(2/alpha)/2) sqrt(2/n) = 0.07 at n = m = 2000)
        assertTrue(Math.abs(mmd.mmd2()) < 0.01 && energy < 0.05 && sw1 < 0.1 && marg.maxKs() < 0.07 && corr.maxAbs() < 0.1,
                mmd + " " + energy + " " + sw1 + " " + marg.maxKs() + " " + corr.maxAbs());
    }
}
