package io.github.dde4j.dde;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import io.github.dde4j.dde.nn.ScalarMlp;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Trains a {@link Dde} on data (docs/method.md, "The denoising objective"):
 * <pre>
 *   Dde dde = new DdeTrainer(DdeConfig.builder().sigma(0.1).steps(3000).build()).fit(data, listener);
 *   double[] logp = dde.logDensity(points);       // normalised, caller units
 *   double[][] score = dde.score(points);
 * </pre>
 * Random streams of {@code config.seed()}: 0 = batches, noise and reference draws; 1 = network
 * initialisation; 2 = validation split; 3 = validation noise; 4 = log Z estimation.
 */
public final class DdeTrainer {

    private final DdeConfig config;

    public DdeTrainer(DdeConfig config) {
        Checks.requireNonNull(config, "config");
        this.config = config;
    }

    /** The configuration. */
    public DdeConfig config() {
        return config;
    }

    /** {@link #fit(double[][], TrainingListener)} without a listener. */
    public Dde fit(double[][] data) {
        return fit(data, TrainingListener.none());
    }

    /**
     * Trains on {@code data} (n x d, caller units; not modified) and returns the normalised model
     * (log Z by grid integration for {@code d <= 3}, else importance sampling, guided by {@code data}).
     *
     * @throws IllegalArgumentException on empty, ragged or non-finite data (row and column named)
     * @throws DdeDivergedException     if the loss stops being finite
     */
    public Dde fit(double[][] data, TrainingListener listener) {
        DdeTraining run = start(data).run(listener);
        return run.result().normalize(data, RandomSources.stream(config.seed(), 4).nextLong());
    }

    /** A new run on {@code data}, not yet started. */
    public DdeTraining start(double[][] data) {
        return create(data, null);
    }

    /**
     * Continues a run from {@code checkpoint} on the same {@code data}.
     *
     * @throws IllegalArgumentException if the data differ from the checkpoint's (fingerprint)
     */
    public DdeTraining resume(double[][] data, DdeCheckpoint checkpoint) {
        Checks.requireNonNull(checkpoint, "checkpoint");
        if (!checkpoint.config().equals(config)) {
            throw new IllegalArgumentException("the checkpoint was made with another configuration: " + checkpoint.config());
        }
        return create(data, checkpoint);
    }

    private DdeTraining create(double[][] data, DdeCheckpoint cp) {
        int d = Checks.requirePoints(data, -1, "data");
        if (data.length < 2) {
            throw new IllegalArgumentException("data needs at least 2 rows, got " + data.length);
        }
        Nd4jRuntime.ensureInitialized();
        if (config.threads() > 0 && Nd4jRuntime.threads() != config.threads()) {
            Nd4jRuntime.setThreads(config.threads());
        }
        String fingerprint = fingerprint(data);
        if (cp != null && !cp.dataFingerprint().equals(fingerprint)) {
            throw new IllegalArgumentException("the data differ from the checkpoint's training data (fingerprint "
                    + fingerprint + " vs " + cp.dataFingerprint() + ")");
        }
        Standardizer st = config.standardizer(data);
        double[][] z = st.transform(data);
        double[][] train = z;
        double[][] validation = null;
        EarlyStopping es = config.earlyStopping();
        if (es != null && es.validationFraction() > 0) {
            int nVal = (int) Math.round(es.validationFraction() * z.length);
            if (nVal >= 1 && z.length - nVal >= 2) {
                int[] perm = permutation(z.length, RandomSources.stream(config.seed(), 2));
                validation = new double[nVal][];
                train = new double[z.length - nVal][];
                for (int i = 0; i < z.length; i++) {
                    if (i < nVal) {
                        validation[i] = z[perm[i]];
                    } else {
                        train[i - nVal] = z[perm[i]];
                    }
                }
            }
        }
        ScalarMlp net = ScalarMlp.create(config.network(d), RandomSources.stream(config.seed(), 1));
        Adam adam = new Adam(config.adam(), config.totalSteps(train.length));
        RestorableUniformRandomProvider rng = RandomSources.stream(config.seed(), 0);
        DdeTraining run = new DdeTraining(config, st, fingerprint, train, validation, net, adam, rng);
        if (cp != null) {
            run.restore(cp);
        }
        return run;
    }

    /**
     * A DDE that an outer loop trains step by step on batches it supplies (the generator's
     * f_q), in the caller's units (no standardisation). Uses the configuration's network,
     * Adam settings, objective (LOW_VARIANCE: the KDE score over the batch itself) and seed (for
     * the initialisation); steps, batch size and sigma schedule are the caller's.
     */
    public static DdeLearner learner(DdeConfig config, int dimension) {
        return new NetworkDdeLearner(config, dimension);
    }

    static int[] permutation(int n, UniformRandomProvider rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** SHA-256 of the rows as IEEE doubles, hex. */
    static String fingerprint(double[][] data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(8 * data[0].length);
            for (double[] row : data) {
                buf.clear();
                for (double v : row) {
                    buf.putDouble(v);
                }
                md.update(buf.array(), 0, buf.position());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
