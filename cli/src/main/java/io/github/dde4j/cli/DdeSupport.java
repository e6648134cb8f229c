package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeCheckpoint;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.DdeTraining;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * DDE training as the commands run it: settings from flags and config files, training in chunks
 * with checkpoints, then normalisation ({@link Dde#normalize}).
 */
final class DdeSupport {

    private DdeSupport() {
    }

    /** Training settings gathered from flags and the config file (a JSON object of DdeConfig fields). */
    record Settings(Map<String, Object> config, Double sigma, Integer steps, long seed) {
    }

    /** A fitted DDE, normalised (its {@link Dde#logZ()} is present). */
    record Fitted(Dde dde, double seconds) {
    }

    /** The DdeConfig: defaults, then the config file's "dde" object, then the flags. */
    static DdeConfig config(Settings s) {
        ObjectNode tree = Json.MAPPER.valueToTree(DdeConfig.defaults());
        if (s.config() != null) {
            s.config().forEach((k, v) -> {
                if (!tree.has(k)) {
                    throw new UserException("unknown DDE setting '" + k + "' (known: " + String.join(", ", iterable(tree)) + ")");
                }
                tree.set(k, Json.MAPPER.valueToTree(v));
            });
        }
        DdeConfig c;
        try {
            c = Json.MAPPER.treeToValue(tree, DdeConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException("invalid DDE settings: " + FitCommand.rootMessage(e));
        }
        DdeConfig.Builder b = c.toBuilder().seed(s.seed());
        if (s.sigma() != null) {
            b.sigma(s.sigma());
        }
        if (s.steps() != null) {
            b.steps(s.steps());
        }
        return b.build();
    }

    private static java.util.List<String> iterable(ObjectNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * Trains (resuming from {@code state} when it holds a DDE checkpoint), writing a checkpoint every
     * {@code every} steps into {@code state} when it is not null, then normalises with the data as guide.
     */
    static Fitted fit(double[][] data, Settings s, TrainingListener listener, Checkpoints.Slot state, int every) throws IOException {
        DdeConfig cfg = config(s);
        DdeTrainer trainer = new DdeTrainer(cfg);
        long t0 = System.nanoTime();
        DdeTraining run;
        double before = 0;
        DdeCheckpoint cp = state == null ? null : state.current().ddeProgress().orElse(null);
        if (cp != null) {
            run = trainer.resume(data, cp);
            before = state.current().ddeSecondsSoFar();
        } else {
            run = trainer.start(data);
        }
        while (!run.isFinished()) {
            run.runSteps(state == null ? Long.MAX_VALUE : every, listener);
            if (state != null && !run.isFinished()) {
                DdeCheckpoint now = run.checkpoint();
                double seconds = before + (System.nanoTime() - t0) / 1e9;
                state.update(c -> c.withDdeProgress(now, seconds));
            }
            if (!listener.keepGoing()) {
                break;
            }
        }
        Dde dde = run.result().normalize(data, RandomSources.stream(cfg.seed(), 4).nextLong());
        return new Fitted(dde, before + (System.nanoTime() - t0) / 1e9);
    }

    /** The DDE's noise level in the caller's units: sigma times the smallest column scale. */
    static double sigma(Dde dde) {
        double min = Double.POSITIVE_INFINITY;
        for (double sc : dde.standardizer().scales()) {
            min = Math.min(min, sc);
        }
        return dde.sigma() * min;
    }
}
