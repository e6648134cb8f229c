package io.github.dde4j.generator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.DdeCheckpoint;
import io.github.dde4j.dde.DdeLearner;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.dde.io.ModelFormatException;
import io.github.dde4j.dde.nn.Adam;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The resumable state of a fit job that trains a DDE and then a generator on it: the DDE run's
 * {@link DdeCheckpoint} while it trains, the fitted (normalised) DDE once it is done, then the
 * generator run's {@link GeneratorCheckpoint}. A {@code fingerprint} names the job (data, columns,
 * settings) so that a caller resumes only its own job. Immutable: each {@code with...} returns a
 * new checkpoint.
 *
 * <p>On disk it is a {@link ModelArchive} of model type {@value #MODEL_TYPE} (versioned zip, written
 * atomically, so a kill at any moment leaves the previous complete file). The manifest's config
 * holds {@code checkpointVersion} ({@value #VERSION}), the fingerprint, the DDE checkpoint as JSON and
 * the generator's scalars (doubles that may be infinite as Java's shortest round-trip strings); the
 * arrays hold the fitted DDE's own model file ({@code dde/fitted}, bytes), the generator's parameters,
 * Adam moments and moving average in their own type, and each f_q learner's parameters and per-layer
 * moments as float64. Everything reads back bit for bit, so a resumed run equals an uninterrupted one.
 *
 * <p>{@link #read} also reads the layout the CLI wrote before this format existed ({@code state.json}
 * plus ND4J binary entries, no manifest); it fails with a {@link ModelFormatException} naming the file
 * and the problem on anything else: not a zip, damaged, another model type, or a checkpoint version
 * newer than this library knows.
 */
public final class FitCheckpoint {

    /** The model type in the archive's manifest. */
    public static final String MODEL_TYPE = "fit-checkpoint";
    /** The checkpoint layout version this code writes; it reads 1 and the older manifest-less layout. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** What the manifest-less layout's state.json says it is (its earliest files have only the fingerprint). */
    private static final String LEGACY_FORMAT = "dde4j-checkpoint";
    private static final String LEGACY_FQ = "gen-fq-";

    private final String fingerprint;
    private final DdeCheckpoint ddeProgress;
    private final double ddeSecondsSoFar;
    private final Dde fittedDde;
    private final double ddeSeconds;
    private final GeneratorCheckpoint generator;
    /**
     * The fitted DDE's bytes, serialised once at the first write and shared by the checkpoints
     * derived from this one: a generator run writes a checkpoint every few hundred steps and the
     * DDE in it never changes.
     */
    private final AtomicReference<byte[]> fittedDdeBytes;

    private FitCheckpoint(String fingerprint, DdeCheckpoint ddeProgress, double ddeSecondsSoFar, Dde fittedDde,
                          double ddeSeconds, GeneratorCheckpoint generator) {
        this(fingerprint, ddeProgress, ddeSecondsSoFar, fittedDde, ddeSeconds, generator, new AtomicReference<>());
    }

    private FitCheckpoint(String fingerprint, DdeCheckpoint ddeProgress, double ddeSecondsSoFar, Dde fittedDde,
                          double ddeSeconds, GeneratorCheckpoint generator, AtomicReference<byte[]> fittedDdeBytes) {
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.ddeProgress = ddeProgress;
        this.ddeSecondsSoFar = ddeSecondsSoFar;
        this.fittedDde = fittedDde;
        this.ddeSeconds = ddeSeconds;
        this.generator = generator;
        this.fittedDdeBytes = fittedDdeBytes;
    }

    /** An empty checkpoint of the job named by {@code fingerprint}. */
    public static FitCheckpoint start(String fingerprint) {
        return new FitCheckpoint(fingerprint, null, 0, null, 0, null);
    }

    /** This checkpoint with the DDE run at {@code progress}, after {@code secondsSoFar} of training. */
    public FitCheckpoint withDdeProgress(DdeCheckpoint progress, double secondsSoFar) {
        return new FitCheckpoint(fingerprint, Objects.requireNonNull(progress, "progress"), secondsSoFar, fittedDde,
                ddeSeconds, generator);
    }

    /** This checkpoint with the DDE stage done: the fitted DDE and the seconds it took. */
    public FitCheckpoint withFittedDde(Dde dde, double seconds) {
        return new FitCheckpoint(fingerprint, ddeProgress, ddeSecondsSoFar, Objects.requireNonNull(dde, "dde"), seconds,
                generator);
    }

    /** This checkpoint with the generator run at {@code progress}. */
    public FitCheckpoint withGenerator(GeneratorCheckpoint progress) {
        return new FitCheckpoint(fingerprint, ddeProgress, ddeSecondsSoFar, fittedDde, ddeSeconds,
                Objects.requireNonNull(progress, "progress"), fittedDdeBytes);
    }

    /** The job this checkpoint belongs to. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The DDE run's state while it trains (empty before the first DDE checkpoint). */
    public Optional<DdeCheckpoint> ddeProgress() {
        return Optional.ofNullable(ddeProgress);
    }

    /** Seconds of DDE training up to {@link #ddeProgress()}. */
    public double ddeSecondsSoFar() {
        return ddeSecondsSoFar;
    }

    /** The fitted DDE once the DDE stage is done. */
    public Optional<Dde> fittedDde() {
        return Optional.ofNullable(fittedDde);
    }

    /** Seconds the DDE stage took (0 before it is done). */
    public double ddeSeconds() {
        return ddeSeconds;
    }

    /** The generator run's state (empty before its first checkpoint). */
    public Optional<GeneratorCheckpoint> generator() {
        return Optional.ofNullable(generator);
    }

    // ------------------------------------------------------------------ writing

    /** Writes the checkpoint to {@code file} atomically (temporary file + rename). */
    public void write(Path file) throws IOException {
        ObjectNode cfg = JsonNodeFactory.instance.objectNode();
        cfg.put("checkpointVersion", VERSION);
        cfg.put("fingerprint", fingerprint);
        ModelArchive.Builder b = ModelArchive.builder(MODEL_TYPE);
        if (ddeProgress != null) {
            ObjectNode d = cfg.putObject("ddeProgress");
            d.set("checkpoint", JSON.valueToTree(ddeProgress));
            d.put("secondsSoFar", ddeSecondsSoFar);
        }
        if (fittedDde != null) {
            cfg.put("ddeSeconds", ddeSeconds);
            byte[] dde = fittedDdeBytes.get();
            if (dde == null) {
                dde = fittedDde.toBytes();
                fittedDdeBytes.set(dde);
            }
            b.bytes("dde/fitted", dde);
        }
        if (generator != null) {
            putGenerator(cfg.putObject("generator"), b, generator);
        }
        // stored, not deflated: written every few hundred steps, and deflate gains little on float data
        b.config(cfg).stored().write(file);
    }

    private static void putGenerator(ObjectNode g, ModelArchive.Builder b, GeneratorCheckpoint c) {
        g.set("config", JSON.valueToTree(c.config()));
        g.put("step", c.step());
        g.put("adamT", c.adamT());
        g.put("rngState", Base64.getEncoder().encodeToString(c.rngState()));
        g.put("bestMmd2", Double.toString(c.bestMmd2()));
        g.put("badEvals", c.badEvals());
        g.put("initMean", c.initMean());
        g.put("coolDownFrom", c.coolDownFrom());
        b.array("generator/parameters", c.parameters());
        b.array("generator/adam-m", c.adamM());
        b.array("generator/adam-v", c.adamV());
        if (c.ema() != null) {
            b.array("generator/ema", c.ema());
        }
        g.put("firstMonitored", Double.toString(c.firstMonitored()));
        if (c.best() != null) {
            b.array("generator/best", c.best());
            g.put("bestStep", c.bestStep());
            ObjectNode metrics = g.putObject("bestMetrics");
            // as text, so that infinities and NaN survive JSON
            c.bestMetrics().forEach((k, v) -> metrics.put(k, Double.toString(v)));
        }
        ArrayNode fq = g.putArray("qLearners");
        for (int i = 0; i < c.qLearners().size(); i++) {
            DdeLearner.State q = c.qLearners().get(i);
            ObjectNode n = fq.addObject();
            n.put("steps", q.steps());
            n.put("lastSigma", Double.toString(q.lastSigma()));
            n.put("lastLoss", Double.toString(q.lastLoss()));
            String prefix = "generator/fq-" + i + "/";
            b.doubles(prefix + "parameters", q.parameters(), q.parameters().length);
            double[][] m = q.adam().m();
            n.put("moments", m == null ? 0 : m.length);
            if (m != null) {
                double[][] v = q.adam().v();
                for (int j = 0; j < m.length; j++) {
                    b.doubles(prefix + "adam-m/" + j, m[j], m[j].length);
                    b.doubles(prefix + "adam-v/" + j, v[j], v[j].length);
                }
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a checkpoint written by {@link #write} (or by the CLI before this format existed).
     *
     * @throws ModelFormatException if the file is not a readable dde4j fit checkpoint (the message names
     *                              the file and the problem)
     * @throws IOException          if it cannot be read at all (missing, no permission)
     */
    public static FitCheckpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelFormatException(file, "is not a regular file");
            }
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (isLegacy(file)) {
            return readLegacy(file);
        }
        ModelArchive a = ModelArchive.read(file, MODEL_TYPE);
        try {
            return fromArchive(a);
        } catch (ModelFormatException e) {
            // a problem found in the content (version, embedded DDE): name this file
            throw e.file() != null ? e : new ModelFormatException(file, e.getMessage(), e);
        } catch (RuntimeException | IOException e) {
            throw new ModelFormatException(file, "is a damaged fit checkpoint: " + e.getMessage(), e);
        }
    }

    private static FitCheckpoint fromArchive(ModelArchive a) throws IOException {
        JsonNode cfg = a.config();
        int version = cfg.path("checkpointVersion").asInt(-1);
        if (version > VERSION) {
            throw new ModelFormatException(null, "was written with fit checkpoint version " + version + " by a newer dde4j ("
                    + a.writtenByVersion() + "); this one (" + ModelArchive.libraryVersion() + ") reads versions up to "
                    + VERSION + ": upgrade dde4j or delete the checkpoint");
        }
        if (version < 1 || !cfg.path("fingerprint").isTextual()) {
            throw new ModelFormatException(null, "has no valid checkpointVersion and fingerprint");
        }
        FitCheckpoint c = start(cfg.get("fingerprint").asText());
        JsonNode d = cfg.get("ddeProgress");
        if (d != null) {
            c = c.withDdeProgress(JSON.treeToValue(d.get("checkpoint"), DdeCheckpoint.class),
                    d.path("secondsSoFar").asDouble());
        }
        if (a.hasArray("dde/fitted")) {
            c = c.withFittedDde(Dde.fromBytes(a.bytes("dde/fitted")), cfg.path("ddeSeconds").asDouble());
        }
        JsonNode g = cfg.get("generator");
        if (g != null) {
            c = c.withGenerator(generatorOf(g, name -> a.hasArray(name) ? a.array(name) : null, i -> learnerArrays(a, i)));
        }
        return c;
    }

    /** A stored array by its name in the current layout; null if absent. */
    private interface Arrays {
        INDArray get(String name) throws IOException;
    }

    /** The f_q learner {@code index}: {parameters}, then its per-layer Adam moments m and v (null if it has none). */
    private interface LearnerArrays {
        double[][][] get(int index) throws IOException;
    }

    private static double[][][] learnerArrays(ModelArchive a, int i) {
        String prefix = "generator/fq-" + i + "/";
        List<double[]> m = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        for (int j = 0; a.hasArray(prefix + "adam-m/" + j); j++) {
            m.add(a.doubles(prefix + "adam-m/" + j));
            v.add(a.doubles(prefix + "adam-v/" + j));
        }
        double[] p = a.doubles(prefix + "parameters");
        return m.isEmpty() ? new double[][][] {{p}, null, null}
                : new double[][][] {{p}, m.toArray(new double[0][]), v.toArray(new double[0][])};
    }

    /** The generator checkpoint from its JSON scalars and its arrays (both layouts use the same scalars). */
    private static GeneratorCheckpoint generatorOf(JsonNode g, Arrays arrays, LearnerArrays learners) throws IOException {
        List<DdeLearner.State> qs = new ArrayList<>();
        JsonNode fq = g.get("qLearners");
        for (int i = 0; fq != null && i < fq.size(); i++) {
            JsonNode n = fq.get(i);
            double[][][] p = learners.get(i);
            long steps = n.get("steps").asLong();
            qs.add(new DdeLearner.State(steps, p[0][0], new Adam.State(steps, p[1], p[2]),
                    Double.parseDouble(n.get("lastSigma").asText()), Double.parseDouble(n.get("lastLoss").asText())));
        }
        return new GeneratorCheckpoint(JSON.treeToValue(g.get("config"), GeneratorConfig.class), g.get("step").asLong(),
                required(arrays, "generator/parameters"), required(arrays, "generator/adam-m"),
                required(arrays, "generator/adam-v"), g.get("adamT").asLong(),
                Base64.getDecoder().decode(g.get("rngState").asText()), Double.parseDouble(g.get("bestMmd2").asText()),
                g.get("badEvals").asInt(), g.hasNonNull("initMean") ? g.get("initMean").asText() : "", qs,
                arrays.get("generator/ema"), g.path("coolDownFrom").asLong(-1), arrays.get("generator/best"),
                g.path("bestStep").asLong(-1), bestMetrics(g.get("bestMetrics")),
                Double.parseDouble(g.path("firstMonitored").asText("NaN")));
    }

    private static Map<String, Double> bestMetrics(JsonNode m) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (m != null) {
            m.fields().forEachRemaining(e -> out.put(e.getKey(), Double.parseDouble(e.getValue().asText())));
        }
        return out;
    }

    private static INDArray required(Arrays arrays, String name) throws IOException {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IOException("the generator array " + name + " is missing");
        }
        return a;
    }

    // ------------------------------------------------------------------ the manifest-less layout

    /** Files of the CLI's earlier checkpoint layout have a state.json entry and no manifest. */
    private static boolean isLegacy(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(ModelArchive.MANIFEST) == null && zip.getEntry("state.json") != null;
        } catch (IOException e) {
            return false; // not a zip: ModelArchive.read reports it
        }
    }

    /**
     * The CLI's earlier layout: {@code state.json} ({@code fingerprint}, {@code dde_checkpoint},
     * {@code dde_seconds_so_far}, {@code dde_seconds}, {@code generator_checkpoint}), the fitted DDE as
     * {@code dde-final.zip}, the generator arrays as ND4J binary entries {@code gen-*.bin} and the f_q
     * moments flattened per learner with their layer sizes in {@code momentSizes}.
     */
    private static FitCheckpoint readLegacy(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, byte[]> entries = new HashMap<>();
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            JsonNode json = JSON.readTree(entries.get("state.json"));
            if (json == null || !json.isObject() || !json.path("fingerprint").isTextual()
                    || (json.has("format") && !LEGACY_FORMAT.equals(json.path("format").asText()))) {
                throw new ModelFormatException(file, "state.json is not a dde4j checkpoint's");
            }
            FitCheckpoint c = start(json.get("fingerprint").asText());
            if (json.hasNonNull("dde_checkpoint")) {
                c = c.withDdeProgress(JSON.treeToValue(json.get("dde_checkpoint"), DdeCheckpoint.class),
                        json.path("dde_seconds_so_far").asDouble());
            }
            if (entries.containsKey("dde-final.zip")) {
                c = c.withFittedDde(Dde.fromBytes(entries.get("dde-final.zip")), json.path("dde_seconds").asDouble());
            }
            JsonNode g = json.get("generator_checkpoint");
            if (g != null && entries.containsKey("gen-params.bin")) {
                Arrays arrays = name -> {
                    String part = name.substring("generator/".length());
                    byte[] b = entries.get("gen-" + (part.equals("parameters") ? "params" : part) + ".bin");
                    return b == null ? null : nd4jArray(b);
                };
                JsonNode fq = g.get("qLearners");
                LearnerArrays learners = i -> {
                    double[] p = legacyDoubles(entries, LEGACY_FQ + i + "-params.bin");
                    JsonNode sizes = fq.get(i).get("momentSizes");
                    if (sizes == null) {
                        return new double[][][] {{p}, null, null};
                    }
                    return new double[][][] {{p}, split(legacyDoubles(entries, LEGACY_FQ + i + "-adam-m.bin"), sizes),
                            split(legacyDoubles(entries, LEGACY_FQ + i + "-adam-v.bin"), sizes)};
                };
                c = c.withGenerator(generatorOf(g, arrays, learners));
            }
            return c;
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(file, "is a damaged dde4j checkpoint: " + e.getMessage(), e);
        }
    }

    private static INDArray nd4jArray(byte[] bytes) throws IOException {
        Nd4jRuntime.ensureInitialized();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        }
    }

    private static double[] legacyDoubles(Map<String, byte[]> entries, String name) throws IOException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new IOException("entry " + name + " is missing");
        }
        return nd4jArray(b).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double[][] split(double[] flat, JsonNode sizes) {
        double[][] out = new double[sizes.size()][];
        int pos = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, pos, pos + sizes.get(i).asInt());
            pos += out[i].length;
        }
        if (pos != flat.length) {
            throw new IllegalArgumentException("f_q moments: " + flat.length + " values, the sizes add up to " + pos);
        }
        return out;
    }
}
