package io.github.dde4j.dde;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.progress.TrainingEvent.StopReason;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.internal.NdRows;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import io.github.dde4j.dde.nn.ScalarMlp;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The {@link DdeLearner} of {@link DdeTrainer#learner}: a network and its Adam state. */
final class NetworkDdeLearner implements DdeLearner {

    private final DdeConfig config;
    private final int d;
    private final ScalarMlp net;
    private final Adam adam;
    private ScalarMlp.Workspace ws;
    private double[] clean = new double[0];
    private double[] noisy = new double[0];
    private double[] targets = new double[0];
    private double lastSigma = Double.NaN;
    private double lastLoss = Double.NaN;
    /** Rows per evaluation chunk (bounds the evaluation scratch). */
    private static final int EVAL_CHUNK = 1024;
    /** The evaluation scratch, kept between calls (the learner is single-threaded). */
    private ScalarMlp.Workspace evalWs;

    NetworkDdeLearner(DdeConfig config, int dimension) {
        Checks.requireNonNull(config, "config");
        Checks.requireAtLeast(dimension, 1, "dimension");
        Nd4jRuntime.ensureInitialized();
        this.config = config;
        this.d = dimension;
        this.net = ScalarMlp.create(config.network(dimension), RandomSources.stream(config.seed(), 1));
        this.adam = new Adam(config.adam(), config.steps() > 0 ? config.steps() : Long.MAX_VALUE);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double step(INDArray cleanBatch, double sigma, UniformRandomProvider rng) {
        Checks.requirePositive(sigma, "sigma");
        Checks.requireNonNull(rng, "rng");
        double[] rows = flatPoints(cleanBatch, "clean");
        int b = rows.length / d;
        if (ws == null || ws.maxRows() < b) {
            ws = net.workspace(b);
            clean = new double[b * d];
            noisy = new double[b * d];
            targets = new double[b * d];
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double invS2 = 1 / (sigma * sigma);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                int p = i * d + j;
                double eta = sigma * gauss.sample();
                clean[p] = rows[p];
                noisy[p] = clean[p] + eta;
                targets[p] = -eta * invS2;
            }
        }
        if (config.objective() == Objective.LOW_VARIANCE) {
            // the batch is the reference set: it contains every row's clean point
            LowVarianceTargets.compute(clean, b, null, noisy, b, d, sigma, targets);
        }
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                ws.setInput(i, j, noisy[i * d + j]);
                ws.setTarget(i, j, targets[i * d + j]);
            }
        }
        double loss = ws.lossAndGradient(b);
        if (!Double.isFinite(loss) || !Double.isFinite(ws.gradientNormSquared())) {
            throw new DdeDivergedException("DDE learner diverged at step " + adam.steps() + ": loss " + loss
                    + " (sigma " + sigma + "); the parameters before this step are kept", snapshot(), adam.steps(), loss);
        }
        adam.step(net, ws);
        lastSigma = sigma;
        lastLoss = loss;
        return loss;
    }

    @Override
    public long steps() {
        return adam.steps();
    }

    @Override
    public State state() {
        return new State(adam.steps(), net.parameters(), adam.state(), lastSigma, lastLoss);
    }

    /**
     * Restores parameters, Adam state and the last step's sigma and loss. Everything else the
     * learner holds is scratch that each step overwrites. Validated before anything changes, so a
     * rejected state leaves the learner as it was.
     */
    @Override
    public void restore(State s) {
        Checks.requireNonNull(s, "learner state");
        double[] p = s.parameters();
        if (p.length != net.parameterCount()) {
            throw new IllegalArgumentException("learner state has " + p.length + " network parameters, this learner's"
                    + " network (dimension " + d + ", hidden " + config.hiddenWidths() + ") has " + net.parameterCount());
        }
        for (int i = 0; i < p.length; i++) {
            if (!Double.isFinite(p[i])) {
                throw new IllegalArgumentException("learner state: parameter " + i + " is " + p[i]);
            }
        }
        Adam.State a = s.adam();
        double[][] m = a.m();
        double[][] v = a.v();
        if ((m == null) != (v == null)) {
            throw new IllegalArgumentException("learner state: the Adam state has only one of its two moments");
        }
        if (m == null && a.step() != 0) {
            throw new IllegalArgumentException("learner state: the Adam state is at step " + a.step() + " but has no moments");
        }
        if (m != null) {
            int[] sizes = net.parameterSizes();
            if (m.length != sizes.length || v.length != sizes.length) {
                throw new IllegalArgumentException("learner state: the Adam moments have " + m.length + " and " + v.length
                        + " tensors, the network has " + sizes.length);
            }
            for (int i = 0; i < sizes.length; i++) {
                if (m[i].length != sizes[i] || v[i].length != sizes[i]) {
                    throw new IllegalArgumentException("learner state: Adam moment tensor " + i + " has lengths "
                            + m[i].length + " (m) and " + v[i].length + " (v), the network's tensor has " + sizes[i]);
                }
            }
        }
        net.setParameters(p);
        adam.restore(a, net);
        lastSigma = s.lastSigma();
        lastLoss = s.lastLoss();
    }

    @Override
    public Dde snapshot() {
        double sigma = Double.isNaN(lastSigma) ? config.sigma().floor() : lastSigma;
        DdeProvenance prov = new DdeProvenance(DdeProvenance.currentVersion(), 0, "", adam.steps(), sigma, lastLoss,
                StopReason.CANCELLED);
        return new Dde(config, Standardizer.identity(d), net.copy(), sigma, prov, null);
    }

    @Override
    public INDArray value(INDArray y) {
        double[] x = flatPoints(y, "points");
        double[] v = new double[x.length / d];
        evaluate(x, v, null);
        return NdRows.vector(v, y.dataType());
    }

    @Override
    public INDArray inputGradient(INDArray y) {
        double[] x = flatPoints(y, "points");
        double[] g = new double[x.length];
        evaluate(x, null, g);
        return NdRows.matrix(g, x.length / d, d, y.dataType());
    }

    @Override
    public ValueAndGradient valueAndGradient(INDArray y) {
        double[] x = flatPoints(y, "points");
        double[] v = new double[x.length / d];
        double[] g = new double[x.length];
        evaluate(x, v, g);
        return new ValueAndGradient(NdRows.vector(v, y.dataType()), NdRows.matrix(g, x.length / d, d, y.dataType()));
    }

    /**
     * f (into {@code valueOut}, if not null) and/or grad f (row-major into {@code scoreOut}, if not
     * null) at the row-major points {@code x}, in chunks of {@link #EVAL_CHUNK} rows through the
     * kept evaluation workspace; the forward pass alone when only values are asked for.
     */
    private void evaluate(double[] x, double[] valueOut, double[] scoreOut) {
        int n = x.length / d;
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int rows = Math.min(EVAL_CHUNK, n - start);
            if (evalWs == null || evalWs.maxRows() < rows) {
                evalWs = net.workspace(rows);
            }
            evalWs.setBatch(java.util.Arrays.copyOfRange(x, start * d, (start + rows) * d), null, rows);
            if (scoreOut == null) {
                evalWs.values(rows, valueOut, start);
                continue;
            }
            evalWs.evaluate(rows, valueOut, start);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    scoreOut[(start + i) * d + j] = evalWs.score(i, j);
                }
            }
        }
    }

    /** The points of {@code y} (n x d, finite) as one row-major array, copied in bulk. */
    private double[] flatPoints(INDArray y, String where) {
        double[] x = NdRows.flat(y, where);
        if (y.rows() == 0) {
            throw new IllegalArgumentException(where + " has no rows");
        }
        if (y.columns() != d) {
            throw new IllegalArgumentException(where + " has " + y.columns() + " columns, the learner's dimension is " + d);
        }
        for (int p = 0; p < x.length; p++) {
            if (!Double.isFinite(x[p])) {
                throw new IllegalArgumentException(where + " row " + p / d + ", column " + p % d + ": value " + x[p]
                        + " is not finite");
            }
        }
        return x;
    }
}
