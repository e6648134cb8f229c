package io.github.dde4j.cli;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.RowSink;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.sampling.LangevinSampler;
import io.github.dde4j.dde.sampling.LangevinSettings;
import io.github.dde4j.dde.sampling.LangevinTarget;
import io.github.dde4j.generator.Generator;

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

    static Loaded load(Path file) throws IOException {
        return new Loaded(file, ModelFile.read(file));
    }

    /** A model read from a file. */
    static final class Loaded {
        final Path file;
        final ModelFile.Contents contents;

        Loaded(Path file, ModelFile.Contents contents) {
            this.file = file;
            this.contents = contents;
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

        /** The normalised DDE density in the caller's units, when the model has a DDE and log Z. */
        Optional<Density> density() {
            Dde dde = contents.dde();
            return dde != null && dde.isNormalized() ? Optional.of(dde) : Optional.empty();
        }

        /** Checks that {@code columns} (of a data file) are the model's columns. */
        void requireColumns(List<String> dataColumns) {
            if (!dataColumns.equals(columns())) {
                throw new UserException("the data's columns " + dataColumns + " are not the model's columns " + columns());
            }
        }

        /** The generator, or Langevin sampling on the DDE. */
        RowSource rowSource(Integer langevinSteps, boolean noGenerator, Common common) {
            Generator g = contents.generator();
            if (g != null && !noGenerator) {
                return new RowSource() {
                    @Override
                    public List<String> columns() {
                        return contents.columns();
                    }

                    @Override
                    public String description() {
                        return "generator";
                    }

                    @Override
                    public void stream(long n, long seed, int batch, RowSink sink) throws IOException {
                        g.sample(n, seed, sink, batch);
                    }
                };
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
            if (steps < 1) {
                throw new UserException("--langevin-steps must be >= 1, got " + steps);
            }
            // score and log density from one network pass per step
            LangevinTarget target = contents.dde().asLangevinTarget();
            MultivariateGaussian start = initialGaussian();
            double h = DdeSupport.sigma(contents.dde());
            double eps = Double.isFinite(h) ? 0.5 * h * h : 1e-3;
            return new RowSource() {
                @Override
                public List<String> columns() {
                    return contents.columns();
                }

                @Override
                public String description() {
                    return "Langevin (MALA, " + steps + " steps) on the DDE";
                }

                @Override
                public void stream(long n, long seed, int batch, RowSink sink) throws IOException {
                    LangevinSettings settings = LangevinSettings.mala(eps, steps).withBatchSize(Math.min(batch, 4096));
                    try {
                        LangevinSampler.stream(target, n, start, settings, RandomSources.seeded(seed), sink);
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                }
            };
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
            return MultivariateGaussian.standard(dimension());
        }
    }
}
