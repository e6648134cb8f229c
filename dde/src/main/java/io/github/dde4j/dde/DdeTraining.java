package io.github.dde4j.dde;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.progress.TrainingEvent.StopReason;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.nn.ScalarMlp;
import io.github.dde4j.kde.GaussianKde;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One DDE training run in progress (created by {@link DdeTrainer#start} or
 * {@link DdeTrainer#resume}): run it to the end or step by step, take {@link #checkpoint()}s,
 * and get the fitted model with {@link #result()}. Mutable and single-threaded.
 *
 * <p>Each step, in training units: draw B row indices and noise eta ~ N(0, sigma_t^2 I) from the
 * run's generator, form y = x + eta, compute the target (DENOISING: -eta / sigma^2;
 * LOW_VARIANCE: the KDE score of the reference set at y), take the loss
 * (1/B) sum ||grad f(y) - target||^2 and its gradient, check that both are finite, and take an
 * Adam step. The run is a deterministic function of data, configuration and thread count.
 */
public final class DdeTraining {

    static final String PHASE = "dde";

    private final DdeConfig config;
    private final Standardizer standardizer;
    private final String fingerprint;
    private final double[] train;
    private final int n;
    private final int d;
    private final double[] validationY;
    private final double[] validationTargets;
    private final int validationRows;
    private final long totalSteps;
    private final ScalarMlp net;
    private final ScalarMlp.Workspace ws;
    private final Adam adam;
    private final RestorableUniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;
    private final int batch;
    // per-step scratch
    private final double[] clean;
    private final double[] noisy;
    private final double[] targets;
    /** The kernel engine over the whole training set (full reference), rebuilt when sigma changes. */
    private GaussianKde fullReference;
    private double fullReferenceSigma = Double.NaN;
    private final double[] sampledRef;

    private long step;
    /** The early-stopping rule's state (best monitored loss, evaluations since); unused without early stopping. */
    private EarlyStopping.Plateau plateau;
    private double emaLoss = Double.NaN;
    private double lastLoss = Double.NaN;
    /** The step at which the cool-down after a plateau began (0: none). */
    private long coolDownFrom;
    private StopReason stopReason;

    DdeTraining(DdeConfig config, Standardizer standardizer, String fingerprint, double[][] trainRows,
                double[][] validationRowsZ, ScalarMlp net, Adam adam, RestorableUniformRandomProvider rng) {
        this.config = config;
        this.standardizer = standardizer;
        this.fingerprint = fingerprint;
        this.n = trainRows.length;
        this.d = trainRows[0].length;
        this.train = flatten(trainRows);
        this.totalSteps = config.totalSteps(n);
        this.net = net;
        this.batch = config.batchSize();
        this.ws = net.workspace(batch);
        this.adam = adam;
        this.rng = rng;
        this.plateau = newPlateau(Double.NaN, 0);
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        this.clean = new double[batch * d];
        this.noisy = new double[batch * d];
        this.targets = new double[batch * d];
        boolean full = n <= config.fullReferenceLimit();
        this.sampledRef = full ? null : new double[config.referenceSize() * d];
        if (validationRowsZ != null && validationRowsZ.length > 0) {
            // noise drawn once from its own stream, so that every evaluation sees the same problem
            this.validationRows = validationRowsZ.length;
            this.validationY = new double[validationRows * d];
            this.validationTargets = new double[validationRows * d];
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomSources.stream(config.seed(), 3));
            double sigma = config.sigma().floor();
            double[] vClean = flatten(validationRowsZ);
            for (int i = 0; i < validationY.length; i++) {
                double eta = sigma * g.sample();
                validationY[i] = vClean[i] + eta;
                validationTargets[i] = -eta / (sigma * sigma);
            }
            if (config.objective() == Objective.LOW_VARIANCE) {
                LowVarianceTargets.compute(fullReference(sigma), vClean, validationY, validationRows, d, sigma, validationTargets);
            }
        } else {
            this.validationRows = 0;
            this.validationY = null;
            this.validationTargets = null;
        }
    }

    private static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /** The total number of steps this run is configured for. */
    public long totalSteps() {
        return totalSteps;
    }

    /** Whether the run has ended (completed, plateaued or cancelled). */
    public boolean isFinished() {
        return stopReason != null;
    }

    /** Loss of the last step (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }

    /** Runs to the end (all steps, an early stop, or a cancel by the listener). */
    public DdeTraining run(TrainingListener listener) {
        return runSteps(Long.MAX_VALUE, listener);
    }

    /**
     * Runs at most {@code maxSteps} more steps (fewer if the run ends first).
     *
     * @throws DdeDivergedException if the loss or its gradient stops being finite
     */
    public DdeTraining runSteps(long maxSteps, TrainingListener listener) {
        TrainingListener l = listener == null ? TrainingListener.none() : listener;
        if (stopReason != null) {
            return this;
        }
        long t0 = System.nanoTime();
        l.onEvent(new TrainingEvent.Started(PHASE, step, totalSteps));
        EarlyStopping es = config.earlyStopping();
        long done = 0;
        while (step < totalSteps && done < maxSteps) {
            double sigma = config.sigma().at(step);
            double lr = adam.learningRate();
            double loss = oneStep(sigma);
            done++;
            emaLoss = Double.isNaN(emaLoss) ? loss : emaLoss + (es == null ? 0.02 : es.smoothing()) * (loss - emaLoss);
            l.onEvent(new TrainingEvent.Step(PHASE, step, totalSteps, loss, sigma, lr, System.nanoTime() - t0));
            if (es != null && step % es.evalEvery() == 0) {
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("train_loss_ema", emaLoss);
                double monitored = emaLoss;
                if (validationRows > 0) {
                    monitored = validationLoss();
                    metrics.put("val_loss", monitored);
                }
                l.onEvent(new TrainingEvent.Evaluation(PHASE, step, metrics, System.nanoTime() - t0));
                boolean levelled = plateau.record(monitored, coolDownFrom != 0);
                if (levelled) {
                    if (!es.coolDown()) {
                        stopReason = StopReason.PLATEAU;
                        break;
                    }
                    coolDownFrom = step;
                    adam.coolDown(coolDownFrom, es.coolDownLength(coolDownFrom));
                }
            }
            if (coolDownFrom > 0 && step >= coolDownFrom + es.coolDownLength(coolDownFrom)) {
                stopReason = StopReason.PLATEAU;
                break;
            }
            if (!l.keepGoing()) {
                stopReason = StopReason.CANCELLED;
                break;
            }
        }
        if (stopReason == null && step >= totalSteps) {
            stopReason = StopReason.COMPLETED;
        }
        if (stopReason != null) {
            l.onEvent(new TrainingEvent.Finished(PHASE, step, stopReason, System.nanoTime() - t0));
        }
        return this;
    }

    private GaussianKde fullReference(double sigma) {
        if (fullReference == null || sigma != fullReferenceSigma) {
            fullReference = LowVarianceTargets.kdeOf(train, n, d, sigma);
            fullReferenceSigma = sigma;
        }
        return fullReference;
    }

    private double oneStep(double sigma) {
        for (int i = 0; i < batch; i++) {
            int row = rng.nextInt(n);
            System.arraycopy(train, row * d, clean, i * d, d);
        }
        double invS2 = 1 / (sigma * sigma);
        for (int p = 0; p < batch * d; p++) {
            double eta = sigma * gauss.sample();
            noisy[p] = clean[p] + eta;
            targets[p] = -eta * invS2;
        }
        if (config.objective() == Objective.LOW_VARIANCE) {
            if (sampledRef == null) {
                LowVarianceTargets.compute(fullReference(sigma), null, noisy, batch, d, sigma, targets);
            } else {
                int r = config.referenceSize();
                for (int j = 0; j < r; j++) {
                    System.arraycopy(train, rng.nextInt(n) * d, sampledRef, j * d, d);
                }
                LowVarianceTargets.compute(sampledRef, r, clean, noisy, batch, d, sigma, targets);
            }
        }
        ws.setBatch(noisy, targets, batch);
        double loss = ws.lossAndGradient(batch);
        double gradNorm = ws.gradientNormSquared();
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
            String what = !Double.isFinite(loss) ? "loss is " + loss : "loss gradient is not finite (loss " + loss + ")";
            stopReason = StopReason.DIVERGED;
            throw new DdeDivergedException("DDE training diverged at step " + step + ": " + what + " (sigma "
                    + sigma + ", learning rate " + adam.learningRate() + "); the last good parameters are kept in"
                    + " lastGood(). Try a smaller learning rate, a larger sigma or float64.", result(), step, loss);
        }
        adam.step(net, ws);
        step++;
        lastLoss = loss;
        return loss;
    }

    /** The loss on the held-out rows with their fixed noise (NaN without a validation split). */
    public double validationLoss() {
        if (validationRows == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int start = 0; start < validationRows; start += batch) {
            int rows = Math.min(batch, validationRows - start);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    ws.setInput(i, j, validationY[(start + i) * d + j]);
                    ws.setTarget(i, j, validationTargets[(start + i) * d + j]);
                }
            }
            sum += ws.loss(rows) * rows;
        }
        return sum / validationRows;
    }

    /** A snapshot of the run from which {@link DdeTrainer#resume} continues exactly. */
    public DdeCheckpoint checkpoint() {
        byte[] state = ((RandomProviderDefaultState) rng.saveState()).getState();
        return new DdeCheckpoint(config, standardizer, fingerprint, step, net.parameters(), adam.state(), state,
                plateau.best(), plateau.bad(), emaLoss, lastLoss, coolDownFrom);
    }

    private EarlyStopping.Plateau newPlateau(double best, int bad) {
        EarlyStopping es = config.earlyStopping();
        return es == null ? new EarlyStopping.Plateau(1, 0, best, bad) : new EarlyStopping.Plateau(es.patience(), es.minDelta(),
                best, bad);
    }

    void restore(DdeCheckpoint cp) {
        net.setParameters(cp.parameters());
        adam.restore(cp.adam(), net);
        rng.restoreState(new RandomProviderDefaultState(cp.rngState()));
        step = cp.step();
        plateau = newPlateau(cp.bestMonitored(), cp.badEvaluations());
        emaLoss = cp.emaLoss();
        lastLoss = cp.lastLoss();
        coolDownFrom = cp.coolDownFrom();
        if (coolDownFrom > 0) {
            adam.coolDown(coolDownFrom, config.earlyStopping().coolDownLength(coolDownFrom));
        }
    }

    /** The model as it is now (unnormalised; {@link DdeTrainer#fit} normalises it). */
    public Dde result() {
        StopReason reason = stopReason == null ? StopReason.CANCELLED : stopReason;
        double sigma = config.sigma().at(Math.max(0, step - 1));
        DdeProvenance prov = new DdeProvenance(DdeProvenance.currentVersion(), n, fingerprint, step, sigma, lastLoss, reason);
        return new Dde(config, standardizer, net.copy(), sigma, prov, null);
    }
}
