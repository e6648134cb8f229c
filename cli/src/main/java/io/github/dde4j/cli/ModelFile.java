package io.github.dde4j.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.table.TableEncoder;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.dde.normalize.LogZEstimate;
import io.github.dde4j.generator.Generator;
import io.github.dde4j.generator.GeneratorIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model file of {@code dde4j fit}: a dde4j {@link ModelArchive} (versioned zip with a JSON
 * manifest and checksummed arrays, written atomically) of model type {@value #TYPE}, layout
 * version {@value #VERSION}. Its config holds the column names and facts about the run (rows,
 * seed, timings, the Gaussian fitted to the data for Langevin starts); its two entries are the
 * modules' own model files, byte for byte:
 * <ul>
 *   <li>{@value #DDE_ENTRY}: the DDE as written by {@link Dde#save} (configuration,
 *       standardisation, sigma, provenance, log Z estimate, parameters), read by {@link Dde#load};</li>
 *   <li>{@value #GENERATOR_ENTRY}: the generator as written by {@link GeneratorIO}, read by
 *       {@link GeneratorIO#load} and given the DDE as its data DDE.</li>
 * </ul>
 * A container is needed because neither module file carries column names, and the generator's
 * file cannot embed its data DDE. A model of a typed table (layout version {@value #TABLE_VERSION})
 * also holds its {@link TableEncoder} (schema and codings, JSON) under the config key
 * {@value Tables#ENCODER_KEY}; its column names are then the encoded dimensions' names. Files
 * without it (version {@value #VERSION}) are all-numeric models.
 *
 * <p>Reading lets {@link ModelArchive} reject corrupted, truncated and foreign files, other
 * model types ("holds a 'dde' model, expected 'dde4j-model'") and unknown versions, each with a
 * one-line message.
 */
final class ModelFile {

    static final String TYPE = "dde4j-model";
    /** Layout version of this model type's config (inside the archive format's own version). */
    static final int VERSION = 2;
    /** Layout version of a typed table's model (version 2 plus the table encoder). */
    static final int TABLE_VERSION = 3;
    static final String DDE_ENTRY = "dde/model.zip";
    static final String GENERATOR_ENTRY = "generator/model.zip";
    /** Config key of the constant columns: an object of column name to value. */
    static final String CONSTANTS = "constant_columns";

    /**
     * What a model file holds; {@code dde} or {@code generator} may be null, not both.
     * {@code columns} are all the data's columns, in order; {@code constants} the value of each
     * column that was constant in the training data (a point mass, not learned), the DDE and the
     * generator model the others. {@code encoder} is a typed table's (then {@code columns} are the
     * encoded dimensions' names and the encoder handles constant columns itself), null for
     * all-numeric models.
     */
    record Contents(List<String> columns, Dde dde, Generator generator, Map<String, Object> info,
                    Map<String, Double> constants, TableEncoder encoder) {
        Contents {
            columns = List.copyOf(columns);
            info = info == null ? Map.of() : Map.copyOf(info);
            constants = constants == null ? Map.of() : Map.copyOf(constants);
            if (dde == null && generator == null) {
                throw new IllegalArgumentException("a model needs a DDE or a generator");
            }
            if (!columns.containsAll(constants.keySet())) {
                throw new IllegalArgumentException("constant columns " + constants.keySet() + " are not all in " + columns);
            }
        }

        Contents(List<String> columns, Dde dde, Generator generator, Map<String, Object> info) {
            this(columns, dde, generator, info, Map.of(), null);
        }

        Contents(List<String> columns, Dde dde, Generator generator, Map<String, Object> info,
                 Map<String, Double> constants) {
            this(columns, dde, generator, info, constants, null);
        }

        /** A typed table's model: the encoded dimensions' names and the encoder. */
        static Contents ofTable(Dde dde, Generator generator, Map<String, Object> info, TableEncoder encoder) {
            return new Contents(encoder.encodedNames(), dde, generator, info, Map.of(), encoder);
        }

        /** The columns the DDE and the generator model: all but the constant ones. */
        List<String> modelledColumns() {
            return columns.stream().filter(c -> !constants.containsKey(c)).toList();
        }

        /** The DDE's log normaliser estimate, when it has one. */
        LogZEstimate logZ() {
            return dde == null ? null : dde.logZ().orElse(null);
        }
    }

    private ModelFile() {
    }

    static void write(Path target, Contents c) throws IOException {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("version", c.encoder() == null ? VERSION : TABLE_VERSION);
        m.set("columns", Json.MAPPER.valueToTree(c.columns()));
        m.set("info", Json.MAPPER.valueToTree(c.info()));
        if (c.encoder() != null) {
            m.set(Tables.ENCODER_KEY, Json.MAPPER.valueToTree(c.encoder()));
        }
        if (!c.constants().isEmpty()) {
            m.set(CONSTANTS, Json.MAPPER.valueToTree(c.constants()));
        }
        ModelArchive.Builder b = ModelArchive.builder(TYPE);
        if (c.dde() != null) {
            b.bytes(DDE_ENTRY, c.dde().toBytes());
        }
        if (c.generator() != null) {
            b.bytes(GENERATOR_ENTRY, GeneratorIO.toArchive(c.generator()).toBytes());
        }
        b.config(m).provenance("written_by", "dde4j cli " + Dde4j.version());
        b.write(target);
    }

    static Contents read(Path file) throws IOException {
        Inputs.requireFile(file);
        ModelArchive a = ModelArchive.read(file, TYPE);
        JsonNode m = a.config();
        if (m.isEmpty()) {
            throw new UserException(file + " is a corrupted dde4j model file: its manifest has no config "
                    + "(the column names and layout version are missing); fit the model again");
        }
        int version = m.path("version").asInt(-1);
        if (version > TABLE_VERSION) {
            throw new UserException(file + " holds a dde4j-model of layout version " + m.path("version").asText()
                    + "; this dde4j (" + Dde4j.version() + ") reads " + VERSION + " and " + TABLE_VERSION + ": upgrade dde4j");
        }
        if (version < VERSION) {
            throw new UserException(file + " holds a dde4j-model of layout version " + m.path("version").asText()
                    + " (written by an earlier dde4j); this dde4j (" + Dde4j.version() + ") reads " + VERSION
                    + ": fit the model again");
        }
        try {
            List<String> columns = Json.MAPPER.convertValue(m.get("columns"), new TypeReference<List<String>>() { });
            if (columns == null || columns.isEmpty()) {
                throw new UserException(file + " is a corrupted dde4j model file (no column names)");
            }
            for (int j = 0; j < columns.size(); j++) {
                if (columns.indexOf(columns.get(j)) != j) {
                    throw new UserException(file + " is a corrupted dde4j model file (column '" + columns.get(j)
                            + "' is named twice)");
                }
            }
            Map<String, Object> info = m.hasNonNull("info")
                    ? Json.MAPPER.convertValue(m.get("info"), new TypeReference<Map<String, Object>>() { }) : Map.of();
            Map<String, Double> constants = constants(file, m, columns);
            Dde dde = a.hasArray(DDE_ENTRY) ? Dde.fromBytes(a.bytes(DDE_ENTRY)) : null;
            Generator gen = a.hasArray(GENERATOR_ENTRY)
                    ? ModelArchive.readEmbedded(a.bytes(GENERATOR_ENTRY), GeneratorIO::load).withDataDde(dde) : null;
            if (dde == null && gen == null) {
                throw new UserException(file + " is a corrupted dde4j model file (neither a DDE nor a generator)");
            }
            int modelled = columns.size() - constants.size();
            for (int d : new int[] {dde == null ? modelled : dde.dimension(), gen == null ? modelled : gen.dimension()}) {
                if (d != modelled) {
                    throw new UserException(file + " is a corrupted dde4j model file (" + modelled
                            + " modelled column names for a model of dimension " + d + ")");
                }
            }
            TableEncoder encoder = version == TABLE_VERSION ? Tables.encoderOf(m) : null;
            if (encoder != null && encoder.dimension() != columns.size()) {
                throw new UserException(file + " is a corrupted dde4j model file (a table encoding of "
                        + encoder.dimension() + " dimensions for " + columns.size() + " columns)");
            }
            return new Contents(columns, dde, gen, info, constants, encoder);
        } catch (UserException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + " is a corrupted dde4j model file (" + Errors.describe(e) + ")", e);
        }
    }

    /** The constant columns of the config: finite numbers, for known columns. */
    private static Map<String, Double> constants(Path file, JsonNode m, List<String> columns) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        JsonNode c = m.get(CONSTANTS);
        if (c == null || c.isNull()) {
            return out;
        }
        var it = c.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!columns.contains(e.getKey()) || !e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                throw new UserException(file + " is a corrupted dde4j model file (constant column '" + e.getKey()
                        + "' is not one of the columns or has no finite value)");
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        if (out.size() == columns.size()) {
            throw new UserException(file + " is a corrupted dde4j model file (every column is constant)");
        }
        return out;
    }

    static Map<String, Object> info(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
