package io.github.dde4j.dde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.Sampler;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.core.toy.TwoSpirals;
import io.github.dde4j.kde.GaussianKde;
import java.io.InputStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Does a trained DDE really become the smoothed density (issue 3, section 4)? Each test
 * trains with the low-variance objective, normalises (grid for d = 2, importance sampling
 * beyond), and compares with the exact smoothed density: the closed form where there is one,
 * otherwise the exact KDE of the same training rows at the same sigma (which is what the
 * DDE's minimiser is). Held-out log-likelihoods are averages over rows not used in training.
 */
class LearningTest {

    static double[][] csv(String resource) throws Exception {
        try (InputStream in = LearningTest.class.getResourceAsStream(resource)) {
            return CsvReader.create().read(in, resource).toArray();
        }
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static double[][] noisy(double[][] x, double sigma, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomSources.seeded(seed));
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] += sigma * g.sample();
            }
        }
        return y;
    }

    /** Splits rows into [train, held-out] by a seeded permutation. */
    static double[][][] split(double[][] x, int heldOut, long seed) {
        int[] p = DdeTrainer.permutation(x.length, RandomSources.seeded(seed));
        double[][] held = new double[heldOut][];
        double[][] train = new double[x.length - heldOut][];
        for (int i = 0; i < x.length; i++) {
            if (i < heldOut) {
                held[i] = x[p[i]];
            } else {
                train[i - heldOut] = x[p[i]];
            }
        }
        return new double[][][] {train, held};
    }

    /**
     * Held-out log-likelihood against the exact KDE of the training rows, both in standardised
     * units (the DDE's caller-unit density minus the Jacobian term), where sigma is defined.
     */
    static double[] heldOutVersusKde(Dde dde, double[][] train, double[][] held, double sigma) {
        Standardizer st = dde.standardizer();
        GaussianKde kde = GaussianKde.of(st.transform(train), sigma);
        double[] lp = dde.logDensity(held);
        for (int i = 0; i < lp.length; i++) {
            lp[i] -= st.logAbsDetJacobian();
        }
        return new double[] {mean(lp), mean(kde.logDensity(st.transform(held)))};
    }

    @Test
    void faithfulMatchesTheExactKdeOnHeldOutRows() throws Exception {
        double sigma = 0.2;
        DdeConfig cfg = DdeConfig.builder().hidden(2, 64).sigma(sigma).batchSize(256).steps(1500).learningRate(3e-3)
                .seed(1).build();
        fitsTableAsItsKde("faithful", "/data/faithful.csv", 72, 1, cfg, sigma, 0.05);
    }

    /**
     * Fits {@code cfg} on a bundled table's rows but {@code heldOut} (a split seeded with
     * {@code splitSeed}) and checks the held-out log-likelihood against the exact KDE's; returns the DDE.
     */
    private static Dde fitsTableAsItsKde(String name, String table, int heldOut, long splitSeed, DdeConfig cfg,
                                         double sigma, double tolerance) throws Exception {
        double[][][] parts = split(csv(table), heldOut, splitSeed);
        Dde dde = new DdeTrainer(cfg).fit(parts[0]);
        assertHeldOutNearKde(name, dde, parts[0], parts[1], sigma, tolerance);
        return dde;
    }

    /** The DDE's held-out log-likelihood is within {@code tolerance} nats of the exact KDE's ({@link #heldOutVersusKde}). */
    private static void assertHeldOutNearKde(String name, Dde dde, double[][] train, double[][] held, double sigma,
                                             double tolerance) {
        double[] ll = heldOutVersusKde(dde, train, held, sigma);
        System.out.printf("%s: held-out DDE %.4f, exact KDE %.4f, %s%n", name, ll[0], ll[1], dde.logZ().orElse(null));
        assertEquals(ll[1], ll[0], tolerance, "held-out log-likelihood: DDE " + ll[0] + " vs exact KDE " + ll[1]);
    }

    @Test
    @Tag("long")
    void eightGaussiansBecomeTheirSmoothedDensity() {
        double sigma = 0.1;
        EightGaussians toy = EightGaussians.standard();
        double[][][] rows = trainAndHeld(toy, 20_000, 4000, 11);
        double[][] train = rows[0];
        double[][] held = rows[1];
        Density exact = toy.smoothedDensity(sigma);
        // the PyTorch reference set-up of docs/method.md, "The low-variance target" (3 x 128 softplus, batch 1024, 4000 steps, Adam
        // 1e-3 with cosine decay to 0); 8192 reference rows make the target close to the exact KDE score
        // (docs/dde.md "Learning quality": reference 1024 / 4096 / 8192 / all 20000 gave 0.991 / 0.994 / 0.997 / 0.997)
        // a fixed schedule, no early stop: this checks what the objective learns (the default stop rule
        // also holds 10% of the rows out for validation, so its target is the KDE of the other 90%)
        DdeConfig cfg = DdeConfig.builder().hidden(3, 128).sigma(sigma).standardize(false).batchSize(1024).steps(4000)
                .learningRate(1e-3).referenceSize(8192).earlyStopping(null).seed(11).build();
        Dde dde = new DdeTrainer(cfg).fit(train);
        assertLearnt("8gaussians", dde, exact, noisy(held, sigma, 13), held);
    }

    @Test
    @Tag("long")
    void twoSpiralsBecomeTheirKde() {
        double sigma = 0.1;
        double[][][] rows = trainAndHeld(TwoSpirals.standard(), 4000, 2000, 21);
        double[][] train = rows[0];
        double[][] held = rows[1];
        GaussianKde exact = GaussianKde.of(train, sigma);
        // all 4000 rows as reference (the exact KDE score as target), Adam 1e-3 with cosine decay to 0; 6000 steps
        // for margin (docs/dde.md: 4000 steps gave 0.9935 / 0.9920 for seeds 21 / 22, 6000 steps 0.9959); a fixed
        // schedule as in eightGaussiansBecomeTheirSmoothedDensity (the default stop rule gave 0.9896)
        DdeConfig cfg = DdeConfig.builder().hidden(3, 128).sigma(sigma).standardize(false).batchSize(1024).steps(6000)
                .learningRate(1e-3).fullReferenceLimit(4096).earlyStopping(null).seed(21).build();
        Dde dde = new DdeTrainer(cfg).fit(train);
        assertLearnt("2spirals", dde, exact, noisy(train, sigma, 23), held);
    }

    /** {@code n} training rows of {@code toy} (seed {@code seed}) and {@code m} held-out rows (seed + 1). */
    private static double[][][] trainAndHeld(Sampler toy, int n, int m, long seed) {
        return new double[][][] {toy.sample(n, RandomSources.seeded(seed)), toy.sample(m, RandomSources.seeded(seed + 1))};
    }

    /**
     * The DDE learnt its exact target: on rows drawn from the smoothed density its unnormalised log
     * density correlates with the exact one at 0.99 or more, and its held-out log-likelihood is within
     * 0.05 nats of the exact one's.
     */
    private static void assertLearnt(String name, Dde dde, Density exact, double[][] fromSmoothed, double[][] held) {
        double r = correlation(dde.logDensityUnnormalized(fromSmoothed), exact.logDensity(fromSmoothed));
        double llDde = mean(dde.logDensity(held));
        double llExact = mean(exact.logDensity(held));
        System.out.printf("%s: correlation %.4f, held-out DDE %.4f, exact %.4f%n", name, r, llDde, llExact);
        assertTrue(r >= 0.99, "correlation with the exact log density " + r);
        assertEquals(llExact, llDde, 0.05, "held-out log-likelihood");
    }

    @Test
    @Tag("long")
    void penguinsMatchTheExactKdeWithImportanceSampledLogZ() throws Exception {
        double sigma = 0.3;
        DdeConfig cfg = DdeConfig.builder().hidden(3, 64).sigma(sigma).batchSize(256).steps(3000).learningRate(3e-3)
                .seed(2).build();
        Dde dde = fitsTableAsItsKde("penguins", "/data/penguins.csv", 68, 2, cfg, sigma, 0.1);
        assertEquals("importance-sampling", dde.logZ().orElseThrow().method());
    }

    @Test
    @Tag("long")
    void tenDimensionalMixtureMatchesTheExactKde() {
        int d = 10;
        UniformRandomProvider rng = RandomSources.seeded(31);
        double[][] means = new double[3][d];
        for (double[] m : means) {
            for (int j = 0; j < d; j++) {
                m[j] = 2 * (rng.nextDouble() - 0.5);
            }
        }
        GaussianMixture mix = GaussianMixture.equalWeights(means, 0.5);
        double[][] train = mix.sample(2000, RandomSources.seeded(32));
        double[][] held = mix.sample(500, RandomSources.seeded(33));
        // in 10-D, 2000 rows are far apart: at sigma 0.3 (standardised) the KDE is a field of
        // isolated spikes (held-out log-likelihood -18) that no smooth network and no
        // data-fitted importance proposal can follow; sigma 0.8 keeps the KDE a smooth density
        double sigma = 0.8;
        DdeConfig cfg = DdeConfig.builder().hidden(3, 128).sigma(sigma).batchSize(512).steps(3000).learningRate(3e-3)
                .fullReferenceLimit(2048).seed(31).build();
        Dde dde = new DdeTrainer(cfg).fit(train);
        assertTrue(dde.logZ().isPresent(), "a log Z estimate");
        assertHeldOutNearKde("10-D mixture", dde, train, held, sigma, 0.1);
    }
}
