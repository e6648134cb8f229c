package io.github.dde4j.dde;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.nn.ScalarMlp;
import io.github.dde4j.dde.normalize.GridLogPartition;
import io.github.dde4j.dde.normalize.ImportanceSamplingLogPartition;
import io.github.dde4j.dde.normalize.LogZEstimate;
import io.github.dde4j.dde.normalize.UnnormalizedLogDensity;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.progress.TrainingEvent.StopReason;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.dde.io.ModelFormatException;
import io.github.dde4j.dde.nn.MlpSpec;
import io.github.dde4j.dde.internal.NdRows;
import io.github.dde4j.dde.nn.Precision;
import io.github.dde4j.dde.sampling.LangevinSampler;
import io.github.dde4j.dde.sampling.LangevinSettings;
import io.github.dde4j.dde.sampling.LangevinTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted Denoising Density Estimator: a scalar network f with exp f proportional to the
 * Gaussian-smoothed data density p~ = p * N(0, sigma^2 I) (docs/method.md, "The denoising objective").
 *
 * <p>The network works in training units z = (x - m) / s (identity when not standardised).
 * In the caller's units x:
 * <pre>
 *   logDensityUnnormalized(x) = f(z(x)) + log|det dz/dx| = f(z(x)) - sum_j log s_j
 *   logDensity(x)             = logDensityUnnormalized(x) - log Z,   log Z = log integral exp f(z) dz
 *   score(x)                  = grad_x log p~(x) = grad_z f(z(x)) / s
 * </pre>
 * (log Z is the same in both units because the Jacobian is inside the unnormalised density.)
 * The normalised density needs log Z: {@link DdeTrainer} estimates it at the end of training
 * (grid integration for {@code d <= 3}, importance sampling otherwise); {@link #normalize} and
 * {@link #withLogZ} set it explicitly.
 *
 * <p>Immutable and thread safe: every evaluation uses its own scratch space.
 */
public final class Dde implements Density, ScalarField {

    private final DdeConfig config;
    private final Standardizer standardizer;
    private final ScalarMlp net;
    private final double sigma;
    private final DdeProvenance provenance;
    private final LogZEstimate logZ;
    private final double logJacobian;

    Dde(DdeConfig config, Standardizer standardizer, ScalarMlp net, double sigma, DdeProvenance provenance,
        LogZEstimate logZ) {
        this.config = config;
        this.standardizer = standardizer;
        this.net = net;
        this.sigma = sigma;
        this.provenance = provenance;
        this.logZ = logZ;
        this.logJacobian = standardizer.logAbsDetJacobian();
    }

    /**
     * Assembles a DDE from its parts (used by model loading). The network is copied.
     *
     * @param logZ may be null (unnormalised)
     */
    public static Dde of(DdeConfig config, Standardizer standardizer, ScalarMlp network, double sigma,
                         DdeProvenance provenance, LogZEstimate logZ) {
        if (config == null || standardizer == null || network == null || provenance == null) {
            throw new IllegalArgumentException("config, standardizer, network and provenance must not be null");
        }
        if (standardizer.dimension() != network.inputDim()) {
            throw new IllegalArgumentException("standardizer has dimension " + standardizer.dimension()
                    + " but the network takes " + network.inputDim());
        }
        Checks.requirePositive(sigma, "sigma");
        return new Dde(config, standardizer, network.copy(), sigma, provenance, logZ);
    }

    @Override
    public int dimension() {
        return net.inputDim();
    }

    /** The training configuration. */
    public DdeConfig config() {
        return config;
    }

    /** The map from caller units to training units. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** A copy of the network f (training units). */
    public ScalarMlp network() {
        return net.copy();
    }

    /** The noise level at the end of training, in training units: exp f ~ p * N(0, sigma^2 I) there. */
    public double sigma() {
        return sigma;
    }

    /** How this model was trained. */
    public DdeProvenance provenance() {
        return provenance;
    }

    /** The estimate of log Z, if known. */
    public Optional<LogZEstimate> logZ() {
        return Optional.ofNullable(logZ);
    }

    /** Whether {@link #logDensity} is available. */
    public boolean isNormalized() {
        return logZ != null;
    }

    /** The same model with log Z set to {@code estimate}. */
    public Dde withLogZ(LogZEstimate estimate) {
        Checks.requireNonNull(estimate, "estimate");
        return new Dde(config, standardizer, net, sigma, provenance, estimate);
    }

    /**
     * Estimates log Z with {@code data} (rows in caller units, usually the training data) as the
     * guide: grid integration over a padded box around the data for {@code d <= 3}, importance sampling
     * from a data-fitted proposal widened by sigma otherwise; returns the normalised model.
     */
    public Dde normalize(double[][] data, long seed) {
        Checks.requirePoints(data, dimension(), "data");
        double[][] z = standardizer.transform(data);
        UnnormalizedLogDensity f = trainingUnitsField();
        LogZEstimate est;
        if (dimension() <= GridLogPartition.MAX_DIMENSION) {
            est = GridLogPartition.defaults().estimate(f, z, 6 * sigma);
        } else {
            est = ImportanceSamplingLogPartition.defaults().estimate(f, z, sigma, seed);
        }
        return withLogZ(est);
    }

    /** f in training units as an unnormalised log density (its log Z is this model's log Z). */
    public UnnormalizedLogDensity trainingUnitsField() {
        return UnnormalizedLogDensity.of(dimension(), zs -> net.value(zs));
    }

    /** log p~(x) + log Z for one point, in caller units. */
    public double logDensityUnnormalized(double[] x) {
        Checks.requirePoint(x, dimension(), "x");
        return logDensityUnnormalized(new double[][] {x})[0];
    }

    /** log p~(x_i) + log Z for every row, in caller units. */
    public double[] logDensityUnnormalized(double[][] xs) {
        Checks.requirePoints(xs, dimension(), "points");
        double[] v = net.value(standardizer.transform(xs));
        for (int i = 0; i < v.length; i++) {
            v[i] += logJacobian;
        }
        return v;
    }

    @Override
    public double logDensity(double[] x) {
        return logDensity(new double[][] {Checks.requirePoint(x, dimension(), "x")})[0];
    }

    /**
     * The normalised log density.
     *
     * @throws IllegalStateException if log Z is unknown (see {@link #normalize})
     */
    @Override
    public double[] logDensity(double[][] xs) {
        if (logZ == null) {
            throw new IllegalStateException("log Z is unknown: call normalize(data, seed) or withLogZ(estimate) first,"
                    + " or use logDensityUnnormalized");
        }
        double[] v = logDensityUnnormalized(xs);
        for (int i = 0; i < v.length; i++) {
            v[i] -= logZ.logZ();
        }
        return v;
    }

    @Override
    public boolean hasScore() {
        return true;
    }

    /** grad_x log p~(x_i) in caller units. */
    @Override
    public double[][] score(double[][] xs) {
        Checks.requirePoints(xs, dimension(), "points");
        return standardizer.scoreToCallerUnits(net.score(standardizer.transform(xs)));
    }

    /**
     * Unnormalised log density and score in one pass (caller units); either output may be null.
     */
    public void evaluate(double[][] xs, double[] logDensityOut, double[][] scoreOut) {
        Checks.requirePoints(xs, dimension(), "points");
        double[][] zScore = scoreOut == null ? null : new double[xs.length][dimension()];
        net.evaluate(standardizer.transform(xs), logDensityOut, zScore);
        if (logDensityOut != null) {
            for (int i = 0; i < xs.length; i++) {
                logDensityOut[i] += logJacobian;
            }
        }
        if (scoreOut != null) {
            double[] s = standardizer.scales();
            for (int i = 0; i < xs.length; i++) {
                for (int j = 0; j < s.length; j++) {
                    scoreOut[i][j] = zScore[i][j] / s[j];
                }
            }
        }
    }

    /** {@link ScalarField}: the unnormalised log density in caller units. */
    @Override
    public INDArray value(INDArray y) {
        double[] v = logDensityUnnormalized(toRows(y));
        return NdRows.vector(v, y.dataType());
    }

    /** {@link ScalarField}: the score in caller units. */
    @Override
    public INDArray inputGradient(INDArray y) {
        return NdRows.matrix(score(toRows(y)), dimension(), y.dataType());
    }

    /** {@link ScalarField}: unnormalised log density and score in caller units, from one pass. */
    @Override
    public ValueAndGradient valueAndGradient(INDArray y) {
        double[][] xs = toRows(y);
        double[] v = new double[xs.length];
        double[][] g = new double[xs.length][dimension()];
        evaluate(xs, v, g);
        return new ValueAndGradient(NdRows.vector(v, y.dataType()), NdRows.matrix(g, dimension(), y.dataType()));
    }

    static double[][] toRows(INDArray y) {
        return NdRows.rows(y, "points");
    }

    /**
     * Draws {@code n} points from exp f (the smoothed density) by (annealed) Langevin dynamics on
     * the score, chains started from the Gaussian N(m, diag(s^2)) of the standardisation.
     * Plain: {@code LangevinSettings.plain(eps, steps)}; Metropolis-adjusted (MALA) is available
     * because a DDE has its log density. The DDE is not noise-conditional, so annealed levels only
     * rescale the step size.
     */
    public double[][] sample(int n, LangevinSettings settings, UniformRandomProvider rng) {
        if (settings == null || rng == null) {
            throw new IllegalArgumentException("settings and rng must not be null");
        }
        double[] scales = standardizer.scales();
        double[][] cov = new double[scales.length][scales.length];
        for (int j = 0; j < scales.length; j++) {
            cov[j][j] = scales[j] * scales[j];
        }
        MultivariateGaussian start = MultivariateGaussian.of(standardizer.means(), cov);
        return LangevinSampler.sample(LangevinTarget.fused(dimension(), this::evaluate), n, start, settings, rng);
    }

    /** This model as a Langevin target (score and log density in one network pass). */
    public LangevinTarget asLangevinTarget() {
        return LangevinTarget.fused(dimension(), this::evaluate);
    }

    /** The model type written into saved files. */
    public static final String MODEL_TYPE = "dde";

    /**
     * Saves the model as a versioned zip (JSON manifest with configuration and provenance, the
     * network parameters, the standardisation), written atomically (temp file + rename).
     */
    public void save(Path file) throws IOException {
        archive().write(file);
    }

    private ModelArchive archive() throws IOException {
        ModelArchive.Builder b = ModelArchive.builder(MODEL_TYPE).config(config)
                .provenance("libraryVersion", provenance.libraryVersion())
                .provenance("trainingRows", Integer.toString(provenance.trainingRows()))
                .provenance("dataFingerprint", provenance.dataFingerprint())
                .provenance("steps", Long.toString(provenance.steps()))
                .provenance("finalSigma", Double.toString(provenance.finalSigma()))
                .provenance("finalLoss", Double.toString(provenance.finalLoss()))
                .provenance("stopReason", provenance.stopReason().name())
                .provenance("sigma", Double.toString(sigma));
        if (logZ != null) {
            b.provenance("logZ", JSON.writeValueAsString(logZ));
        }
        double[] p = net.parameters();
        if (config.precision() == Precision.FLOAT32) {
            float[] f = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                f[i] = (float) p[i];
            }
            b.floats("network/parameters", f, p.length);
        } else {
            b.doubles("network/parameters", p, p.length);
        }
        b.doubles("standardizer/means", standardizer.means(), dimension());
        b.doubles("standardizer/scales", standardizer.scales(), dimension());
        long[] constant = new long[standardizer.constantColumns().length];
        for (int i = 0; i < constant.length; i++) {
            constant[i] = standardizer.constantColumns()[i];
        }
        b.longs("standardizer/constantColumns", constant, constant.length);
        return b.build();
    }

    /**
     * Loads a model written by {@link #save}.
     *
     * @throws ModelFormatException if the file is not a dde4j DDE model, is corrupted or truncated,
     *                              or has a format version this library does not know
     */
    public static Dde load(Path file) throws IOException {
        ModelArchive a = ModelArchive.read(file, MODEL_TYPE);
        try {
            DdeConfig config = a.config(DdeConfig.class);
            Map<String, String> prov = a.provenance();
            double[] means = a.doubles("standardizer/means");
            double[] scales = a.doubles("standardizer/scales");
            long[] constant = a.longs("standardizer/constantColumns");
            int[] constantInt = new int[constant.length];
            for (int i = 0; i < constant.length; i++) {
                constantInt[i] = (int) constant[i];
            }
            Standardizer st = new Standardizer(means, scales, constantInt);
            MlpSpec spec = config.network(means.length);
            double[] params = a.doubles("network/parameters");
            if (params.length != spec.parameterCount()) {
                throw new ModelFormatException(file, "network/parameters has " + params.length
                        + " values but the configured network has " + spec.parameterCount());
            }
            ScalarMlp net = ScalarMlp.of(spec, params);
            DdeProvenance provenance = new DdeProvenance(prov.getOrDefault("libraryVersion", "unknown"),
                    Integer.parseInt(prov.getOrDefault("trainingRows", "0")), prov.getOrDefault("dataFingerprint", ""),
                    Long.parseLong(prov.getOrDefault("steps", "0")),
                    Double.parseDouble(prov.getOrDefault("finalSigma", "NaN")),
                    Double.parseDouble(prov.getOrDefault("finalLoss", "NaN")),
                    StopReason.valueOf(prov.getOrDefault("stopReason", "COMPLETED")));
            double sigma = Double.parseDouble(prov.get("sigma"));
            LogZEstimate logZ = prov.containsKey("logZ") ? JSON.readValue(prov.get("logZ"), LogZEstimate.class) : null;
            return new Dde(config, st, net, sigma, provenance, logZ);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new ModelFormatException(file, "not a valid DDE model: " + e.getMessage(), e);
        }
    }

    /** The model file of {@link #save} as bytes, for files that embed a DDE (the CLI's model file, a fit checkpoint). */
    public byte[] toBytes() throws IOException {
        return archive().toBytes();
    }

    /**
     * Reads bytes written by {@link #toBytes}.
     *
     * @throws ModelFormatException if they are not a valid DDE model
     */
    public static Dde fromBytes(byte[] bytes) throws IOException {
        return ModelArchive.readEmbedded(bytes, Dde::load);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return "Dde[d=" + dimension() + ", widths=" + config.hiddenWidths() + ", " + config.activation()
                + ", sigma=" + sigma + ", steps=" + provenance.steps() + (logZ == null ? ", unnormalised" : ", " + logZ) + "]";
    }
}
