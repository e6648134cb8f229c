package io.github.dde4j.benchmarks;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.GeneratorConfig;
import io.github.dde4j.generator.GeneratorTarget;
import io.github.dde4j.generator.GeneratorTrainer;
import io.github.dde4j.dde.nn.Activation;
import io.github.dde4j.generator.nn.MlpGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Programmatic speed measurements of the generator (used by {@code dde4j bench sample --json} and
 * the JMH class in benchmarks/): sampling throughput in rows per second through the streaming API
 * (latent draws, one forward pass, inverse standardisation, delivery to a sink that reads every
 * value), the cost of the bare forward pass for comparison, and generator training steps per second.
 *
 * <p>Run: {@code java -cp <benchmarks classes + deps> io.github.dde4j.benchmarks.GeneratorBenchmark [--quick]}
 * (one JSON line per case).
 */
public final class GeneratorBenchmark {

    private GeneratorBenchmark() {
    }

    /**
     * One measured case.
     *
     * @param name          "sample", "forward" or "train"
     * @param dimension     d (= latent k)
     * @param width         hidden width (two hidden layers)
     * @param rows          rows produced (sample/forward) or batch size (train)
     * @param steps         training steps timed (0 for sampling)
     * @param seconds       wall time of the timed part
     * @param rowsPerSecond rows / seconds (sampling), NaN for training
     * @param stepsPerSecond steps / seconds (training), NaN for sampling
     */
    public record Result(String name, int dimension, int width, long rows, long steps, double seconds,
                         double rowsPerSecond, double stepsPerSecond) {
        /**
         * One JSON object on one line.
         *
         * @return the line, without a line break
         */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"bench\":\"generator-%s\",\"d\":%d,\"width\":%d,\"rows\":%d,\"steps\":%d,\"seconds\":%.4f,"
                            + "\"rows_per_second\":%s,\"steps_per_second\":%s,\"ms_per_step\":%s}",
                    name, dimension, width, rows, steps, seconds, num(rowsPerSecond), num(stepsPerSecond),
                    num(Double.isNaN(stepsPerSecond) ? Double.NaN : 1000 / stepsPerSecond));
        }

        private static String num(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "null";
        }
    }

    /**
     * A randomly initialised float32 residual MLP generator d -> d with two hidden layers of {@code width}.
     *
     * @param d     dimension d (= latent dimension)
     * @param width hidden width
     * @param seed  seed of the initial weights
     * @return the generator
     */
    public static Generator benchmarkGenerator(int d, int width, long seed) {
        MlpGenerator net = MlpGenerator.create(d, d, new int[] {width, width}, Activation.SILU,
                MlpGenerator.Skip.AFFINE, 0.1, DataType.FLOAT, RandomSources.seeded(seed));
        return new Generator(net, null, null, null, null);
    }

    /**
     * Streams {@code rows} rows of a d-dimensional generator to a sink that sums every value
     * (so nothing is optimised away), after one warm-up batch.
     *
     * @param d     dimension
     * @param width hidden width
     * @param rows  rows to stream
     * @return the measurement
     */
    public static Result sampling(int d, int width, long rows) {
        Generator g = benchmarkGenerator(d, width, 1);
        double[] sink = new double[1];
        try {
            g.sample(Generator.DEFAULT_BATCH, 2L, (r, c) -> sink[0] += r[0][0]);
            long t0 = System.nanoTime();
            g.sample(rows, 3L, (r, c) -> {
                double s = 0;
                for (int i = 0; i < c; i++) {
                    for (double v : r[i]) {
                        s += v;
                    }
                }
                sink[0] += s;
            });
            double sec = (System.nanoTime() - t0) / 1e9;
            if (Double.isNaN(sink[0])) {
                throw new IllegalStateException("NaN in benchmark output");
            }
            return new Result("sample", d, width, rows, 0, sec, rows / sec, Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bare forward pass, single-threaded, on one pre-drawn latent block of
     * {@link Generator#BLOCK} rows through the inference path sampling uses
     * ({@link MlpGenerator#inference}): the per-core floor for sampling.
     *
     * @param d     dimension
     * @param width hidden width
     * @param rows  rows to run (whole blocks)
     * @return the measurement
     */
    public static Result forward(int d, int width, long rows) {
        Generator g = benchmarkGenerator(d, width, 1);
        MlpGenerator net = (MlpGenerator) g.network();
        int batch = Generator.BLOCK;
        MlpGenerator.Inference inf = net.inference(batch);
        float[] z = new float[batch * d];
        var rng = RandomSources.seeded(4);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (2 * rng.nextDouble() - 1);
        }
        float[] out = new float[batch * d];
        inf.forward(z, batch, out);
        long batches = Math.max(1, rows / batch);
        long t0 = System.nanoTime();
        for (long b = 0; b < batches; b++) {
            inf.forward(z, batch, out);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        return new Result("forward", d, width, batches * batch, 0, sec, batches * batch / sec, Double.NaN);
    }

    /** The defaults with a d-width-width-width-d MLP from the identity start, batch and KDE reference sizes, no evaluation. */
    private static GeneratorConfig trainingConfig(int width, int batch) {
        return GeneratorConfig.defaults().withNetwork(List.of(width, width, width),
                        GeneratorConfig.defaults().activation(), MlpGenerator.Skip.AFFINE, GeneratorConfig.Init.IDENTITY)
                .withBatch(batch, 2 * batch).withEvaluation(0, 100, 0, 0);
    }

    /**
     * Times {@code train.accept(steps)} (a training run of that many steps) after a 3-step warm-up
     * run, as one result of {@code batch}-row steps.
     */
    private static Result timedTraining(String name, int d, int width, int batch, int steps,
                                        java.util.function.IntConsumer train) {
        train.accept(3);
        long t0 = System.nanoTime();
        train.accept(steps);
        double sec = (System.nanoTime() - t0) / 1e9;
        return new Result(name, d, width, batch, steps, sec, Double.NaN, steps / sec);
    }

    /**
     * Generator training steps per second against a closed-form Gaussian target (so the target's
     * side costs next to nothing): the defaults, so qModel AUTO trains f_q learners (3 x 64, 3 steps
     * per generator step and level: a KDE q-score against a score target diverges in high dimension,
     * see {@link GeneratorConfig#qModelFor}), the default multi-scale levels, batch {@code batch}.
     *
     * @param d     dimension
     * @param width hidden width
     * @param batch generator batch
     * @param steps timed steps
     * @return the measurement
     */
    public static Result training(int d, int width, int batch, int steps) {
        GeneratorConfig c = trainingConfig(width, batch);
        GeneratorTarget t = GeneratorTarget.of(MultivariateGaussian.standard(d));
        return timedTraining("train", d, width, batch, steps, n -> new GeneratorTrainer(c.withSteps(n)).train(t));
    }

    /**
     * Generator training steps per second against a KDE target, as {@code trainOnData} trains:
     * {@link GeneratorTarget#ofSampler} of a standard Gaussian with a reference set of
     * {@code 2 * batch} rows redrawn every step (the same size as the generator's own KDE reference
     * set). Each level needs the target's score and log density: one pass over the reference set
     * since {@link GeneratorTarget#smoothed}, two before.
     *
     * @param d     dimension
     * @param width hidden width
     * @param batch generator batch
     * @param steps timed steps
     * @return the measurement
     */
    public static Result trainingKde(int d, int width, int batch, int steps) {
        GeneratorConfig c = trainingConfig(width, batch);
        GeneratorTarget t = GeneratorTarget.ofSampler(MultivariateGaussian.standard(d), 2 * batch);
        return timedTraining("train-kde", d, width, batch, steps, n -> new GeneratorTrainer(c.withSteps(n)).train(t));
    }

    /**
     * Generator training steps per second against the KDE of 2,000 rows of the 2-D eight Gaussians
     * ({@code fit --generator-target data}; {@link GeneratorTarget#ofData}), batch {@code batch}, otherwise
     * {@link GeneratorConfig#defaults()} (hidden 128 x 3, 4 levels, qModel KDE with 1,024 reference
     * rows, so the data target's KDE also uses 1,024 resampled rows per step), evaluation off.
     *
     * @param batch generator batch
     * @param steps timed steps
     * @return the measurement
     */
    public static Result trainingEightGaussiansData(int batch, int steps) {
        double[][] rows = io.github.dde4j.core.toy.EightGaussians.standard().sample(2000, RandomSources.seeded(5));
        GeneratorConfig c = GeneratorConfig.defaults().withBatch(batch, GeneratorConfig.defaults().qReferenceSize())
                .withEvaluation(0, 100, 0, 0);
        io.github.dde4j.core.data.Standardizer st = io.github.dde4j.core.data.Standardizer.fit(rows);
        GeneratorTarget t = GeneratorTarget.ofData(st.transform(rows), c.qReferenceSize());
        return timedTraining("train-data-8g", 2, 128, batch, steps,
                n -> new GeneratorTrainer(c.withSteps(n)).withStandardizer(st).train(t));
    }

    /**
     * Generator training steps per second on the product path, {@code fit --generator}'s step: the
     * target {@link GeneratorTarget#ofDde(io.github.dde4j.dde.Dde, double[][])} of a data DDE fitted
     * once on 2,000 rows of the 2-D eight Gaussians (DDE defaults, 3 x 128; its steps are not timed:
     * a step costs the same whatever the fit), the level DDEs fitted in the warm-up run, the defaults
     * otherwise (batch {@code batch}, hidden 128 x 3, 4 levels, KDE q-model of 1,024 rows), evaluation off.
     *
     * @param batch generator batch
     * @param steps timed steps
     * @return the measurement
     */
    public static Result trainingEightGaussiansDde(int batch, int steps) {
        double[][] rows = io.github.dde4j.core.toy.EightGaussians.standard().sample(2000, RandomSources.seeded(5));
        io.github.dde4j.dde.Dde dde = new io.github.dde4j.dde.DdeTrainer(io.github.dde4j.dde.DdeConfig.builder()
                .sigma(0.1).steps(200).seed(1).build()).fit(rows);
        GeneratorConfig c = GeneratorConfig.defaults().withBatch(batch, GeneratorConfig.defaults().qReferenceSize())
                .withEvaluation(0, 100, 0, 0);
        GeneratorTarget t = GeneratorTarget.ofDde(dde, rows);
        return timedTraining("train-dde-8g", 2, 128, batch, steps,
                n -> new GeneratorTrainer(c.withSteps(n)).withStandardizer(dde.standardizer()).train(t));
    }

    /**
     * Generator training steps per second with the paper's loop (qModel DDE;
     * docs/method.md, "The generator loop"): one f_q learner per
     * level (3 x 64 softplus, low-variance objective, constant Adam 1e-3), {@code qSteps} f_q steps
     * per generator step and level on {@code batch} fresh generator rows, against the closed-form
     * eight-Gaussians mixture (the long test's set-up); otherwise the defaults.
     *
     * @param batch  generator batch
     * @param qSteps f_q steps per generator step and level
     * @param steps  timed steps
     * @return the measurement
     */
    public static Result trainingQModelDde(int batch, int qSteps, int steps) {
        GeneratorConfig c = GeneratorConfig.defaults().withBatch(batch, GeneratorConfig.defaults().qReferenceSize())
                .withQModel(GeneratorConfig.QModel.DDE, qSteps).withEvaluation(0, 100, 0, 0);
        io.github.dde4j.generator.DdeLearnerFactory fq = io.github.dde4j.generator.DdeLearnerFactory.defaults();
        GeneratorTarget t = GeneratorTarget.of(io.github.dde4j.core.toy.Toys.eightGaussians());
        return timedTraining("train-qdde-8g", 2, 128, batch, steps, n -> new GeneratorTrainer(c.withSteps(n)).withQLearners(fq).train(t));
    }

    /**
     * Generator training steps per second against a Monte Carlo smoothed field target
     * ({@link GeneratorTarget#ofDde(io.github.dde4j.dde.ScalarField, double, int)} with the closed-form
     * field f(x) = -|x|^2 / 2 at sigma_p = 0.1 and {@code mc} draws per point), so that the timed work is
     * the smoothing (draws, softmax weights, logmeanexp) rather than a network.
     *
     * @param d     dimension
     * @param width hidden width
     * @param batch generator batch
     * @param steps timed steps
     * @param mc    Monte Carlo draws per point
     * @return the measurement
     */
    public static Result trainingMonteCarlo(int d, int width, int batch, int steps, int mc) {
        GeneratorConfig c = trainingConfig(width, batch);
        io.github.dde4j.dde.ScalarField f = new io.github.dde4j.dde.ScalarField() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public org.nd4j.linalg.api.ndarray.INDArray value(org.nd4j.linalg.api.ndarray.INDArray x) {
                return x.mul(x).sum(1).muli(-0.5);
            }

            @Override
            public org.nd4j.linalg.api.ndarray.INDArray inputGradient(org.nd4j.linalg.api.ndarray.INDArray x) {
                return x.neg();
            }
        };
        GeneratorTarget t = GeneratorTarget.ofDde(f, 0.1, mc);
        return timedTraining("train-mc", d, width, batch, steps, n -> new GeneratorTrainer(c.withSteps(n)).train(t));
    }

    /**
     * The standard set: sampling for d = 2, 4, 64 (width 128), forward floors, training at d = 2 and 64.
     *
     * @param quick shorter runs (200,000 rows, 10 steps)
     * @return the results in the order measured
     */
    public static List<Result> runAll(boolean quick) {
        List<Result> out = new ArrayList<>();
        runAll(quick, out::add);
        return out;
    }

    /** {@link #runAll(boolean)}, handing each result to {@code sink} as soon as it is measured. */
    private static void runAll(boolean quick, java.util.function.Consumer<Result> sink) {
        long rows = quick ? 200_000 : 2_000_000;
        int steps = quick ? 10 : 100;
        for (int d : new int[] {2, 4, 64}) {
            sink.accept(sampling(d, 128, rows));
            sink.accept(forward(d, 128, rows));
        }
        sink.accept(training(2, 128, 512, steps));
        sink.accept(training(64, 128, 512, steps));
        sink.accept(trainingKde(2, 128, 512, steps));
        sink.accept(trainingKde(64, 128, 512, steps));
        sink.accept(trainingMonteCarlo(2, 128, 512, steps, 16));
        sink.accept(trainingEightGaussiansData(256, steps));
        sink.accept(trainingEightGaussiansDde(512, steps));
        sink.accept(trainingQModelDde(512, 3, steps));
    }

    /**
     * {@code [--quick] [--train-only | --kde-only | --dde-only]}: one JSON line per case; {@code --dde-only}
     * runs only the product path's step ({@code train-dde-8g}); {@code --train-only} skips the
     * sampling and forward cases, {@code --kde-only} runs only the KDE-target training cases
     * ({@code train-kde} d = 2 and 64, {@code train-data-8g}).
     *
     * @param args the switches above
     */
    public static void main(String[] args) {
        BenchArgs a = new BenchArgs(args, Set.of(), Set.of("--quick", "--train-only", "--kde-only", "--dde-only"));
        boolean quick = a.has("--quick");
        int steps = quick ? 10 : 100;
        if (a.has("--train-only")) {
            System.out.println(training(2, 128, 512, steps).toJson());
            System.out.println(trainingKde(2, 128, 512, steps).toJson());
            System.out.println(trainingKde(64, 128, 512, steps).toJson());
            System.out.println(trainingMonteCarlo(2, 128, 512, steps, 16).toJson());
            System.out.println(trainingEightGaussiansData(256, steps).toJson());
            System.out.println(trainingEightGaussiansDde(512, steps).toJson());
            System.out.println(trainingQModelDde(512, 3, steps).toJson());
            return;
        }
        if (a.has("--dde-only")) {
            System.out.println(trainingEightGaussiansDde(512, steps).toJson());
            return;
        }
        if (a.has("--kde-only")) {
            System.out.println(trainingKde(2, 128, 512, steps).toJson());
            System.out.println(trainingKde(64, 128, 512, steps).toJson());
            System.out.println(trainingEightGaussiansData(256, steps).toJson());
            return;
        }
        runAll(quick, r -> System.out.println(r.toJson()));
    }
}
