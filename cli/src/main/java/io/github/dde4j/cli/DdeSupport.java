package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeCheckpoint;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.DdeProvenance;
import io.github.dde4j.dde.DdeTrainer;
import io.github.dde4j.dde.DdeTraining;
import io.github.dde4j.dde.nn.ScalarMlp;
import io.github.dde4j.dde.normalize.LogZEstimate;
import io.github.dde4j.dde.sampling.LangevinTarget;
import io.github.dde4j.core.data.Standardizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the command needs from the dde module, in one place: training in chunks with
 * checkpoints, normalisation, the DDE's parts for model files, and the Langevin target.
 */
final class DdeSupport {

    private DdeSupport() {
    }

    /** Training settings gathered from flags and the config file (a JSON object of DdeConfig fields). */
    record Settings(Map<String, Object> config, Double sigma, Integer steps, long seed) {
    }

    /** A fitted, normalised DDE. */
    record Fitted(Dde dde, LogZEstimate logZ, double seconds) {
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
     * {@code every} steps when {@code checkpoint} is not null, then normalises with the data as guide.
     */
    static Fitted fit(double[][] data, Settings s, TrainingListener listener, Checkpoints.State state, Path checkpoint,
                      int every) throws IOException {
        DdeConfig cfg = config(s);
        DdeTrainer trainer = new DdeTrainer(cfg);
        long t0 = System.nanoTime();
        DdeTraining run;
        double before = 0;
        if (state != null && state.json.hasNonNull("dde_checkpoint")) {
            DdeCheckpoint cp = Json.MAPPER.treeToValue(state.json.get("dde_checkpoint"), DdeCheckpoint.class);
            run = trainer.resume(data, cp);
            before = state.json.path("dde_seconds_so_far").asDouble();
        } else {
            run = trainer.start(data);
        }
        while (!run.isFinished()) {
            run.runSteps(checkpoint == null ? Long.MAX_VALUE : every, listener);
            if (checkpoint != null && !run.isFinished()) {
                state.json.set("dde_checkpoint", Json.MAPPER.valueToTree(run.checkpoint()));
                state.json.put("dde_seconds_so_far", before + (System.nanoTime() - t0) / 1e9);
                Checkpoints.write(checkpoint, state);
            }
            if (!listener.keepGoing()) {
                break;
            }
        }
        Dde dde = run.result().normalize(data, RandomSources.stream(cfg.seed(), 4).nextLong());
        return new Fitted(dde, dde.logZ().orElseThrow(), before + (System.nanoTime() - t0) / 1e9);
    }

    /** exp(f - log Z) in the caller's units. */
    static Density normalized(Dde dde, LogZEstimate logZ) {
        return dde.isNormalized() ? dde : dde.withLogZ(logZ);
    }

    /** The DDE as a Langevin target in the caller's units: score and log density in one pass. */
    static LangevinTarget langevinTarget(Dde dde) {
        return LangevinTarget.of(dde.dimension(), dde::score, dde::logDensityUnnormalized);
    }

    /** The DDE's noise level in the caller's units: sigma times the smallest column scale. */
    static double sigma(Dde dde) {
        double min = Double.POSITIVE_INFINITY;
        for (double sc : dde.standardizer().scales()) {
            min = Math.min(min, sc);
        }
        return dde.sigma() * min;
    }

    /** The DDE without its parameters, as JSON (config, standardisation, sigma, provenance). */
    static ObjectNode describe(Dde dde) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("config", Json.MAPPER.valueToTree(dde.config()));
        n.set("standardizer", Json.MAPPER.valueToTree(dde.standardizer()));
        n.put("sigma", dde.sigma());
        n.set("provenance", Json.MAPPER.valueToTree(dde.provenance()));
        dde.logZ().ifPresent(z -> n.set("log_z", Json.MAPPER.valueToTree(z)));
        return n;
    }

    /** Rebuilds a DDE from {@link #describe} and its network parameters. */
    static Dde rebuild(JsonNode n, double[] parameters) throws IOException {
        DdeConfig cfg = Json.MAPPER.treeToValue(n.get("config"), DdeConfig.class);
        Standardizer st = Json.MAPPER.treeToValue(n.get("standardizer"), Standardizer.class);
        DdeProvenance prov = Json.MAPPER.treeToValue(n.get("provenance"), DdeProvenance.class);
        LogZEstimate z = n.hasNonNull("log_z") ? Json.MAPPER.treeToValue(n.get("log_z"), LogZEstimate.class) : null;
        ScalarMlp net = ScalarMlp.of(cfg.network(st.dimension()), parameters);
        return Dde.of(cfg, st, net, n.get("sigma").asDouble(), prov, z);
    }
}
