package io.github.dde4j.dde;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.progress.TrainingEvent.StopReason;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import io.github.dde4j.dde.nn.ScalarMlp;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    private final LowVarianceTargets lowVariance;
    private double lastSigma = Double.NaN;
    private double lastLoss = Double.NaN;

    NetworkDdeLearner(DdeConfig config, int dimension) {
        if (config == null) {
            throw new IllegalArgumentException("config is null");
        }
        Checks.requireAtLeast(dimension, 1, "dimension");
        Nd4jRuntime.ensureInitialized();
        this.config = config;
        this.d = dimension;
        this.net = ScalarMlp.create(config.network(dimension), RandomSources.stream(config.seed(), 1));
        this.adam = new Adam(config.adam(), config.steps() > 0 ? config.steps() : Long.MAX_VALUE);
        this.lowVariance = new LowVarianceTargets();
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double step(INDArray cleanBatch, double sigma, UniformRandomProvider rng) {
        Checks.requirePositive(sigma, "sigma");
        if (rng == null) {
            throw new IllegalArgumentException("rng is null");
        }
        double[][] rows = Dde.toRows(cleanBatch);
        Checks.requirePoints(rows, d, "clean");
        int b = rows.length;
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
                clean[p] = rows[i][j];
                noisy[p] = clean[p] + eta;
                targets[p] = -eta * invS2;
            }
        }
        if (config.objective() == Objective.LOW_VARIANCE) {
            // the batch is the reference set: it contains every row's clean point
            lowVariance.compute(clean, b, null, noisy, b, d, sigma, targets);
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
    public Dde snapshot() {
        double sigma = Double.isNaN(lastSigma) ? config.sigma().floor() : lastSigma;
        DdeProvenance prov = new DdeProvenance(DdeProvenance.currentVersion(), 0, "", adam.steps(), sigma, lastLoss,
                StopReason.CANCELLED);
        return new Dde(config, Standardizer.identity(d), net.copy(), sigma, prov, null);
    }

    @Override
    public INDArray value(INDArray y) {
        double[] v = net.value(Dde.toRows(y));
        return Nd4j.createFromArray(v).castTo(y.dataType());
    }

    @Override
    public INDArray inputGradient(INDArray y) {
        double[][] s = net.score(Dde.toRows(y));
        return Nd4j.createFromArray(s).castTo(y.dataType());
    }
}
