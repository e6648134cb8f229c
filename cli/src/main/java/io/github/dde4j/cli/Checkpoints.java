package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.cli.io.AtomicOutput;
import io.github.dde4j.generator.GeneratorCheckpoint;
import io.github.dde4j.generator.GeneratorConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint file of {@code dde4j fit} ({@code M.zip.ckpt}): a zip of named byte entries plus
 * {@code state.json} with a fingerprint of the job (data file, columns, settings). It is rewritten
 * atomically, so a kill at any moment leaves the previous complete checkpoint; a later {@code fit}
 * with the same fingerprint resumes from it, and a successful run deletes it.
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
            json.put("fingerprint", fingerprint);
        }

        State(String fingerprint, ObjectNode json) {
            this.fingerprint = fingerprint;
            this.json = json;
        }
    }

    static synchronized void write(Path file, State s) throws IOException {
        try (AtomicOutput out = AtomicOutput.open(file)) {
            try (ZipOutputStream zip = new ZipOutputStream(out.stream())) {
                zip.putNextEntry(new ZipEntry("state.json"));
                zip.write(Json.MAPPER.writeValueAsBytes(s.json));
                zip.closeEntry();
                for (Map.Entry<String, byte[]> e : s.entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            out.commit();
        }
    }

    /** The checkpoint at {@code file} if it exists, is readable and has this fingerprint; else null. */
    static State read(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry se = zip.getEntry("state.json");
            if (se == null) {
                return null;
            }
            JsonNode json;
            try (InputStream in = zip.getInputStream(se)) {
                json = Json.MAPPER.readTree(in);
            }
            if (!fingerprint.equals(json.path("fingerprint").asText())) {
                return null;
            }
            State s = new State(fingerprint, (ObjectNode) json);
            var en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (!e.getName().equals("state.json")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        s.entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            return null; // a damaged checkpoint is ignored: training starts over
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
                g.hasNonNull("initMean") ? g.get("initMean").asText() : "");
    }
}
