package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.data.AtomicFiles;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.generator.GeneratorCheckpoint;
import io.github.dde4j.generator.GeneratorConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoint file of {@code dde4j fit} ({@code M.zip.ckpt}): a zip of named byte entries plus
 * {@code state.json} with a fingerprint of the job (data file, columns, settings). It is rewritten
 * atomically, so a kill at any moment leaves the previous complete checkpoint; a later {@code fit}
 * with the same fingerprint resumes from it, and a successful run deletes it.
 *
 * <p>The generator's checkpoint ({@link #putGenerator}) holds everything {@link GeneratorCheckpoint}
 * holds, so a resumed generator run equals an uninterrupted one bit for bit for both q-models: the
 * arrays as ND4J binary entries (generator parameters and Adam moments; with qModel DDE each f_q
 * learner's parameters and flattened Adam moments as float64 {@code gen-fq-<i>-*.bin}), the scalars in
 * {@code state.json} (doubles as Java's shortest round-trip decimal strings, so they read back exactly).
 */
final class Checkpoints {

    private Checkpoints() {
    }

    /** The entries of a checkpoint. */
    static final class State {
        final String fingerprint;
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        final ObjectNode json;

        State(String fingerprint) {
            this.fingerprint = fingerprint;
            this.json = Json.MAPPER.createObjectNode();
            json.put("format", FORMAT);
            json.put("fingerprint", fingerprint);
        }

        State(String fingerprint, ObjectNode json) {
            this.fingerprint = fingerprint;
            this.json = json;
        }
    }

    static synchronized void write(Path file, State s) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("state.json"));
            zip.write(Json.MAPPER.writeValueAsBytes(s.json));
            zip.closeEntry();
            for (Map.Entry<String, byte[]> e : s.entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** What {@code state.json} says a dde4j checkpoint is (older ones have only the fingerprint). */
    static final String FORMAT = "dde4j-checkpoint";

    /** The checkpoint of model file {@code out}: {@code M.zip.ckpt}. */
    static Path pathFor(Path out) {
        return Path.of(out.toString() + ".ckpt");
    }

    /**
     * Refuses a file at the checkpoint path that is not a readable dde4j checkpoint: fit would
     * replace it while training and delete it at the end, and it may be the user's.
     */
    static void requireOursOrAbsent(Path file) {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("it is not a regular file");
            }
            stateOf(file);
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + " exists but is not a readable dde4j checkpoint (" + Errors.describe(e)
                    + "); it was left as it is: move it away or delete it, or choose another --out");
        }
    }

    /** The state.json of a checkpoint file, if it is one. */
    private static JsonNode stateOf(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry se = zip.getEntry("state.json");
            if (se == null) {
                throw new IOException("no state.json entry");
            }
            JsonNode json;
            try (InputStream in = zip.getInputStream(se)) {
                json = Json.MAPPER.readTree(in);
            }
            if (json == null || !json.isObject() || !json.path("fingerprint").isTextual()
                    || (json.has("format") && !FORMAT.equals(json.path("format").asText()))) {
                throw new IOException("state.json is not a dde4j checkpoint's");
            }
            return json;
        }
    }

    /**
     * The checkpoint at {@code file} if it exists and has this fingerprint; null if there is none or
     * it is another job's (which this job then replaces).
     *
     * @throws UserException if the file is damaged (it is not deleted)
     */
    static State read(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode json = stateOf(file);
            if (!fingerprint.equals(json.path("fingerprint").asText())) {
                return null;
            }
            State s = new State(fingerprint, (ObjectNode) json);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                var en = zip.entries();
                while (en.hasMoreElements()) {
                    ZipEntry e = en.nextElement();
                    if (!e.getName().equals("state.json")) {
                        try (InputStream in = zip.getInputStream(e)) {
                            s.entries.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            throw new UserException("the checkpoint " + file + " is damaged (" + Errors.describe(e) + "); it was left as "
                    + "it is: delete it to start training over, or choose another --out");
        }
    }

    static void putGenerator(State s, GeneratorCheckpoint c) throws IOException {
        ObjectNode g = s.json.putObject("generator_checkpoint");
        g.set("config", Json.MAPPER.valueToTree(c.config()));
        g.put("step", c.step());
        g.put("adamT", c.adamT());
        g.put("rngState", Base64.getEncoder().encodeToString(c.rngState()));
        g.put("bestMmd2", Double.isFinite(c.bestMmd2()) ? Double.toString(c.bestMmd2()) : "Infinity");
        g.put("badEvals", c.badEvals());
        g.put("initMean", c.initMean());
        s.entries.put("gen-params.bin", ModelFile.arrayBytes(c.parameters()));
        s.entries.put("gen-adam-m.bin", ModelFile.arrayBytes(c.adamM()));
        s.entries.put("gen-adam-v.bin", ModelFile.arrayBytes(c.adamV()));
        // the moving average the run returns, and the step its cool-down began (-1: not yet)
        g.put("coolDownFrom", c.coolDownFrom());
        if (c.ema() != null) {
            s.entries.put("gen-ema.bin", ModelFile.arrayBytes(c.ema()));
        } else {
            s.entries.remove("gen-ema.bin");
        }
        // qModel DDE: each f_q learner's scalars in the JSON, its arrays as float64 ND4J entries (exact, compact)
        s.entries.keySet().removeIf(k -> k.startsWith(FQ_PREFIX));
        var fq = g.putArray("qLearners");
        for (int i = 0; i < c.qLearners().size(); i++) {
            DdeLearner.State q = c.qLearners().get(i);
            Adam.State a = q.adam();
            ObjectNode n = fq.addObject();
            n.put("steps", q.steps());
            n.put("lastSigma", Double.toString(q.lastSigma()));
            n.put("lastLoss", Double.toString(q.lastLoss()));
            s.entries.put(FQ_PREFIX + i + "-params.bin", ModelFile.arrayBytes(Nd4j.createFromArray(q.parameters())));
            double[][] m = a.m();
            if (m != null) {
                var sizes = n.putArray("momentSizes");
                for (double[] t : m) {
                    sizes.add(t.length);
                }
                s.entries.put(FQ_PREFIX + i + "-adam-m.bin", ModelFile.arrayBytes(Nd4j.createFromArray(concat(m))));
                s.entries.put(FQ_PREFIX + i + "-adam-v.bin", ModelFile.arrayBytes(Nd4j.createFromArray(concat(a.v()))));
            }
        }
    }

    /** Entry-name prefix of the f_q learner arrays. */
    private static final String FQ_PREFIX = "gen-fq-";

    private static double[] concat(double[][] parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int pos = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    private static double[][] split(double[] flat, JsonNode sizes) {
        double[][] out = new double[sizes.size()][];
        int pos = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(flat, pos, pos + sizes.get(i).asInt());
            pos += out[i].length;
        }
        if (pos != flat.length) {
            throw new IllegalArgumentException("f_q moments: " + flat.length + " values, the sizes add up to " + pos);
        }
        return out;
    }

    private static double[] doubles(State s, String entry) throws IOException {
        byte[] b = s.entries.get(entry);
        if (b == null) {
            throw new IOException("checkpoint entry " + entry + " is missing");
        }
        return ModelFile.readArray(b).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** The f_q learner states of {@code g} (none in qModel KDE checkpoints and in those written before they were saved). */
    private static List<DdeLearner.State> learners(State s, JsonNode g) throws IOException {
        JsonNode fq = g.get("qLearners");
        List<DdeLearner.State> out = new ArrayList<>();
        if (fq == null) {
            return out;
        }
        for (int i = 0; i < fq.size(); i++) {
            JsonNode n = fq.get(i);
            double[] p = doubles(s, FQ_PREFIX + i + "-params.bin");
            long steps = n.get("steps").asLong();
            Adam.State a = n.has("momentSizes")
                    ? new Adam.State(steps, split(doubles(s, FQ_PREFIX + i + "-adam-m.bin"), n.get("momentSizes")),
                            split(doubles(s, FQ_PREFIX + i + "-adam-v.bin"), n.get("momentSizes")))
                    : new Adam.State(steps, null, null);
            out.add(new DdeLearner.State(steps, p, a, Double.parseDouble(n.get("lastSigma").asText()),
                    Double.parseDouble(n.get("lastLoss").asText())));
        }
        return out;
    }

    static GeneratorCheckpoint generator(State s) throws IOException {
        JsonNode g = s.json.get("generator_checkpoint");
        if (g == null || !s.entries.containsKey("gen-params.bin")) {
            return null;
        }
        return new GeneratorCheckpoint(Json.MAPPER.treeToValue(g.get("config"), GeneratorConfig.class),
                g.get("step").asLong(), ModelFile.readArray(s.entries.get("gen-params.bin")),
                ModelFile.readArray(s.entries.get("gen-adam-m.bin")), ModelFile.readArray(s.entries.get("gen-adam-v.bin")),
                g.get("adamT").asLong(), Base64.getDecoder().decode(g.get("rngState").asText()),
                Double.parseDouble(g.get("bestMmd2").asText()), g.get("badEvals").asInt(),
                g.hasNonNull("initMean") ? g.get("initMean").asText() : "", learners(s, g),
                s.entries.containsKey("gen-ema.bin") ? ModelFile.readArray(s.entries.get("gen-ema.bin")) : null,
                g.path("coolDownFrom").asLong(-1));
    }
}
