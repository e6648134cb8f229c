package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.CsvWriter;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.metrics.EnergyDistance;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.toy.EightGaussians;
import io.github.dde4j.core.toy.Toys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Data and checks for the pipeline benchmarks ({@code generator-side-by-side.sh}, {@code fit-speed.sh}):
 * <ul>
 *   <li>{@code write-8g FILE N SEED}: N rows of the 2-D eight Gaussians (radius 2, sd 0.2) as CSV;</li>
 *   <li>{@code write-mixture FILE N D SEED}: N rows of a D-dimensional mixture of 5 Gaussians with
 *   random means (spread 3) and random covariances (a table of many columns for timing);</li>
 *   <li>{@code check-8g FILE...}: for each CSV of generated eight-Gaussian rows, one JSON line: the
 *   smallest and largest mode share, MMD^2 to 2,000 fresh true rows (Gaussian kernel of bandwidth
 *   0.5 in the standardised units of true rows, the PyTorch recipe's measure; the same between two
 *   true samples is printed as {@code mmd2_true}) and the mean exact log density (true rows about
 *   -1.69; a ring through the modes about -3.75);</li>
 *   <li>{@code energy REFERENCE FILE...}: for each CSV, one JSON line with its energy distance to the
 *   rows of REFERENCE (at most 2,000 rows of each, in the standardised units of REFERENCE).</li>
 * </ul>
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    /**
     * Runs one of the subcommands above.
     *
     * @param args the subcommand and its arguments
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: write-8g FILE N SEED | write-mixture FILE N D SEED | check-8g FILE... | energy REFERENCE FILE...");
        }
        switch (args[0]) {
            case "write-8g" -> write(Path.of(args[1]), EightGaussians.standard().sample(Integer.parseInt(args[2]),
                    RandomSources.seeded(Long.parseLong(args[3]))));
            case "write-mixture" -> write(Path.of(args[1]), mixture(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4])));
            case "check-8g" -> {
                for (int i = 1; i < args.length; i++) {
                    System.out.println(check(args[i]));
                }
            }
            case "energy" -> {
                for (int i = 2; i < args.length; i++) {
                    System.out.println(energy(args[1], args[i]));
                }
            }
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
        }
    }

    private static void write(Path file, double[][] rows) throws Exception {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < rows[0].length; j++) {
            names.add("x" + j);
        }
        CsvWriter.write(file, 8, w -> {
            w.writeHeader(names);
            for (double[] r : rows) {
                w.writeRow(r);
            }
        });
    }

    /**
     * n rows of a mixture of five Gaussians in d dimensions with equal weights: means N(0, 9 I),
     * covariances A A^T / d + 0.1 I with A standard normal (d x d).
     */
    static double[][] mixture(int n, int d, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        MultivariateGaussian[] parts = new MultivariateGaussian[5];
        for (int c = 0; c < parts.length; c++) {
            double[][] a = MultivariateGaussian.standard(d).sample(d, rng);
            double[] mean = MultivariateGaussian.standard(d).sample(1, rng)[0];
            double[][] cov = new double[d][d];
            for (int i = 0; i < d; i++) {
                mean[i] *= 3;
                for (int j = 0; j < d; j++) {
                    double sum = 0;
                    for (int t = 0; t < d; t++) {
                        sum += a[i][t] * a[j][t];
                    }
                    cov[i][j] = sum / d + (i == j ? 0.1 : 0);
                }
            }
            parts[c] = MultivariateGaussian.of(mean, cov);
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = parts[rng.nextInt(parts.length)].sample(1, rng)[0];
        }
        return out;
    }

    private static String energy(String reference, String file) throws Exception {
        double[][] ref = CsvReader.readFile(Path.of(reference)).toArray();
        double[][] gen = CsvReader.readFile(Path.of(file)).toArray();
        Standardizer st = Standardizer.fit(ref);
        double e = EnergyDistance.of(st.transform(Arrays.copyOf(gen, Math.min(2000, gen.length))),
                st.transform(Arrays.copyOf(ref, Math.min(2000, ref.length))));
        return String.format(Locale.ROOT, "{\"file\": \"%s\", \"rows\": %d, \"energy\": %.5f}", file, gen.length, e);
    }

    private static String check(String file) throws Exception {
        double[][] gen = CsvReader.readFile(Path.of(file)).toArray();
        EightGaussians toy = EightGaussians.standard();
        double[][] truth = toy.sample(2000, RandomSources.seeded(101));
        double[][] truth2 = toy.sample(2000, RandomSources.seeded(102));
        double[] sd = new double[2];
        for (double[] r : truth) {
            for (int j = 0; j < 2; j++) {
                sd[j] += r[j] * r[j] / truth.length;
            }
        }
        double[] scale = {Math.sqrt(sd[0]), Math.sqrt(sd[1])};
        double[][] g2000 = scaled(Arrays.copyOf(gen, Math.min(2000, gen.length)), scale);
        double mmd = Mmd.unbiased(g2000, scaled(truth, scale), 0.5);
        double mmdTrue = Mmd.unbiased(scaled(truth2, scale), scaled(truth, scale), 0.5);
        double[] shares = Toys.modeShares(toy, gen);
        double logp = Arrays.stream(toy.density().logDensity(gen)).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "{\"file\": \"%s\", \"rows\": %d, \"mode_share_min\": %.4f, \"mode_share_max\": %.4f,"
                        + " \"mmd2\": %.6f, \"mmd2_true\": %.6f, \"mean_true_log_density\": %.4f}", file, gen.length,
                Arrays.stream(shares).min().orElse(0), Arrays.stream(shares).max().orElse(0), mmd, mmdTrue, logp);
    }

    private static double[][] scaled(double[][] x, double[] scale) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[] {x[i][0] / scale[0], x[i][1] / scale[1]};
        }
        return out;
    }
}
