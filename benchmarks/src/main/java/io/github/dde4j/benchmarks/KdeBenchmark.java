package io.github.dde4j.benchmarks;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.kde.GaussianKde;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A plain programmatic benchmark of {@link GaussianKde#logDensity(double[][])}: the time to build
 * the estimator and evaluate the log density of m queries against n training points, with the
 * accuracy checked on a subset of queries against the same estimator with pruning off (tolerance
 * 0: every kernel summed), so the reported error is what pruning costs. That the unpruned sum
 * itself is right is checked by the kde module's tests against an independent oracle.
 *
 * <p>Used by the CLI's {@code bench kde} and by {@code benchmarks/kde-side-by-side.sh}. The
 * accuracy measure is max |log p - exact| / max(1, |exact|), as the peers report it.
 *
 * <pre>
 *   KdeBenchmark.Result r = KdeBenchmark.run(KdeBenchmark.Options.standardNormal(100_000, 10_000, 2, 0.1, 0));
 *   System.out.println(r.toJson());
 * </pre>
 */
public final class KdeBenchmark {

    private KdeBenchmark() {
    }

    /**
     * What to measure.
     *
     * @param train     training points (n x d)
     * @param queries   query points (m x d)
     * @param bandwidth isotropic bandwidth h
     * @param repeats   timed repetitions after one untimed warm-up run (>= 1; 0 = a single cold run)
     * @param checked   number of queries checked against brute force (evenly spaced; 0 = none)
     * @param label     a free-form description of the data (e.g. "standard-normal seed 0")
     */
    public record Options(double[][] train, double[][] queries, double bandwidth, int repeats, int checked, String label) {

        /**
         * Validates the inputs and the counts.
         *
         * @param train     training points (n x d)
         * @param queries   query points (m x d)
         * @param bandwidth isotropic bandwidth h
         * @param repeats   timed repetitions after the warm-up run
         * @param checked   queries checked against the unpruned sum
         * @param label     a description of the data
         */
        public Options {
            int d = Checks.requirePoints(train, -1, "train");
            Checks.requirePoints(queries, d, "queries");
            Checks.requirePositive(bandwidth, "bandwidth");
            Checks.requireAtLeast(repeats, 0, "repeats");
            Checks.requireAtLeast(checked, 0, "checked");
        }

        /**
         * Standard-normal training points and queries from a seed (the setting the peers are timed in).
         *
         * @param n         training points
         * @param m         queries
         * @param d         dimension
         * @param bandwidth isotropic bandwidth h
         * @param seed      seed of the data
         * @return the options (3 timed repeats, 200 checked queries)
         */
        public static Options standardNormal(int n, int m, int d, double bandwidth, long seed) {
            UniformRandomProvider rng = RandomSources.seeded(seed);
            return new Options(BenchData.standardNormal(rng, n, d), BenchData.standardNormal(rng, m, d), bandwidth, 3, 200,
                    "standard-normal seed " + seed);
        }
    }

    /**
     * One measurement.
     *
     * @param n                training points
     * @param m                queries
     * @param d                dimension
     * @param bandwidth        isotropic bandwidth h
     * @param seconds          fastest wall time of build + logDensity over the timed repetitions
     * @param coldSeconds      wall time of the first (untimed, JIT-cold) run
     * @param maxRelativeError max |log p - exact| / max(1, |exact|) over the checked queries
     * @param checked          number of queries checked against brute force
     * @param threads          processors used
     * @param label            description of the data
     */
    public record Result(int n, int m, int d, double bandwidth, double seconds, double coldSeconds,
                         double maxRelativeError, int checked, int threads, String label) {

        /**
         * One JSON line with the keys the peers report (plus the extra fields).
         *
         * @return the line, without a line break
         */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"peer\": \"dde4j\", \"n\": %d, \"m\": %d, \"dim\": %d, \"bandwidth\": %s, \"seconds\": %s, "
                            + "\"cold_seconds\": %s, \"max_rel_error\": %s, \"checked\": %d, \"threads\": %d, \"data\": \"%s\"}",
                    n, m, d, bandwidth, seconds, coldSeconds, maxRelativeError, checked, threads, label.replace("\"", "'"));
        }
    }

    /**
     * Runs the measurement.
     *
     * @param o what to measure
     * @return the measurement
     */
    public static Result run(Options o) {
        double[] ld = null;
        long t0 = System.nanoTime();
        ld = GaussianKde.of(o.train(), o.bandwidth()).logDensity(o.queries());
        double cold = (System.nanoTime() - t0) * 1e-9;
        double best = cold;
        for (int r = 0; r < o.repeats(); r++) {
            long t = System.nanoTime();
            ld = GaussianKde.of(o.train(), o.bandwidth()).logDensity(o.queries());
            double s = (System.nanoTime() - t) * 1e-9;
            best = r == 0 ? s : Math.min(best, s);
        }
        int m = o.queries().length;
        int checked = Math.min(o.checked(), m);
        double err = 0;
        if (checked > 0) {
            int[] at = new int[checked];
            double[][] picked = new double[checked][];
            for (int c = 0; c < checked; c++) {
                at[c] = (int) ((long) c * m / checked);
                picked[c] = o.queries()[at[c]];
            }
            // tolerance 0 sums every kernel (no pruning); the independent oracle is in kde's tests
            double[] exact = GaussianKde.builder(o.train()).bandwidth(o.bandwidth()).tolerance(0).build()
                    .logDensity(picked);
            for (int c = 0; c < checked; c++) {
                err = Math.max(err, Math.abs(ld[at[c]] - exact[c]) / Math.max(1.0, Math.abs(exact[c])));
            }
        }
        return new Result(o.train().length, m, o.train()[0].length, o.bandwidth(), best, cold, err, checked,
                Runtime.getRuntime().availableProcessors(), o.label());
    }

    /**
     * Command line: {@code KdeBenchmark [--n N] [--m M] [--dim D] [--bandwidth H] [--seed S]
     * [--repeats R] [--check C] [--train FILE --queries FILE]}; prints one JSON line.
     *
     * @param args the options above
     * @throws IOException when a --train or --queries file cannot be read
     */
    public static void main(String[] args) throws IOException {
        BenchArgs a = new BenchArgs(args, Set.of("--n", "--m", "--dim", "--bandwidth", "--seed", "--repeats", "--check",
                "--train", "--queries"), Set.of());
        double h = a.real("--bandwidth", 0.1);
        int repeats = a.integer("--repeats", 3);
        int check = a.integer("--check", 200);
        Path train = a.path("--train");
        Path queries = a.path("--queries");
        Options o;
        if (train != null || queries != null) {
            if (train == null || queries == null) {
                throw new IllegalArgumentException("--train and --queries go together");
            }
            o = new Options(BenchData.readCsv(train), BenchData.readCsv(queries), h, repeats, check, train.getFileName().toString());
        } else {
            Options s = Options.standardNormal(a.integer("--n", 10_000), a.integer("--m", 10_000), a.integer("--dim", 2), h,
                    a.longInteger("--seed", 0));
            o = new Options(s.train(), s.queries(), h, repeats, check, s.label());
        }
        System.out.println(run(o).toJson());
    }
}
