package io.github.dde4j.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.generator.nn.GeneratorNetwork;
import io.github.dde4j.generator.nn.GeneratorNetworks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves and loads a {@link Generator} as a {@link ModelArchive} of model type {@code "generator"}
 * (versioned zip, JSON manifest + arrays, written atomically). The manifest's config holds the
 * training configuration, the network's architecture and description, and the standardisation;
 * the array {@code generator/parameters} holds the network's parameters. Unknown format versions,
 * foreign or damaged files fail with a clear error from {@link ModelArchive}.
 *
 * <p>The CLI's single-file model (DDE + generator) is written by the CLI with the same entries
 * under the same names, so {@link #fromArchive(ModelArchive)} also reads the generator part of it.
 */
public final class GeneratorIO {

    /** The model type in the manifest. */
    public static final String MODEL_TYPE = "generator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratorIO() {
    }

    /** Writes {@code g} to {@code file} atomically. */
    public static void save(Generator g, Path file) throws IOException {
        toArchive(g).write(file);
    }

    /** Reads a generator file. */
    public static Generator load(Path file) throws IOException {
        return fromArchive(ModelArchive.read(file, MODEL_TYPE));
    }

    /** The archive for {@code g}. */
    public static ModelArchive toArchive(Generator g) {
        ObjectNode cfg = JSON.createObjectNode();
        g.config().ifPresent(c -> cfg.set("generatorConfig", JSON.valueToTree(c)));
        ObjectNode net = cfg.putObject("network");
        net.put("architecture", g.network().architecture());
        net.set("description", JSON.valueToTree(g.network().describe()));
        ObjectNode std = cfg.putObject("standardizer");
        std.set("means", JSON.valueToTree(g.standardizer().means()));
        std.set("scales", JSON.valueToTree(g.standardizer().scales()));
        Map<String, String> prov = new LinkedHashMap<>();
        g.provenance().forEach((k, v) -> prov.put(k, String.valueOf(v)));
        return ModelArchive.builder(MODEL_TYPE).config(cfg).provenance(prov)
                .array("generator/parameters", g.network().parameters()).build();
    }

    /** A generator from an archive written by {@link #toArchive}. */
    @SuppressWarnings("unchecked")
    public static Generator fromArchive(ModelArchive a) {
        JsonNode cfg = a.config();
        JsonNode net = cfg.path("network");
        if (net.isMissingNode() || !a.hasArray("generator/parameters")) {
            throw new IllegalArgumentException("the archive holds no generator (no network config or parameters)");
        }
        try {
            Map<String, Object> desc = JSON.treeToValue(net.get("description"), Map.class);
            INDArray params = a.array("generator/parameters");
            GeneratorNetwork n = GeneratorNetworks.read(net.path("architecture").asText(), desc, params);
            JsonNode s = cfg.path("standardizer");
            Standardizer std = s.isMissingNode() ? null
                    : new Standardizer(JSON.treeToValue(s.get("means"), double[].class),
                    JSON.treeToValue(s.get("scales"), double[].class), null);
            GeneratorConfig gc = cfg.hasNonNull("generatorConfig")
                    ? JSON.treeToValue(cfg.get("generatorConfig"), GeneratorConfig.class) : null;
            return new Generator(n, std, gc, new LinkedHashMap<>(a.provenance()), null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid generator config in archive: " + e.getOriginalMessage(), e);
        }
    }
}
