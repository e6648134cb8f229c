package io.github.dde4j.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.dde.normalize.LogZEstimate;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.GeneratorConfig;
import io.github.dde4j.generator.nn.GeneratorNetwork;
import io.github.dde4j.generator.nn.GeneratorNetworks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model file of {@code dde4j fit}: a dde4j {@link ModelArchive} (versioned zip with a JSON
 * manifest and checksummed arrays, written atomically) of model type {@value #TYPE}. Its config
 * holds the column names, the DDE's log normaliser with its standard error, the generator's
 * architecture, standardisation and configuration, and facts about the run; its arrays are
 * {@code dde/parameters} (the DDE network's parameters; its configuration, standardisation, sigma
 * and provenance are in the config) and {@code generator/parameters}.
 *
 * <p>Reading lets {@link ModelArchive} reject corrupted, truncated and foreign files, other
 * model types ("holds a 'dde' model, expected 'dde4j-model'") and unknown versions, each with a
 * one-line message.
 */
final class ModelFile {

    static final String TYPE = "dde4j-model";
    /** Layout version of this model type's config (inside the archive format's own version). */
    static final int VERSION = 1;

    /** What a model file holds; {@code dde} or {@code generator} may be null, not both. */
    record Contents(List<String> columns, Dde dde, LogZEstimate logZ, Generator generator, Map<String, Object> info) {
        Contents {
            columns = List.copyOf(columns);
            info = info == null ? Map.of() : Map.copyOf(info);
            if (dde == null && generator == null) {
                throw new IllegalArgumentException("a model needs a DDE or a generator");
            }
        }
    }

    private ModelFile() {
    }

    static void write(Path target, Contents c) throws IOException {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("version", VERSION);
        m.set("columns", Json.MAPPER.valueToTree(c.columns()));
        if (c.logZ() != null) {
            m.set("log_z", Json.MAPPER.valueToTree(c.logZ()));
        }
        m.set("info", Json.MAPPER.valueToTree(c.info()));
        m.put("has_dde", c.dde() != null);
        ModelArchive.Builder b = ModelArchive.builder(TYPE);
        if (c.generator() != null) {
            Generator g = c.generator();
            ObjectNode gn = m.putObject("generator");
            gn.put("architecture", g.network().architecture());
            gn.set("description", Json.MAPPER.valueToTree(g.network().describe()));
            gn.set("standardizer", Json.MAPPER.valueToTree(g.standardizer()));
            g.config().ifPresent(cfg -> gn.set("config", Json.MAPPER.valueToTree(cfg)));
            gn.set("provenance", Json.MAPPER.valueToTree(g.provenance()));
            b.array("generator/parameters", g.network().parameters());
        }
        if (c.dde() != null) {
            m.set("dde", DdeSupport.describe(c.dde()));
            double[] p = c.dde().network().parameters();
            b.doubles("dde/parameters", p, p.length);
        }
        b.config(m).provenance("written_by", "dde4j cli " + Dde4j.version());
        b.write(target);
    }

    static Contents read(Path file) throws IOException {
        Inputs.requireFile(file);
        ModelArchive a = ModelArchive.read(file, TYPE);
        JsonNode m = a.config();
        int version = m.path("version").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw new UserException(file + " holds a dde4j-model of layout version " + m.path("version").asText()
                    + "; this dde4j (" + Dde4j.version() + ") reads 1 to " + VERSION + ": upgrade dde4j");
        }
        try {
            List<String> columns = Json.MAPPER.convertValue(m.get("columns"), new TypeReference<List<String>>() { });
            LogZEstimate logZ = m.hasNonNull("log_z") ? Json.MAPPER.treeToValue(m.get("log_z"), LogZEstimate.class) : null;
            Map<String, Object> info = m.hasNonNull("info")
                    ? Json.MAPPER.convertValue(m.get("info"), new TypeReference<Map<String, Object>>() { }) : Map.of();
            Dde dde = m.path("has_dde").asBoolean(false) ? DdeSupport.rebuild(m.get("dde"), a.doubles("dde/parameters")) : null;
            Generator gen = null;
            if (m.hasNonNull("generator")) {
                JsonNode gn = m.get("generator");
                INDArray params = a.array("generator/parameters");
                Map<String, Object> desc = Json.MAPPER.convertValue(gn.get("description"),
                        new TypeReference<Map<String, Object>>() { });
                GeneratorNetwork net = GeneratorNetworks.read(gn.path("architecture").asText(), desc, params);
                Standardizer std = Json.MAPPER.treeToValue(gn.get("standardizer"), Standardizer.class);
                GeneratorConfig cfg = gn.hasNonNull("config") ? Json.MAPPER.treeToValue(gn.get("config"), GeneratorConfig.class) : null;
                Map<String, Object> prov = gn.hasNonNull("provenance")
                        ? Json.MAPPER.convertValue(gn.get("provenance"), new TypeReference<Map<String, Object>>() { }) : Map.of();
                gen = new Generator(net, std, cfg, prov, dde);
            }
            if (columns == null || columns.isEmpty()) {
                throw new UserException(file + " is a corrupted dde4j model file (no column names)");
            }
            return new Contents(columns, dde, logZ, gen, info);
        } catch (UserException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + " is a corrupted dde4j model file (" + Errors.describe(e) + ")", e);
        }
    }

    static byte[] arrayBytes(INDArray a) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            Nd4j.write(a, out);
        }
        return b.toByteArray();
    }

    static INDArray readArray(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        }
    }

    /** Facts for the manifest's info section. */
    static Map<String, Object> info(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
