package io.github.dde4j.cli;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.sampling.LangevinSampler;
import io.github.dde4j.dde.sampling.LangevinSettings;
import io.github.dde4j.dde.sampling.LangevinTarget;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.Refinement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Model files as the commands use them: columns, a normalised density, a row source. */
final class Models {

    private Models() {
    }

    /**
     * Refuses {@code rows} generated rows of {@code d} columns held in memory (evaluate, plot) when
     * they would take more than half the heap, before allocating them; the message names the flag.
     */
    static void requireHeapFor(String flag, long rows, int d) {
        long perRow = 32L + 8L * d; // array header, values and the reference to the row
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (rows > budget / perRow) {
            throw new UserException(String.format(java.util.Locale.ROOT, "%s %d: %d rows of %d columns need about %d MB, "
                    + "more than half this Java heap (%d MB); ask for at most %d rows, or give Java more heap with "
                    + "JAVA_OPTS=-Xmx...", flag, rows, rows, d, rows * perRow >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    budget / perRow));
        }
    }

    static Loaded load(Path file) throws IOException {
        return new Loaded(file, ModelFile.read(file));
    }

    /** A model read from a file. */
    static final class Loaded {
        final Path file;
        final ModelFile.Contents contents;
        private final ConstantColumns constants;

        Loaded(Path file, ModelFile.Contents contents) {
            this.file = file;
            this.contents = contents;
            this.constants = new ConstantColumns(contents.columns(), contents.constants());
        }

        List<String> columns() {
            return contents.columns();
        }

        int dimension() {
            return contents.columns().size();
        }

        /** The typed table's encoder, or null for an all-numeric model. */
        io.github.dde4j.core.table.TableEncoder encoder() {
            return contents.encoder();
        }

        boolean hasGenerator() {
            return contents.generator() != null;
        }

        /**
         * The normalised DDE density of full rows in the caller's units, when the model has a DDE
         * and log Z (with constant columns: see {@link ConstantColumns}).
         */
        Optional<Density> density() {
            Dde dde = contents.dde();
            return dde != null && dde.isNormalized() ? Optional.of(constants.density(dde)) : Optional.empty();
        }

        /** Whether some columns are constant (point masses, not in the DDE). */
        boolean hasConstantColumns() {
            return !constants.none();
        }

        /** Checks that {@code columns} (of a data file) are the model's columns. */
        void requireColumns(List<String> dataColumns) {
            if (!dataColumns.equals(columns())) {
                throw new UserException("the data's columns " + dataColumns + " are not the model's columns " + columns());
            }
        }

        /** The generator, or Langevin sampling on the DDE. */
        RowSource rowSource(Integer langevinSteps, boolean noGenerator, Common common) {
            return rowSource(langevinSteps, noGenerator, common, 0);
        }

        /**
         * The generator, its rows moved by {@code refineSteps} MALA steps on the model's DDE
         * ({@link Refinement}), or Langevin sampling on the DDE.
         */
        RowSource rowSource(Integer langevinSteps, boolean noGenerator, Common common, int refineSteps) {
            Generator g = contents.generator();
            UserException.requireAtLeast("--refine", refineSteps, 0);
            if (refineSteps > 0 && (g == null || noGenerator)) {
                throw new UserException("--refine moves a generator's rows, and " + file + (g == null ? " has no generator"
                        : " is sampled without it (--no-generator)") + "; use --langevin-steps for sampling on the DDE");
            }
            Refinement refinement = Refinement.mala(refineSteps);
            Generator refining = refineSteps > 0 ? g.withDataDde(contents.dde()) : g;
            if (g != null && !noGenerator) {
                return new RowSource.Blockwise(contents.columns(),
                        refineSteps > 0 ? "generator, " + refineSteps + " MALA steps on the DDE" : "generator",
                        (firstRow, n, seed, batch, sink) ->
                                refining.sample(firstRow, n, seed, constants.expand(sink), batch, refinement));
            }
            if (contents.dde() == null) {
                throw new UserException(file + " has no DDE for Langevin sampling");
            }
            return langevin(langevinSteps == null ? 300 : langevinSteps);
        }

        /**
         * Metropolis-adjusted Langevin on the DDE, started from the Gaussian fitted to the training
         * rows (stored in the model file); the step size is a fraction of the smallest smoothing
         * scale, so chains resolve the modes of the smoothed density.
         */
        private RowSource langevin(int steps) {
            UserException.requireAtLeast("--langevin-steps", steps, 1);
            // score and log density from one network pass per step
            LangevinTarget target = contents.dde().asLangevinTarget();
            MultivariateGaussian start = initialGaussian();
            double h = DdeSupport.sigma(contents.dde());
            double eps = Double.isFinite(h) ? 0.5 * h * h : 1e-3;
            // chains in fixed blocks, each with its own random stream: the rows for a seed do not
            // depend on --batch or on the number of threads (OMP_NUM_THREADS)
            return new RowSource.Blockwise(contents.columns(), "Langevin (MALA, " + steps + " steps) on the DDE",
                    (firstRow, n, seed, batch, sink) -> {
                        LangevinSettings settings = LangevinSettings.mala(eps, steps);
                        try {
                            LangevinSampler.stream(target, firstRow, n, start, settings, seed, constants.expand(sink));
                        } catch (UncheckedIOException e) {
                            throw e.getCause();
                        }
                    });
        }

        @SuppressWarnings("unchecked")
        private MultivariateGaussian initialGaussian() {
            Object g = contents.info().get("data_gaussian");
            if (g instanceof Map<?, ?> m) {
                List<Number> mean = (List<Number>) m.get("mean");
                List<List<Number>> cov = (List<List<Number>>) m.get("covariance");
                double[] mu = mean.stream().mapToDouble(Number::doubleValue).toArray();
                double[][] c = cov.stream().map(r -> r.stream().mapToDouble(Number::doubleValue).toArray()).toArray(double[][]::new);
                return MultivariateGaussian.of(mu, c);
            }
            return MultivariateGaussian.standard(contents.modelledColumns().size());
        }
    }
}
