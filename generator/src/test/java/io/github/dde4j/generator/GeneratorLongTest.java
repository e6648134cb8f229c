package io.github.dde4j.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.Sampler;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.Split;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.metrics.EnergyDistance;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.toy.Checkerboard;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.core.toy.Toy;
import io.github.dde4j.core.toy.Toys;
import io.github.dde4j.core.toy.TwoMoons;
import io.github.dde4j.core.toy.TwoSpirals;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generator must really sample its target (issue 4, section 3). Each case trains with the
 * default configuration and compares 10,000 generated rows with 10,000 true rows:
 * <ul>
 *   <li>every mode gets its share (eight Gaussians: 8%..17% per component; other toys: each mode
 *   between half and twice its true share, measured on true samples);</li>
 *   <li>MMD^2_u(generated, true) < 2 max(MMD^2_u(true', true), 0) + floor, with a Gaussian kernel of
 *   the true set's median bandwidth. The floor is the MMD^2_u of an exact sampler whose mode shares
 *   are off by exactly what the mode check accepts: rows of the first half of the modes thinned to
 *   2/3, so that for eight Gaussians the shares are 10% and 15% (inside the 8%..17% band) in the
 *   least favourable, low-frequency arrangement (one half of the circle heavier). A floor from
 *   blurring instead was measured useless: at the median bandwidth (2.8 for eight Gaussians) a blur
 *   of 10% of the data scale moves MMD^2 by less than its noise (-3e-5), and so does an alternating
 *   10/15% pattern, while the half-circle pattern gives about 5e-3. Computed in the test.</li>
 *   <li>eight Gaussians also: the mean exact log density of the generated rows under the true
 *   mixture within 0.5 nats of that of true rows (the two checks above pass for a uniform ring;
 *   this one does not, see {@link #assertEightGaussiansLogDensity}).</li>
 * </ul>
 */
@Tag("long")
class GeneratorLongTest {
    // Tests also tagged "extended" run with -Pextended, not in CI's long suite: they cover secondary
    // paths whose main checks run here (the KDE-of-data target: eight Gaussians and checkerboard here;
    // the DDE-driven product path on penguins and eight Gaussians: DdePipelineLongTest).

    private static final int N = 10_000;
    /** Eight Gaussians: allowed |mean log p(generated) - mean log p(true)| in nats (see {@link #assertEightGaussiansLogDensity}). */
    private static final double LOG_DENSITY_BOUND = 0.5;

    /** The defaults (2,000 steps), with an evaluation every 500 steps. */
    private static GeneratorConfig config() {
        return GeneratorConfig.defaults().withEvaluation(500, 2000, 0, 0);
    }

    /**
     * The KDE-of-data target ({@link GeneratorTarget#ofData}, reference set of the generator's own
     * size) on {@code rows} standardised: what {@code trainOnData} trained before the DDE-driven path
     * (tested end to end in {@link DdePipelineLongTest}), and what {@code fit --generator-target data}
     * trains.
     */
    static Generator trainOnDataKde(GeneratorConfig c, double[][] rows) {
        Standardizer s = Standardizer.fit(rows);
        return new GeneratorTrainer(c).withStandardizer(s).train(GeneratorTarget.ofData(s.transform(rows), c.qReferenceSize()));
    }

    /** Keeps rows of modes 0 .. modeCount/2 - 1 with probability 2/3, the others always. */
    static double[][] thinHalfTheModes(Toy toy, double[][] x, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        int half = toy.modeCount() / 2;
        return Arrays.stream(x).filter(r -> toy.mode(r) >= half || rng.nextDouble() < 2.0 / 3).toArray(double[][]::new);
    }

    /** The MMD criterion; returns a description for messages. */
    private static void assertMmdClose(String name, double[][] gen, Toy truth) {
        double[][] t1 = truth.sample(N, RandomSources.seeded(101));
        double[][] t2 = truth.sample(N, RandomSources.seeded(102));
        double h = Mmd.medianBandwidth(t1, t1);
        double mg = Mmd.unbiased(gen, t1, h);
        double mt = Mmd.unbiased(t2, t1, h);
        double floor = Mmd.unbiased(thinHalfTheModes(truth, t2, 103), t1, h);
        double bound = 2 * Math.max(mt, 0) + floor;
        System.out.printf("%s: MMD^2 generated %.5f, true-true %.5f, floor %.5f, bound %.5f%n", name, mg, mt, floor, bound);
        assertTrue(mg < bound, name + ": MMD^2 " + mg + " >= bound " + bound + " (true-true " + mt + ", floor " + floor + ")");
    }

    private static void assertModesCovered(String name, Toy toy, double[][] gen) {
        double[] g = Toys.modeShares(toy, gen);
        double[] t = Toys.modeShares(toy, toy.sample(N, RandomSources.seeded(104)));
        System.out.println(name + " shares " + Arrays.toString(g) + " true " + Arrays.toString(t));
        for (int j = 0; j < g.length; j++) {
            assertTrue(g[j] > 0.5 * t[j] && g[j] < 2 * t[j], name + ": mode " + j + " share " + g[j] + " vs true " + t[j]);
        }
    }

    /**
     * Eight Gaussians: the mean exact log density under the true mixture p (radius 2, component sd 0.2),
     * (1/n) sum_i log p(x_i), of the generated rows must be within {@value #LOG_DENSITY_BOUND} nats of the
     * same mean over {@value #N} true rows (about -1.70 = -H(p)).
     *
     * <p>Why: the nearest-centre shares and the MMD^2 at the median bandwidth (2.8, larger than the
     * circle's radius) cannot tell the eight blobs from a uniform ring of radius 2 with the same radial
     * spread: the ring's shares are all 12.5% and its MMD^2 is within the noise of two true samples (the
     * CLI demo produced such a ring: MMD^2 -0.00009 against -0.00027 for two true samples). The mean log
     * density sees the angular gaps: E_q[log p] = -H(q) - KL(q || p) with this fixed p. Measured values
     * (NumPy with /usr/bin/python3, the same formula, 10,000 rows; the ring is recomputed in this test):
     * true rows -1.70 (sd 0.011 over repeated samples of 10,000), ring of radius 2 with radial sd 0.2
     * -3.70, i.e. 2.0 nats lower; blobs with component sd 0.22 / 0.25 / 0.30 (10% / 25% / 50% too wide)
     * -1.91 / -2.27 / -2.90; sd 0.18 (10% too narrow) -1.50; centres at radius 1.9 or 2.1 -1.82; 10% of
     * the rows replaced by ring rows about -1.9.
     *
     * <p>Bound 0.5 nats: a quarter of the ring's deficit (the check fails for the ring with a 1.5-nat
     * margin, asserted below on a seeded ring sample so the check is shown to be able to fail), about 45
     * times the sampling sd of the mean, and it accepts blobs up to ~22% too wide or ~25% too narrow (sd 0.15: +0.44).
     * Mass in the gaps between the blobs costs much more (a point half-way between two centres has
     * log p ~ -7.6), so the bound allows only a few percent of the rows there. Two-sided, because a
     * generator collapsed onto the centres scores higher than the truth.
     *
     * <p>Status (measured, docs/generator.md "Eight Gaussians: the ring check"): the earlier defaults
     * (600 steps at learning rate 1e-3) FAILED this check (closed-form target -3.54, from data -3.67;
     * true -1.69, ring -3.75: balanced shares, but the tangential spread twice the true one). The
     * defaults since then, 2,000 steps at 1e-2, scored -2.03 / -1.96 (one seed each); 3,000 steps at
     * 3e-3 -2.05 / -1.95; qModel DDE with the same defaults -1.98 (true -1.72 on its seed).
     */
    static void assertEightGaussiansLogDensity(String name, double[][] gen) {
        GaussianMixture p = EightGaussians.standard().density();
        double truth = mean(p.logDensity(EightGaussians.standard().sample(N, RandomSources.seeded(105))));
        double generated = mean(p.logDensity(gen));
        double ring = mean(p.logDensity(ring(N, 106)));
        System.out.printf("%s: mean log p generated %.4f, true %.4f, ring %.4f, bound %.2f%n", name, generated, truth,
                ring, LOG_DENSITY_BOUND);
        assertTrue(Math.abs(ring - truth) > LOG_DENSITY_BOUND, "the check must reject a ring: ring " + ring + ", true " + truth);
        assertTrue(Math.abs(generated - truth) < LOG_DENSITY_BOUND, name + ": mean log p of generated rows " + generated
                + " vs true " + truth + " (bound " + LOG_DENSITY_BOUND + " nats; a ring scores " + ring + ")");
    }

    /**
     * The three eight-Gaussian checks on {@value #N} rows of {@code g}: every component's share
     * (nearest mean) in 8%..17%, {@link #assertMmdClose} and {@link #assertEightGaussiansLogDensity}.
     */
    private static void assertSamplesEightGaussians(String name, Generator g) {
        double[][] x = g.sample(N, 1);
        double[] shares = Toys.modeShares(x, Toys.eightGaussians().means());
        System.out.println(name + " shares " + Arrays.toString(shares));
        for (int j = 0; j < 8; j++) {
            assertTrue(shares[j] >= 0.08 && shares[j] <= 0.17, name + ": component " + j + " share " + shares[j]);
        }
        assertMmdClose(name, x, EightGaussians.standard());
        assertEightGaussiansLogDensity(name, x);
    }

    /** n points of a uniform ring: angle uniform, radius 2 + 0.2 N(0, 1) (the components' radial spread). */
    private static double[][] ring(int n, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * rng.nextDouble();
            double r = EightGaussians.DEFAULT_RADIUS + EightGaussians.DEFAULT_SD * g.sample();
            out[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        return out;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    /**
     * The closed-form mixture given by its density (exact smoothed score at every level), no data,
     * with the defaults: AUTO picks the paper's loop (docs/method.md, "The generator loop") with f_q learners (qModel DDE; 3 x 64 softplus,
     * constant Adam 1e-3, 3 f_q steps per generator step and level). Measured: docs/generator.md,
     * "qModel DDE on eight Gaussians".
     */
    @Test
    void eightGaussiansFromClosedFormMixture() {
        GaussianMixture gm = Toys.eightGaussians();
        Generator g = new GeneratorTrainer(config()).train(GeneratorTarget.of(gm));
        assertSamplesEightGaussians("8 gaussians (closed form)", g);
    }

    @Test
    void eightGaussiansFromData() {
        GaussianMixture gm = Toys.eightGaussians();
        Generator g = trainOnDataKde(config(), gm.sample(N, RandomSources.seeded(5)));
        assertSamplesEightGaussians("8 gaussians (data)", g);
    }

    /**
     * The closed-form mixture with the KDE q-model chosen explicitly (the default, AUTO, picks f_q
     * learners for a score target; see {@link #eightGaussiansFromClosedFormMixture}): in two
     * dimensions the KDE q-score's one-sided bias is small enough, and the eight-Gaussian checks,
     * ring check included, pass (measured -2.03 against -1.69 for true rows).
     */
    @Test
    @Tag("extended")
    void eightGaussiansFromClosedFormMixtureWithKdeQModel() {
        GaussianMixture gm = Toys.eightGaussians();
        GeneratorConfig c = config().withQModel(GeneratorConfig.QModel.KDE, config().qSteps());
        Generator g = new GeneratorTrainer(c).train(GeneratorTarget.of(gm));
        assertSamplesEightGaussians("8 gaussians (closed form, qModel KDE)", g);
    }

    /**
     * A 16-D Gaussian given by its exact score, N(mu, diag(v)) with mu_j = +-0.5 and variances from
     * 0.5 to 2, from the identity start (so the generator must move: N(0, I) is 0.67 away in energy
     * distance) with the defaults, whose AUTO q-model picks f_q learners for a score target (the KDE
     * q-model diverges here within 40 steps; GeneratorTrainerTest). Cut to 300 steps for CI time.
     * Check: energy distance from 5,000 generated to 5,000 true rows below that of true rows with
     * 20% too little variance (computed here, about 0.020; two true samples: 0.002). Measured 0.0069.
     */
    @Test
    void sixteenDimensionalGaussianGivenByItsScore() {
        int d = 16;
        int n = 5000;
        double[] mu = new double[d];
        double[][] cov = new double[d][d];
        for (int j = 0; j < d; j++) {
            mu[j] = j % 2 == 0 ? 0.5 : -0.5;
            cov[j][j] = Math.pow(2, -1 + 2.0 * j / (d - 1));
        }
        MultivariateGaussian target = MultivariateGaussian.of(mu, cov);
        GeneratorConfig c = config().withNetwork(config().hidden(), config().activation(), config().skip(),
                GeneratorConfig.Init.IDENTITY).withSteps(300);
        Generator g = new GeneratorTrainer(c).train(GeneratorTarget.of(target));
        assertTrue(String.valueOf(g.provenance().get("qModel")).startsWith("DDE"), g.provenance().toString());
        double[][] truth = target.sample(n, RandomSources.seeded(110));
        double[][] narrow = target.sample(n, RandomSources.seeded(111));
        for (double[] r : narrow) {
            for (int j = 0; j < d; j++) {
                r[j] = mu[j] + (r[j] - mu[j]) * Math.sqrt(0.8);
            }
        }
        double bound = EnergyDistance.of(narrow, truth);
        double start = EnergyDistance.of(MultivariateGaussian.standard(d).sample(n, RandomSources.seeded(112)), truth);
        double generated = EnergyDistance.of(g.sample(n, 1), truth);
        System.out.printf("16-D Gaussian (score target): energy generated %.4f, bound (variances -20%%) %.4f, start %.4f%n",
                generated, bound, start);
        assertTrue(start > bound, "the check must reject the start: " + start + " vs " + bound);
        assertTrue(generated < bound, "16-D Gaussian: energy distance " + generated + " >= " + bound);
    }

    @Test
    @Tag("extended")
    void twoSpirals() {
        toyFromData("two spirals", TwoSpirals.standard());
    }

    /**
     * Checkerboard, with one more check: the share of generated rows on the board's eight squares
     * (where the density is positive) must be at least the share of true rows blurred by the
     * objective's smallest noise level (N(0, (sigma s_j)^2) per coordinate, sigma = 0.1 in standardised
     * units, s_j the data's scale, computed here: about 0.83). The objective compares q and p smoothed
     * at levels >= sigma, and q = p is its optimum; this asks for a generator at least as sharp as the
     * smoothed target at the finest level. Mode shares and MMD^2 pass for a generator that smears the
     * squares into each other; this does not (a uniform spread over the board's bounding box puts
     * half its rows on the squares; asserted to fail). Measured (docs/generator.md): 0.885 at the
     * defaults against 0.830 for the blurred truth.
     */
    @Test
    void checkerboard() {
        Toy toy = Checkerboard.standard();
        double[][] train = toy.sample(N, RandomSources.seeded(5));
        double[][] x = toyFromData("checkerboard", toy, train);
        double[] scales = Standardizer.fit(train).scales();
        double smoothed = onSupport(toy, blur(toy.sample(N, RandomSources.seeded(107)), config().sigma(), scales, 108));
        UniformRandomProvider rng = RandomSources.seeded(109);
        double[][] box = new double[N][];
        for (int i = 0; i < N; i++) {
            box[i] = new double[] {8 * rng.nextDouble() - 4, 8 * rng.nextDouble() - 4};
        }
        double spread = onSupport(toy, box);
        double generated = onSupport(toy, x);
        System.out.printf("checkerboard: share on the squares generated %.4f, true blurred at the smallest level %.4f,"
                + " uniform on the box %.4f%n", generated, smoothed, spread);
        assertTrue(spread < smoothed, "the check must reject a uniform spread: " + spread + " vs " + smoothed);
        assertTrue(generated >= smoothed, "checkerboard: share of generated rows on the squares " + generated
                + " < " + smoothed + " (true rows blurred by the smallest noise level)");
    }

    /** The share of rows where the toy's exact density is positive. */
    private static double onSupport(Toy toy, double[][] x) {
        return Arrays.stream(toy.density().logDensity(x)).filter(Double::isFinite).count() / (double) x.length;
    }

    /** x + N(0, (sigma scales_j)^2) per coordinate. */
    private static double[][] blur(double[][] x, double sigma, double[] scales, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomSources.seeded(seed));
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += sigma * scales[j] * g.sample();
            }
        }
        return out;
    }

    @Test
    @Tag("extended")
    void twoMoons() {
        toyFromData("two moons", TwoMoons.standard());
    }

    private static double[][] toyFromData(String name, Toy toy) {
        return toyFromData(name, toy, toy.sample(N, RandomSources.seeded(5)));
    }

    /** Trains on {@code train} with the defaults, checks mode shares and MMD^2, returns {@value #N} generated rows. */
    private static double[][] toyFromData(String name, Toy toy, double[][] train) {
        Generator g = trainOnDataKde(config(), train);
        double[][] x = g.sample(N, 1);
        assertModesCovered(name, toy, x);
        assertMmdClose(name, x, toy);
        return x;
    }

    /**
     * Penguins (4-D, 342 rows): 80/20 split; in the training split's standardised units, energy
     * distance from 2,000 generated rows to the held-out rows must be below that of 2,000 rows from
     * the Gaussian fitted to the training split. Averaged over three sample seeds to damp the
     * small test split's noise.
     */
    @Test
    @Tag("extended")
    void penguinsBeatAFittedGaussian() throws Exception {
        Path file = Path.of(GeneratorLongTest.class.getResource("/data/penguins.csv").toURI());
        double[][] rows = CsvReader.readFile(file).toArray();
        Split<double[][]> split = Splits.trainTest(rows, 0.2, 7);
        Standardizer s = Standardizer.fit(split.train());
        double[][] test = s.transform(split.test());
        Generator g = trainOnDataKde(config().withEvaluation(0, 2, 0, 0), split.train());
        MultivariateGaussian gauss = MultivariateGaussian.fit(split.train());
        double eg = 0;
        double eq = 0;
        for (int r = 0; r < 3; r++) {
            eg += EnergyDistance.of(s.transform(g.sample(2000, 10 + r)), test) / 3;
            UniformRandomProvider rng = RandomSources.seeded(20 + r);
            eq += EnergyDistance.of(s.transform(gauss.sample(2000, rng)), test) / 3;
        }
        System.out.printf("penguins: energy generator %.4f vs fitted Gaussian %.4f%n", eg, eq);
        assertTrue(eg < eq, "generator energy " + eg + " >= Gaussian " + eq);
    }
}
