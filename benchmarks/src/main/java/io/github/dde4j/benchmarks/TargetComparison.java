package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.Split;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.metrics.EnergyDistance;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.GeneratorConfig;
import io.github.dde4j.generator.GeneratorTarget;
import io.github.dde4j.generator.GeneratorTrainer;
import io.github.dde4j.generator.Refinement;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The two generator targets side by side on one table, with the defaults: the DDE-driven path
 * ({@code trainOnData}: data DDE, then the generator from it) and the KDE of the rows
 * ({@code GeneratorTarget.ofData}). A 75/25 split (seed 42); in the training split's standardised
 * units, for 5,000 generated rows: energy distance to the held-out rows (and that of the smoothed
 * target, training rows plus N(0, sigma^2 I), and of a fitted Gaussian), the mean distance of a
 * generated row to its closest training row (DCR; held-out rows' own DCR for comparison: a
 * generator that copies training rows scores below it), training seconds and generator steps. With
 * {@code --refine K} also the DDE generator's rows after K MALA steps and the cost per row. One JSON
 * line per row of the table.
 *
 * <p>{@code TargetComparison TABLE.csv|eight-gaussians [--refine K]}
 */
public final class TargetComparison {

    private TargetComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args a CSV file (numeric columns with a header) or {@code eight-gaussians}, then options
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(Arrays.copyOfRange(args, 1, args.length), java.util.Set.of("--refine"), java.util.Set.of());
        double[][] rows = args[0].equals("eight-gaussians")
                ? EightGaussians.standard().sample(2000, RandomSources.seeded(5))
                : CsvReader.readFile(Path.of(args[0])).toArray();
        int refine = a.integer("--refine", 0);
        Split<double[][]> split = Splits.trainTest(rows, 0.25, 42);
        Standardizer s = Standardizer.fit(split.train());
        double[][] train = s.transform(split.train());
        double[][] test = s.transform(split.test());
        GeneratorConfig config = GeneratorConfig.defaults();
        UniformRandomProvider rng = RandomSources.seeded(9);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] smoothed = new double[5000][];
        for (int i = 0; i < smoothed.length; i++) {
            smoothed[i] = train[rng.nextInt(train.length)].clone();
            for (int j = 0; j < smoothed[i].length; j++) {
                smoothed[i][j] += config.sigma() * g.sample();
            }
        }
        double eSmoothed = EnergyDistance.of(smoothed, test);
        double eGauss = EnergyDistance.of(MultivariateGaussian.fit(train, 1e-9).sample(5000, RandomSources.seeded(10)), test);
        String name = Path.of(args[0]).getFileName().toString().replace(".csv", "");
        System.out.println(String.format(Locale.ROOT, "{\"table\": \"%s\", \"rows\": %d, \"d\": %d, \"energy_smoothed\": %.5f,"
                + " \"energy_gaussian\": %.5f, \"dcr_held_out\": %.4f}", name, rows.length, train[0].length, eSmoothed, eGauss,
                meanDcr(test, train)));

        long t0 = System.nanoTime();
        Generator dde = new GeneratorTrainer(config).trainOnData(split.train());
        report(name, "dde", dde, (System.nanoTime() - t0) / 1e9, s, train, test, eSmoothed, Refinement.NONE);
        if (refine > 0) {
            report(name, "dde+refine" + refine, dde, Double.NaN, s, train, test, eSmoothed, Refinement.mala(refine));
        }
        t0 = System.nanoTime();
        Generator data = new GeneratorTrainer(config).withStandardizer(s)
                .train(GeneratorTarget.ofData(train, config.qReferenceSize()));
        report(name, "data", data, (System.nanoTime() - t0) / 1e9, s, train, test, eSmoothed, Refinement.NONE);
    }

    private static void report(String name, String target, Generator gen, double seconds, Standardizer s, double[][] train,
                               double[][] test, double eSmoothed, Refinement r) {
        long t0 = System.nanoTime();
        double[][] x = s.transform(gen.sample(5000, 3L, r));
        double perRow = (System.nanoTime() - t0) / 1e3 / 5000;
        double e = EnergyDistance.of(x, test);
        String extra = "";
        if (train[0].length == 2 && name.equals("eight-gaussians")) {
            EightGaussians toy = EightGaussians.standard();
            double[] logp = toy.density().logDensity(s.inverse(x));
            extra = String.format(Locale.ROOT, ", \"mean_true_log_density\": %.4f", Arrays.stream(logp).average().orElse(Double.NaN));
        }
        System.out.println(String.format(Locale.ROOT, "{\"table\": \"%s\", \"target\": \"%s\", \"seconds\": %.1f, \"steps\": %s,"
                        + " \"converged\": %s, \"energy\": %.5f, \"energy_over_smoothed\": %.3f, \"dcr\": %.4f,"
                        + " \"sample_microseconds_per_row\": %.2f%s}", name, target, seconds, gen.provenance().get("steps"),
                gen.provenance().get("converged"), e, e / eSmoothed, meanDcr(x, train), perRow, extra));
    }

    /** Mean over the rows of x of the Euclidean distance to the closest row of ref. */
    static double meanDcr(double[][] x, double[][] ref) {
        return Arrays.stream(x).parallel().mapToDouble(r -> {
            double best = Double.POSITIVE_INFINITY;
            for (double[] q : ref) {
                double ss = 0;
                for (int j = 0; j < r.length; j++) {
                    double dlt = r[j] - q[j];
                    ss += dlt * dlt;
                }
                best = Math.min(best, ss);
            }
            return Math.sqrt(best);
        }).average().orElse(Double.NaN);
    }
}
