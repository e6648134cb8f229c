package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.LogSumExp;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.dist.MultivariateGaussian;
import io.github.dde4j.core.metrics.EnergyDistance;
import io.github.dde4j.core.metrics.Mmd;
import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.EarlyStopping;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.nn.AdamConfig;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import io.github.dde4j.generator.nn.MlpGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link Generator} g_phi so that its samples follow a target density p, by minimising
 * the smoothed reverse KL of docs/method.md ("The generator loop"), summed over the noise levels s of
 * {@link GeneratorConfig#levels(long)}:
 * <pre>
 *   L(phi) = sum_s w_s KL(q~_s || p~_s),   q~_s = q_phi * N(0, s^2 I),  p~_s = p * N(0, s^2 I),  w_s ~ s^levelWeightPower
 *   dL/dphi = sum_s w_s E_{z, eta}[ (dg/dphi)^T (grad log q~_s(y) - grad log p~_s(y)) ],  y = g(z) + s eta
 * </pre>
 * (the term E_q~[grad_phi log q~] vanishes, so only the path through y is differentiated). Each
 * generator step:
 * <ol>
 *   <li>lets the target update (a data DDE trained alongside takes its steps);</li>
 *   <li>refreshes the estimate of grad log q~_s: qModel DDE takes {@code qSteps} steps of one
 *   {@link DdeLearner} f_q per level on fresh generator samples (not differentiated through g);
 *   qModel KDE draws a fresh reference set R of generator samples, whose KDE with bandwidth s is an
 *   exact smoothed density of the generator's empirical distribution (no training, no lag); the
 *   default, AUTO, uses KDE for data and sampler targets and DDE for score targets
 *   ({@link GeneratorConfig#qModelFor});</li>
 *   <li>draws fresh z, eta, sets dL/dy_i = sum_s w_s (grad log q~_s(y_i) - grad log p~_s(y_i)) / B and
 *   backpropagates it through g only; one Adam step on phi.</li>
 * </ol>
 *
 * <p><b>Convergence checks</b> every {@code evalEvery} steps, as a {@link TrainingEvent.Evaluation}
 * of phase {@code "generator"}: {@code kl}, the KL(q~||p~) estimate at the smallest level from
 * n samples y_i ~ q~ and r_i = log p~(y_i) - log q~(y_i) (log q~ from f_q or the KDE of fresh
 * generator samples):
 * <pre>  KL^ = -mean_i r_i + log mean_i exp(r_i) </pre>
 * which is invariant to the unknown additive constants of DDEs (the second term estimates
 * log Z_p/Z_q) and non-negative by Jensen; {@code mmd2} (unbiased, Gaussian kernel with the median
 * bandwidth of the reference set, fixed for the run) and {@code energy} (V-statistic) between
 * generated and held-out target samples (validation rows, or fresh draws from the target when it
 * can sample). Stop rule: no relative improvement of the energy distance (the KL estimate without
 * reference rows) by {@code minDelta} in {@code patience} evaluations (three times as many while the
 * best is more than three times its floor, the energy distance of the smoothed target's own samples
 * {@code energy_floor}, and more than a quarter of the first check's), then a cool-down (PLATEAU);
 * or MMD^2 below {@code targetMmd2} (TARGET_REACHED). The run returns the generator of its best
 * check when its last check was worse by more than the checks' resolution ({@code returnTolerance};
 * one more Evaluation event at the last step then carries that check's figures and {@code best_step}).
 *
 * <p><b>Determinism.</b> Every draw comes from streams of {@code config.seed()} (training stream 0,
 * initialisation 1, Gaussian-init samples 2, evaluation 1e6 + step), so a seed fixes the run on a
 * given machine and thread count; evaluations do not consume the training stream, so turning them
 * on or off does not change the trained generator.
 *
 * <p><b>Checkpoints.</b> {@link #withCheckpoints} hands out a {@link GeneratorCheckpoint} that holds
 * the generator, its Adam state, the training stream's state, the stop-rule state and (qModel DDE)
 * every f_q learner's {@link DdeLearner#state()}; {@link #resume} continues it bit for bit for both
 * q-models: a resumed run equals the uninterrupted one exactly. With qModel DDE the learners must
 * support {@link DdeLearner#state()} / {@link DdeLearner#restore}; a learner that does not is refused
 * (UnsupportedOperationException) before the first step of a run with checkpoints.
 *
 * <p>The trainer is an immutable builder; {@link #train} may be called repeatedly.
 */
public final class GeneratorTrainer {

    /** Phase name in training events. */
    public static final String PHASE = "generator";

    private final GeneratorConfig config;
    private final TrainingListener listener;
    private final DdeLearnerFactory qFactory;
    private final double[][] validation;
    private final Standardizer standardizer;
    private final Dde dataDde;
    private final int checkpointEvery;
    private final Consumer<GeneratorCheckpoint> checkpointSink;
    private final Duration budget;

    public GeneratorTrainer(GeneratorConfig config) {
        this(config, TrainingListener.none(), null, null, null, null, 0, null, null);
    }

    private GeneratorTrainer(GeneratorConfig config, TrainingListener listener, DdeLearnerFactory qFactory,
                             double[][] validation, Standardizer standardizer, Dde dataDde, int checkpointEvery,
                             Consumer<GeneratorCheckpoint> checkpointSink, Duration budget) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.qFactory = qFactory;
        this.validation = validation;
        this.standardizer = standardizer;
        this.dataDde = dataDde;
        this.checkpointEvery = checkpointEvery;
        this.checkpointSink = checkpointSink;
        this.budget = budget;
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Reports progress and convergence checks to {@code l}. */
    public GeneratorTrainer withListener(TrainingListener l) {
        return new GeneratorTrainer(config, l, qFactory, validation, standardizer, dataDde, checkpointEvery, checkpointSink, budget);
    }

    /** The factory for f_q (needed for qModel DDE). */
    public GeneratorTrainer withQLearners(DdeLearnerFactory f) {
        return new GeneratorTrainer(config, listener, f, validation, standardizer, dataDde, checkpointEvery, checkpointSink, budget);
    }

    /** Held-out target rows in the caller's units for the MMD / energy checks (copied). */
    public GeneratorTrainer withValidation(double[][] rows) {
        Checks.requirePoints(rows, -1, "validation");
        return new GeneratorTrainer(config, listener, qFactory, Checks.copy(rows), standardizer, dataDde, checkpointEvery,
                checkpointSink, budget);
    }

    /**
     * The standardisation from caller units to the target's working units (the target, sigma and
     * the network live in working units; samples are mapped back). Identity if not set.
     */
    public GeneratorTrainer withStandardizer(Standardizer s) {
        return new GeneratorTrainer(config, listener, qFactory, validation, s, dataDde, checkpointEvery, checkpointSink, budget);
    }

    /** A data DDE to embed in the trained generator (so one model file can hold both). */
    public GeneratorTrainer withDataDde(Dde dde) {
        return new GeneratorTrainer(config, listener, qFactory, validation, standardizer, dde, checkpointEvery, checkpointSink, budget);
    }

    /**
     * Hands a checkpoint to {@code sink} every {@code every} generator steps. With qModel DDE the
     * f_q learners must implement {@link DdeLearner#state()}, else {@link #train} fails before its
     * first step (UnsupportedOperationException).
     */
    public GeneratorTrainer withCheckpoints(int every, Consumer<GeneratorCheckpoint> sink) {
        Checks.requireAtLeast(every, 1, "every");
        return new GeneratorTrainer(config, listener, qFactory, validation, standardizer, dataDde, every,
                Objects.requireNonNull(sink, "sink"), budget);
    }

    /**
     * Stops the run when {@code limit} of training time has passed (checked after every step), with
     * stop reason {@link TrainingEvent.StopReason#BUDGET}: the generator is then the moving average
     * reached so far, not a converged one. A budget makes the result depend on the machine's speed.
     */
    public GeneratorTrainer withBudget(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("budget must be positive, got " + limit);
        }
        return new GeneratorTrainer(config, listener, qFactory, validation, standardizer, dataDde, checkpointEvery,
                checkpointSink, limit);
    }

    /**
     * The DDE-driven pipeline from data (caller units): fits a data DDE f_p at the generator's
     * smallest level ({@link #dataDdeConfig}), then trains the generator against it
     * ({@link #trainOnDde(Dde, double[][])}); the generator embeds the DDE. For the KDE of the rows as
     * target instead, use {@code withStandardizer(s).train(GeneratorTarget.ofData(s.transform(rows), m))}.
     */
    public Generator trainOnData(double[][] data) {
        Checks.requirePoints(data, -1, "data");
        DdeConfig ddeConfig = dataDdeConfig(config);
        // the level DDEs need only the rows: they are fitted on a second thread while f_p is
        try (DataDdeLevels levels = DataDdeLevels.fitInBackground(data, ddeConfig.standardizer(data), config)) {
            Dde dde;
            try (Nd4jRuntime.SharedThreads alongside = levels.alongside()) {
                dde = new DdeTrainer(ddeConfig).fit(data, listener);
            }
            return withStandardizer(dde.standardizer()).withDataDde(dde).train(GeneratorTarget.ofDde(dde, data, levels));
        }
    }

    /**
     * The data DDE {@link #trainOnData} fits: dde's defaults (3 x 128 softplus, low-variance targets,
     * validation plateau with cool-down) at noise level {@code config.sigma()} in standardised units,
     * with the run's seed.
     */
    public static DdeConfig dataDdeConfig(GeneratorConfig config) {
        return DdeConfig.builder().sigma(config.sigma()).seed(config.seed()).build();
    }

    /**
     * The product path: trains against a fitted data DDE f_p (frozen) and the rows it was fitted to
     * (caller units), in the DDE's standardised units, and embeds the DDE in the generator. The
     * generator's smallest level must be the DDE's sigma; above it, DDEs of the rows at each level
     * drive the objective ({@link GeneratorTarget#ofDde(Dde, double[][])}).
     */
    public Generator trainOnDde(Dde dde, double[][] rows) {
        return withStandardizer(dde.standardizer()).withDataDde(dde).train(GeneratorTarget.ofDde(dde, rows));
    }

    /**
     * Trains against a fitted data DDE f_p (frozen) alone, in the DDE's standardised units, and embeds it
     * in the generator. The smallest level must be the DDE's sigma (levels above it are Monte Carlo
     * smoothed, see {@link GeneratorTarget#ofDde(io.github.dde4j.dde.Dde, int)}).
     */
    public Generator trainOnDde(Dde dde) {
        return withStandardizer(dde.standardizer()).withDataDde(dde)
                .train(GeneratorTarget.ofDde(dde, config.mcSamples()));
    }

    /** Trains against {@code target} (working units) from scratch. */
    public Generator train(GeneratorTarget target) {
        return run(target, null);
    }

    /**
     * Continues the run saved in {@code checkpoint}; with the same target and trainer (same f_q learner
     * factory for qModel DDE) it equals an uninterrupted run bit for bit, for both q-models.
     *
     * @throws IllegalArgumentException      if the checkpoint's configuration, parameter count or f_q learner
     *                                       states do not fit this trainer
     * @throws UnsupportedOperationException if the checkpoint holds f_q states and the learners cannot restore them
     */
    public Generator resume(GeneratorTarget target, GeneratorCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (!checkpoint.config().equals(config.forDimension(target.dimension()))) {
            throw new IllegalArgumentException("checkpoint was made with a different configuration: " + checkpoint.config());
        }
        return run(target, checkpoint);
    }

    // ------------------------------------------------------------------ the loop

    private Generator run(GeneratorTarget target, GeneratorCheckpoint cp) {
        Objects.requireNonNull(target, "target");
        if (config.sigmaMaxAuto()) {
            // the levels are sized to the target's dimension; the model file records the value used
            return new GeneratorTrainer(config.forDimension(target.dimension()), listener, qFactory, validation,
                    standardizer, dataDde, checkpointEvery, checkpointSink, budget).run(target, cp);
        }
        Nd4jRuntime.ensureInitialized();
        int d = target.dimension();
        if (standardizer != null && standardizer.dimension() != d) {
            throw new IllegalArgumentException("standardizer has dimension " + standardizer.dimension() + ", target " + d);
        }
        int k = config.latentDimension() == 0 ? d : config.latentDimension();
        DataType dt = config.doublePrecision() ? DataType.DOUBLE : DataType.FLOAT;
        double smallest = config.sigma();
        if (smallest < target.minimumSigma() * (1 - 1e-9)) {
            throw new IllegalArgumentException("sigma " + smallest + " is below the target's smallest level "
                    + target.minimumSigma() + " (a DDE target cannot be sharpened: set sigma to its sigma)");
        }
        DdeLearnerFactory qf = qFactory != null ? qFactory : DdeLearnerFactory.defaults();
        long seed = config.seed();
        Standardizer std = standardizer != null ? standardizer : Standardizer.identity(d);
        double[][] validW = validation == null ? null : std.transform(validation);
        if (validW != null && validW[0].length != d) {
            throw new IllegalArgumentException("validation has dimension " + validW[0].length + ", target " + d);
        }

        target.prepare(config.levels(0), seed);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("target", target.describe());
        prov.put("seed", seed);

        MlpGenerator net = MlpGenerator.create(k, d, config.hidden().stream().mapToInt(Integer::intValue).toArray(),
                config.activation(), config.skip(), config.outputScale(), dt, RandomSources.stream(seed, 1));
        String init = config.init().name().toLowerCase(java.util.Locale.ROOT);
        if (config.init() == GeneratorConfig.Init.GAUSSIAN) {
            double[][] fitRows = validW != null ? null : target.referenceSamples(4096, RandomSources.stream(seed, 2));
            // prefer target draws; validation rows are held out and must not leak into training
            if (fitRows == null) {
                init = "identity (target cannot be sampled for a Gaussian fit)";
            } else {
                MultivariateGaussian g = MultivariateGaussian.fit(fitRows, 1e-6);
                net = net.withAffineInit(g.mean(), g.choleskyFactor());
            }
        }
        prov.put("init", init);

        RestorableUniformRandomProvider rng = RandomSources.stream(seed, 0);
        INDArray flat = net.parameters();
        // each step's rate comes from the generator's schedule (learningRateAt) or its cool-down,
        // so Adam's own schedule is unused; moments and update in float64 (Adam's flat-vector path)
        Adam adam = new Adam(AdamConfig.of(config.learningRate()), config.steps());
        long step = 0;
        EarlyStopping.Plateau plateau = new EarlyStopping.Plateau(config.patience(), config.minDelta(),
                Double.POSITIVE_INFINITY, 0);
        long coolFrom = -1;
        if (cp != null) {
            if (cp.parameters().length() != flat.length()) {
                throw new IllegalArgumentException("checkpoint has " + cp.parameters().length() + " parameters, expected "
                        + flat.length());
            }
            flat.assign(cp.parameters());
            adam.restore(cp.adamState(flat.length()), null);
            rng.restoreState(new RandomProviderDefaultState(cp.rngState()));
            step = cp.step();
            plateau = new EarlyStopping.Plateau(config.patience(), config.minDelta(), cp.bestMmd2(), cp.badEvals());
            coolFrom = cp.coolDownFrom();
        }
        MlpGenerator work = net.sharing(flat);
        double emaDecay = config.emaDecay();
        INDArray ema = emaDecay > 0 ? flat.dup() : null;
        if (ema != null && cp != null && cp.ema() != null) {
            ema.assign(cp.ema());
        }
        // what the checks evaluate and the run returns: the moving average, else the parameters themselves
        INDArray result = ema != null ? ema : flat;
        MlpGenerator resultNet = net.sharing(result);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);

        List<DdeLearner> fq = new ArrayList<>();
        GeneratorConfig.QModel qModel = config.qModelFor(target);
        // KDE q-score against a target whose score does not carry the same finite-sample bias
        boolean oneSidedBias = qModel == GeneratorConfig.QModel.KDE && !target.sharesKdeBias();
        if (config.qModel() == GeneratorConfig.QModel.AUTO) {
            prov.put("qModel", qModel.name() + " (auto: the target's score is "
                    + (target.sharesKdeBias() ? "a KDE of reference rows)" : "not a KDE of reference rows)"));
        }
        if (qModel == GeneratorConfig.QModel.DDE) {
            double[] lv = config.levels(0);
            for (int i = 0; i < lv.length; i++) {
                fq.add(qf.create(d, lv[i], RandomSources.stream(seed, 100 + i).nextLong()));
            }
        }
        if (cp != null) {
            restoreLearners(fq, cp.qLearners());
        }
        if (checkpointSink != null) {
            requireSaveable(fq);
        }

        double[][] evalRef = null;
        double bandwidth = Double.NaN;
        if (config.evalEvery() > 0) {
            evalRef = validW != null ? validW : target.referenceSamples(config.evalSamples(), RandomSources.stream(seed, 3));
            if (evalRef != null) {
                bandwidth = Mmd.medianBandwidth(evalRef, evalRef);
            }
        }
        double energyFloor = energyFloor(target, evalRef, d);
        if (Double.isFinite(energyFloor)) {
            prov.put("energyFloor", energyFloor);
        }

        int b = config.batchSize();
        long total = config.steps();
        long t0 = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : t0 + budget.toNanos();
        listener.onEvent(new TrainingEvent.Started(PHASE, step, total));
        TrainingEvent.StopReason reason = TrainingEvent.StopReason.COMPLETED;
        Map<String, Double> lastMetrics = Map.of();
        Double lastMonitored = null;
        BestCheck bestCheck = new BestCheck(cp);
        double firstMonitored = cp == null ? Double.NaN : cp.firstMonitored();
        INDArray lastGood = flat.dup();
        while (step < total) {
            if (!listener.keepGoing()) {
                reason = TrainingEvent.StopReason.CANCELLED;
                break;
            }
            double[] levels = config.levels(step);
            target.beforeGeneratorStep(step, rng);
            INDArray qRef = null;
            if (fq.isEmpty()) {
                qRef = forwardNoGrad(work, normal(config.qReferenceSize(), k, dt, gauss));
            } else {
                // f_q's batches need no gradient: the forward-only BLAS path. Through ND4J these
                // forwards were about 40% of the main thread's native samples in a 30-column run (JFR)
                MlpGenerator.Inference fast = work.inference(b);
                for (int i = 0; i < fq.size(); i++) {
                    for (int j = 0; j < config.qSteps(); j++) {
                        INDArray clean = forwardNoGrad(fast, normal(b, k, dt, gauss));
                        fq.get(i).step(clean, levels[Math.min(i, levels.length - 1)], rng);
                    }
                }
            }
            MlpGenerator.Pass pass = work.forwardForBackprop(normal(b, k, dt, gauss));
            INDArray y0 = pass.output();
            double amax = y0.amaxNumber().doubleValue();
            if (!(amax <= config.maxLossFactor())) {
                throw diverged("generator samples reached |y| = " + amax + " (bound " + config.maxLossFactor()
                        + " working units)", step, lastGood, net, std, prov, t0, oneSidedBias);
            }
            INDArray e = Nd4j.zeros(dt, b, d);
            double loss = 0;
            double[] weights = config.levelWeights(step);
            for (int i = 0; i < levels.length; i++) {
                double s = levels[i];
                double w = weights[i];
                INDArray y = y0.add(normal(b, d, dt, gauss).muli(s));
                // score and log density of p~_s from one pass (one kernel-weight / Monte Carlo evaluation)
                GeneratorTarget.Smoothed sp = target.smoothed(y, s, rng);
                INDArray scoreP = sp.score();
                INDArray scoreQ;
                double gap;
                if (qRef != null) {
                    Kernels.KdeResult kr = Kernels.kde(y, qRef, s);
                    scoreQ = kr.score();
                    gap = kr.logDensity().meanNumber().doubleValue();
                } else {
                    DdeLearner f = fq.get(Math.min(i, fq.size() - 1));
                    io.github.dde4j.dde.ScalarField.ValueAndGradient vg = f.valueAndGradient(y);
                    scoreQ = vg.gradient().castTo(dt);
                    gap = vg.value().meanNumber().doubleValue();
                }
                gap -= sp.logDensity().meanNumber().doubleValue();
                INDArray diff = scoreQ.subi(scoreP);
                if (sp.trusted() != null) {
                    // points where the target's score is an extrapolation get no push from this level
                    diff.muliColumnVector(sp.trusted().castTo(diff.dataType()).reshape(b, 1));
                }
                e.addi(diff.muli(w / b));
                loss += w * gap;
            }
            INDArray grad = pass.backward(e);
            double gn = grad.norm2Number().doubleValue();
            if (!Double.isFinite(gn) || !Double.isFinite(loss)) {
                throw diverged("non-finite " + (Double.isFinite(gn) ? "loss" : "gradient") + " at step " + (step + 1),
                        step, lastGood, net, std, prov, t0, oneSidedBias);
            }
            lastGood.assign(flat);
            double lr = coolFrom >= 0 ? coolDownRate(coolFrom, step) : config.learningRateAt(step);
            adam.step(flat, grad, lr);
            if (ema != null) {
                // a shorter memory over the first steps, so that the average leaves the start quickly
                double decay = Math.min(emaDecay, (1.0 + step) / (10.0 + step));
                ema.muli(decay).addi(flat.mul(1 - decay));
            }
            step++;
            listener.onEvent(new TrainingEvent.Step(PHASE, step, total, loss, levels[levels.length - 1], lr,
                    System.nanoTime() - t0));
            boolean coolDone = coolFrom >= 0 && step >= coolFrom + coolDownLength(coolFrom);
            boolean outOfTime = step < total && System.nanoTime() > deadline;
            // the last step is always checked, so that the run knows whether it ends at its best
            boolean evalNow = config.evalEvery() > 0
                    && (step % config.evalEvery() == 0 || step == total || coolDone || outOfTime);
            if (evalNow) {
                Map<String, Double> m = evaluate(resultNet, target, fq, evalRef, bandwidth, step, k, d, dt);
                if (Double.isFinite(energyFloor)) {
                    m.put("energy_floor", energyFloor);
                }
                lastMetrics = m;
                listener.onEvent(new TrainingEvent.Evaluation(PHASE, step, m, System.nanoTime() - t0));
                // the stop rule watches the energy distance to the reference rows (KL without them)
                lastMonitored = m.containsKey("energy") ? m.get("energy") : m.get("kl");
                if (lastMonitored != null) {
                    if (Double.isNaN(firstMonitored)) {
                        firstMonitored = lastMonitored;
                    }
                    double before = plateau.best();
                    // during the cool-down a better check still becomes the best, but nothing counts against it
                    plateau.record(lastMonitored, coolFrom >= 0);
                    if (Double.compare(before, plateau.best()) != 0) {
                        bestCheck.update(result, step, m);
                    }
                }
                if (lastMonitored != null && coolFrom < 0) {
                    boolean levelled = plateau.bad() >= patienceAt(plateau.best(), firstMonitored, energyFloor,
                            m.containsKey("energy"));
                    Double mmd = m.get("mmd2");
                    if (mmd != null && config.targetMmd2() > 0 && mmd <= config.targetMmd2()) {
                        reason = TrainingEvent.StopReason.TARGET_REACHED;
                    } else if (config.patience() > 0 && levelled) {
                        // levelled off: let the learning rate decay before stopping (sharper rows)
                        coolFrom = step;
                    }
                }
            }
            if (checkpointSink != null && step % checkpointEvery == 0) {
                List<DdeLearner.State> fqStates = new ArrayList<>(fq.size());
                for (DdeLearner f : fq) {
                    fqStates.add(f.state());
                }
                Adam.State adamState = adam.state();
                checkpointSink.accept(new GeneratorCheckpoint(config, step, flat,
                        GeneratorCheckpoint.adamMoment(adamState, flat.length(), true),
                        GeneratorCheckpoint.adamMoment(adamState, flat.length(), false), adamState.step(),
                        ((RandomProviderDefaultState) rng.saveState()).getState(), plateau.best(), plateau.bad(), init, fqStates,
                        ema, coolFrom, bestCheck.parameters(), bestCheck.step(), bestCheck.metrics(), firstMonitored));
            }
            if (coolDone) {
                reason = TrainingEvent.StopReason.PLATEAU;
            }
            if (reason == TrainingEvent.StopReason.COMPLETED && outOfTime) {
                reason = TrainingEvent.StopReason.BUDGET;
            }
            if (reason != TrainingEvent.StopReason.COMPLETED) {
                break;
            }
        }
        long elapsed = System.nanoTime() - t0;
        INDArray returned = result;
        if (bestCheck.parameters() != null && lastMonitored != null
                && lastMonitored > plateau.best() + returnTolerance(plateau.best(), config.minDelta(), energyFloor, lastMetrics)) {
            // the last check was clearly worse than the best: return the best check's generator, and say so
            returned = bestCheck.parameters();
            lastMetrics = new LinkedHashMap<>(bestCheck.metrics());
            lastMetrics.put("best_step", (double) bestCheck.step());
            listener.onEvent(new TrainingEvent.Evaluation(PHASE, step, lastMetrics, elapsed));
            prov.put("returned", "the best check's generator, from step " + bestCheck.step());
        }
        listener.onEvent(new TrainingEvent.Finished(PHASE, step, reason, elapsed));
        prov.put("steps", step);
        prov.put("stopReason", reason.name());
        prov.put("trainingSeconds", elapsed / 1e9);
        lastMetrics.forEach((key, v) -> prov.put("final_" + key, v));
        prov.put("converged", reason == TrainingEvent.StopReason.PLATEAU || reason == TrainingEvent.StopReason.TARGET_REACHED);
        return new Generator(net.withParameters(returned), std, config, prov, dataDde);
    }

    /**
     * Steps of the cool-down that follows a plateau found at step {@code from}: a quarter of the
     * steps so far, at least 100. See docs/generator.md, "Convergence and the stop rule".
     */
    static long coolDownLength(long from) {
        return EarlyStopping.coolDownLength(from, COOL_DOWN_MIN_STEPS);
    }

    static final long COOL_DOWN_MIN_STEPS = 100;

    /**
     * The learning rate at {@code step} of a cool-down begun at {@code from}: cosine from the
     * schedule's rate at {@code from} down to {@code finalLearningRateFraction} of the base rate.
     */
    private double coolDownRate(long from, long step) {
        double start = config.learningRateAt(from);
        double end = Math.min(start, config.learningRate() * config.finalLearningRateFraction());
        double frac = Math.min(1.0, (double) (step - from) / coolDownLength(from));
        return end + 0.5 * (start - end) * (1 + Math.cos(Math.PI * frac));
    }

    /**
     * How much worse than the best check the last one may score and still be the one returned: the
     * checks' own resolution, the energy floor (what a perfect generator scores; differences below it
     * are sampling noise of the check), and at least the stop rule's relative improvement. Without
     * it, runs whose last steps sharpen the rows at a decayed learning rate returned an earlier check
     * on a 1% noisier energy (eight Gaussians, checks every 500 steps: four seeds of four returned step
     * 1,500 of 2,000, mean true log density -2.09 to -2.24 against -1.69 for true rows); the drifts
     * the rule is for are far larger (airports 0.003 to 0.06, floor 0.005).
     */
    static double returnTolerance(double best, double minDelta, double energyFloor, Map<String, Double> lastMetrics) {
        double relative = minDelta * Math.abs(best);
        boolean energy = lastMetrics.containsKey("energy");
        return energy && Double.isFinite(energyFloor) ? Math.max(relative, energyFloor) : relative;
    }

    /**
     * Puts the f_q learners back into the checkpoint's states. An empty list with qModel DDE is a
     * checkpoint written before learner states were saved: the learners restart (see
     * {@link GeneratorCheckpoint}).
     */
    private static void restoreLearners(List<DdeLearner> fq, List<DdeLearner.State> states) {
        if (states.isEmpty()) {
            return;
        }
        if (states.size() != fq.size()) {
            throw new IllegalArgumentException("checkpoint holds " + states.size() + " f_q learner states, the run has "
                    + fq.size() + " f_q learners (qModel DDE: one per noise level; none for qModel KDE)");
        }
        for (int i = 0; i < fq.size(); i++) {
            try {
                fq.get(i).restore(states.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint's f_q learner " + i + ": " + e.getMessage(), e);
            } catch (UnsupportedOperationException e) {
                throw new UnsupportedOperationException("cannot resume qModel DDE exactly: the f_q learner "
                        + fq.get(i).getClass().getName() + " does not implement DdeLearner.restore(State)", e);
            }
        }
    }

    /**
     * Checks before the first step that every f_q learner can be saved, so that a run with
     * checkpoints fails at once instead of at its first checkpoint, and never writes a checkpoint
     * that would not resume exactly.
     */
    private static void requireSaveable(List<DdeLearner> fq) {
        for (DdeLearner f : fq) {
            try {
                f.state();
            } catch (UnsupportedOperationException e) {
                throw new UnsupportedOperationException("checkpoints with qModel DDE need f_q learners that implement"
                        + " DdeLearner.state() and restore(State) (DdeLearnerFactory.of's learners do); "
                        + f.getClass().getName() + " does not, so a checkpoint could not resume exactly. Train without"
                        + " withCheckpoints or use a learner that can be saved", e);
            }
        }
    }

    private GeneratorDivergedException diverged(String msg, long step, INDArray lastGood, MlpGenerator net,
                                                Standardizer std, Map<String, Object> prov, long t0, boolean oneSidedBias) {
        listener.onEvent(new TrainingEvent.Finished(PHASE, step, TrainingEvent.StopReason.DIVERGED, System.nanoTime() - t0));
        Map<String, Object> p = new LinkedHashMap<>(prov);
        p.put("steps", step);
        p.put("stopReason", TrainingEvent.StopReason.DIVERGED.name());
        Generator good = new Generator(net.withParameters(lastGood), std, config, p, dataDde);
        return new GeneratorDivergedException("generator training diverged at step " + (step + 1) + ": " + msg
                + (oneSidedBias ? "; qModel KDE against a target given by a score spreads the generator out"
                        + " (GeneratorConfig.qModelFor): use qModel DDE or AUTO" : "")
                + "; try a smaller learningRate or a larger sigma. The last good generator (after step " + step
                + ") is attached.", step + 1, good);
    }

    /**
     * How far above its floor a generator's energy distance still counts as learning: a run whose
     * best is more than this multiple of the floor, and has not yet gained {@value #EARLY_PROGRESS}
     * times on its first check, is on a stall, not at its end. Measured on the 10,000 x 30 mixture
     * (docs/generator.md, "Convergence checks and stop rule"): from 0.76 at its first check its energy
     * sat at 0.40-0.45 for 300 steps, or at 0.76-1.15 for 600, before it fell to 0.03-0.05 (floor
     * 0.008); runs that have converged end within 2x the floor.
     */
    static final double FAR_FROM_FLOOR = 3.0;

    /** The gain on the first check after which a stall counts as a plateau again. */
    static final double EARLY_PROGRESS = 4.0;

    /** How many times the patience a run early and far from its floor gets. */
    static final int FAR_PATIENCE_FACTOR = 3;

    /**
     * The evaluations without improvement that end the run: {@code patience}, or
     * {@value #FAR_PATIENCE_FACTOR} times as many while the best energy is more than
     * {@value #FAR_FROM_FLOOR} times the floor and more than 1/{@value #EARLY_PROGRESS} of the first
     * check's (on the KL estimate, which has no floor, {@code patience}).
     */
    int patienceAt(double best, double first, double energyFloor, boolean monitorsEnergy) {
        boolean early = monitorsEnergy && energyFloor > 0 && best > FAR_FROM_FLOOR * energyFloor
                && !(best <= first / EARLY_PROGRESS);
        return early ? FAR_PATIENCE_FACTOR * config.patience() : config.patience();
    }

    /**
     * The energy distance that rows drawn from the smoothed density the generator targets (the
     * target's samples plus N(0, sigma^2 I) noise at the smallest level) have to the evaluation's
     * reference rows, with as many rows as an evaluation draws: what a perfect generator would score
     * up to sampling noise. NaN when there is no check or the target cannot be sampled. Its own
     * stream ({@code seed}, 4), so it changes nothing else of the run.
     */
    private double energyFloor(GeneratorTarget target, double[][] evalRef, int d) {
        if (evalRef == null) {
            return Double.NaN;
        }
        UniformRandomProvider rng = RandomSources.stream(config.seed(), 4);
        double[][] drawn = target.referenceSamples(config.evalSamples(), rng);
        if (drawn == null) {
            return Double.NaN;
        }
        // new rows: a target may hand out its own rows (DataTarget draws references to them)
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double s = config.sigma();
        double[][] smoothed = new double[drawn.length][d];
        for (int i = 0; i < drawn.length; i++) {
            for (int j = 0; j < d; j++) {
                smoothed[i][j] = drawn[i][j] + s * g.sample();
            }
        }
        return EnergyDistance.of(smoothed, evalRef);
    }

    private Map<String, Double> evaluate(MlpGenerator work, GeneratorTarget target, List<DdeLearner> fq,
                                         double[][] evalRef, double bandwidth, long step, int k, int d, DataType dt) {
        // the same latent and noise draws at every check, so that checks differ only by the generator
        UniformRandomProvider er = RandomSources.stream(config.seed(), 1_000_000L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(er);
        int n = config.evalSamples();
        double s = config.levels(step)[config.levels(step).length - 1];
        Map<String, Double> m = new LinkedHashMap<>();
        INDArray x = work.forward(normal(n, k, dt, g));
        INDArray y = x.add(normal(n, d, dt, g).muli(s));
        INDArray logQ;
        if (fq.isEmpty()) {
            INDArray ref = work.forward(normal(Math.max(n, config.qReferenceSize()), k, dt, g));
            logQ = Kernels.kdeLogDensity(y, ref, s);
        } else {
            logQ = fq.get(fq.size() - 1).value(y);
        }
        INDArray logP = target.smoothedLogDensity(y, s, er);
        double[] r = logP.castTo(DataType.DOUBLE).reshape(n).sub(logQ.castTo(DataType.DOUBLE).reshape(n)).toDoubleVector();
        double mean = 0;
        for (double v : r) {
            mean += v;
        }
        mean /= n;
        m.put("kl", LogSumExp.mean(r) - mean);
        m.put("sigma", s);
        if (evalRef != null) {
            double[][] gen = Kernels.toRows(x);
            m.put("mmd2", Mmd.unbiased(gen, evalRef, bandwidth));
            m.put("energy", EnergyDistance.of(gen, evalRef));
        }
        return m;
    }

    /**
     * g(z) without the backpropagation bookkeeping, for the q-model KDE's reference set: through the
     * network's {@link MlpGenerator.Inference} path (plain arrays, one BLAS call per layer, a snapshot of
     * the current weights) instead of ND4J ops. Measured on the demo's shape (1,024 rows, hidden
     * 128 x 3): the ND4J forward's buffer allocations were the largest remaining part of a step after
     * the KDE kernel (docs/generator.md, "KDE kernel"). Same maths; the inference path's float32
     * activations are a few ulp from ND4J's, so the reference rows agree to float rounding.
     */
    static INDArray forwardNoGrad(MlpGenerator net, INDArray z) {
        return forwardNoGrad(net.inference((int) z.rows()), z);
    }

    /** {@link #forwardNoGrad(MlpGenerator, INDArray)} through a workspace made for the current weights. */
    static INDArray forwardNoGrad(MlpGenerator.Inference inf, INDArray z) {
        int n = (int) z.rows();
        int d = inf.dimension();
        if (inf.dataType() == DataType.FLOAT) {
            float[] out = new float[n * d];
            inf.forward(z.castTo(DataType.FLOAT).dup('c').data().asFloat(), n, out);
            return Nd4j.create(out, new long[] {n, d}, 'c');
        }
        double[] out = new double[n * d];
        inf.forward(z.castTo(DataType.DOUBLE).dup('c').data().asDouble(), n, out);
        return Nd4j.create(out, new long[] {n, d}, 'c');
    }

    /** An n x c standard normal batch drawn from {@code g} in row-major order. */
    static INDArray normal(int n, int c, DataType dt, ZigguratSampler.NormalizedGaussian g) {
        if (dt == DataType.DOUBLE) {
            double[] v = new double[n * c];
            for (int i = 0; i < v.length; i++) {
                v[i] = g.sample();
            }
            return Nd4j.create(v, new long[] {n, c}, 'c');
        }
        float[] v = new float[n * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) g.sample();
        }
        return Nd4j.create(v, new long[] {n, c}, 'c');
    }
}
