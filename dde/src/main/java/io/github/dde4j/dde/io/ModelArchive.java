package io.github.dde4j.dde.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.core.Checks;
import io.github.dde4j.core.data.AtomicFiles;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.CRC32;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The file format of every dde4j model (DDE, generator, training checkpoint): a zip archive with
 * <pre>
 *   manifest.json          {"format": "dde4j", "formatVersion": 1, "modelType": "dde",
 *                           "libraryVersion": "0.1.0", "created": "2026-11-30T06:00:00Z",
 *                           "config": {...any JSON...}, "provenance": {"key": "value", ...},
 *                           "arrays": [{"name": "layer0/W", "dtype": "float32", "shape": [2, 64],
 *                                       "sha256": "..."}, ...]}
 *   arrays/&lt;name&gt;.bin      the elements of each array, C order, little-endian, no header
 * </pre>
 * The manifest comes first in the zip. {@code config} is the model's hyperparameters as a JSON
 * tree (records round-trip through Jackson, {@link #config(Class)}); {@code provenance} is free
 * text (seed, data fingerprint, training steps, ...). Arrays are stored bit-exactly in their
 * own type ({@link ArrayEntry}).
 *
 * <p>Writing ({@link #write(Path)}) goes through {@link AtomicFiles}: a temporary file in the
 * target directory, renamed over the target once complete, so a crash never leaves a
 * half-written model. Reading ({@link #read(Path, String)}) loads and checks everything up
 * front and fails with a {@link ModelFormatException} naming the file and the problem: not a zip
 * or truncated, no manifest, manifest not JSON or not a dde4j manifest, another format, a format
 * version this reader does not know (newer files: "upgrade dde4j"), the wrong model type, an
 * array listed but missing, of the wrong size, or whose SHA-256 does not match, an array larger
 * than {@link #maxArrayBytes()} (checked on the declared sizes, before reading), and a
 * floating-point array holding NaN or an infinity.
 *
 * <p>Format versions: 1 (this one). A reader accepts every version from 1 up to
 * {@link #FORMAT_VERSION} and switches on it; a change of layout increments it.
 *
 * <p>Instances are immutable; array data are copied in and out. ND4J is needed only for
 * {@link Builder#array(String, INDArray)} and {@link #array(String)}.
 */
public final class ModelArchive {

    /** The value of the manifest's "format" field. */
    public static final String FORMAT = "dde4j";
    /** The newest format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest's entry name. */
    public static final String MANIFEST = "manifest.json";

    /** The largest manifest accepted (16 MiB); configs are small and arrays live outside it. */
    static final int MAX_MANIFEST_BYTES = 16 << 20;
    /**
     * Largest array entry read, in bytes: 64 MiB (8 million float64 values; the default DDE has
     * about 35 thousand), lowered to a quarter of the heap. A manifest may declare any size and a
     * small zip may inflate to gigabytes; the declared size is checked against this before anything
     * is read. The system property {@code dde4j.maxArrayBytes} changes it; trainers should refuse
     * networks whose files it would refuse.
     */
    public static long maxArrayBytes() {
        long limit = Long.getLong("dde4j.maxArrayBytes", 64L << 20);
        return Math.min(limit, Math.min(Integer.MAX_VALUE - 8L, Runtime.getRuntime().maxMemory() / 4));
    }
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int formatVersion;
    private final String modelType;
    private final String libraryVersion;
    private final Instant created;
    private final JsonNode config;
    private final Map<String, String> provenance;
    private final Map<String, ArrayEntry> entries;
    private final Map<String, byte[]> data;
    /** Whether {@link #writeTo} deflates the entries (see {@link Builder#stored()}). */
    private final boolean deflate;

    private ModelArchive(int formatVersion, String modelType, String libraryVersion, Instant created, JsonNode config,
                         Map<String, String> provenance, Map<String, ArrayEntry> entries, Map<String, byte[]> data,
                         boolean deflate) {
        this.formatVersion = formatVersion;
        this.modelType = modelType;
        this.libraryVersion = libraryVersion;
        this.created = created;
        this.config = config.deepCopy();
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.data = data;
        this.deflate = deflate;
    }

    /** A builder for a new archive of a model type such as "dde", "generator", "dde-checkpoint". */
    public static Builder builder(String modelType) {
        return new Builder(modelType);
    }

    /** The dde4j version that is running (from the jar's Maven metadata; "development" otherwise). */
    public static String libraryVersion() {
        return LibraryVersion.VALUE;
    }

    // ------------------------------------------------------------------ contents

    /** The format version the archive was written with. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The model type, e.g. "dde". */
    public String modelType() {
        return modelType;
    }

    /** The dde4j version that wrote the archive. */
    public String writtenByVersion() {
        return libraryVersion;
    }

    /** When the archive was built. */
    public Instant created() {
        return created;
    }

    /** A copy of the configuration tree. */
    public JsonNode config() {
        return config.deepCopy();
    }

    /**
     * The configuration as a Java type (a record of hyperparameters).
     *
     * @throws IllegalArgumentException if the tree does not fit the type
     */
    public <T> T config(Class<T> type) {
        try {
            return JSON.treeToValue(config, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the archive's config is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The provenance entries, in insertion order. */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** The array names, in the order they were added. */
    public Set<String> arrayNames() {
        return entries.keySet();
    }

    /** Whether an array of that name is stored. */
    public boolean hasArray(String name) {
        return entries.containsKey(name);
    }

    /** How an array is stored (dtype, shape, checksum). */
    public ArrayEntry entry(String name) {
        ArrayEntry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no array named '" + name + "' in this " + modelType + " archive; it has "
                    + entries.keySet());
        }
        return e;
    }

    /** The shape of an array. */
    public long[] shape(String name) {
        return entry(name).shape();
    }

    /** A stored float32 or float64 array's elements as doubles (C order). */
    public double[] doubles(String name) {
        ArrayEntry e = entry(name);
        ByteBuffer b = buffer(name);
        int n = (int) e.length();
        double[] out = new double[n];
        switch (e.dtype()) {
            case "float64" -> b.asDoubleBuffer().get(out);
            case "float32" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getFloat(4 * i);
                }
            }
            default -> throw new IllegalArgumentException("array '" + name + "' is " + e.dtype() + ", not floating point");
        }
        return out;
    }

    /** A stored float32 array's elements (C order). */
    public float[] floats(String name) {
        ArrayEntry e = requireType(name, "float32");
        float[] out = new float[(int) e.length()];
        buffer(name).asFloatBuffer().get(out);
        return out;
    }

    /** A stored int32 or int64 array's elements as longs (C order). */
    public long[] longs(String name) {
        ArrayEntry e = entry(name);
        ByteBuffer b = buffer(name);
        long[] out = new long[(int) e.length()];
        switch (e.dtype()) {
            case "int64" -> b.asLongBuffer().get(out);
            case "int32" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getInt(4 * i);
                }
            }
            default -> throw new IllegalArgumentException("array '" + name + "' is " + e.dtype() + ", not an integer type");
        }
        return out;
    }

    /** A stored uint8 array (e.g. a random generator's saved state). */
    public byte[] bytes(String name) {
        requireType(name, "uint8");
        return data.get(name).clone();
    }

    /**
     * A stored numeric array as a new INDArray of its stored type (FLOAT, DOUBLE, INT, LONG) and
     * shape, bit for bit.
     */
    public INDArray array(String name) {
        ArrayEntry e = entry(name);
        Nd4jRuntime.ensureInitialized();
        long[] shape = e.shape();
        return switch (e.dtype()) {
            case "float32" -> Nd4j.create(floats(name), shape, DataType.FLOAT);
            case "float64" -> Nd4j.create(doubles(name), shape, DataType.DOUBLE);
            case "int32" -> {
                int[] v = new int[(int) e.length()];
                buffer(name).asIntBuffer().get(v);
                yield Nd4j.create(v, shape, DataType.INT);
            }
            case "int64" -> Nd4j.create(longs(name), shape, DataType.LONG);
            default -> throw new IllegalArgumentException("array '" + name + "' is " + e.dtype() + "; use bytes()");
        };
    }

    private ArrayEntry requireType(String name, String dtype) {
        ArrayEntry e = entry(name);
        if (!e.dtype().equals(dtype)) {
            throw new IllegalArgumentException("array '" + name + "' is " + e.dtype() + ", not " + dtype);
        }
        return e;
    }

    private ByteBuffer buffer(String name) {
        return ByteBuffer.wrap(data.get(name)).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    // ------------------------------------------------------------------ writing

    /** The manifest as it is written. */
    public ObjectNode manifest() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("format", FORMAT);
        m.put("formatVersion", formatVersion);
        m.put("modelType", modelType);
        m.put("libraryVersion", libraryVersion);
        m.put("created", created.toString());
        m.set("config", config.deepCopy());
        ObjectNode prov = m.putObject("provenance");
        provenance.forEach(prov::put);
        ArrayNode arrays = m.putArray("arrays");
        for (ArrayEntry e : entries.values()) {
            ObjectNode a = arrays.addObject();
            a.put("name", e.name());
            a.put("dtype", e.dtype());
            ArrayNode shape = a.putArray("shape");
            for (long s : e.shape()) {
                shape.add(s);
            }
            a.put("sha256", e.sha256());
        }
        return m;
    }

    /** Writes the archive to {@code file} atomically (temporary file + rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, this::writeTo);
    }

    /** Writes the zip to a stream (not atomic; {@link #write(Path)} is). */
    public void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        byte[] manifest = JSON.writeValueAsBytes(manifest());
        zip.putNextEntry(zipEntry(MANIFEST, manifest));
        zip.write(manifest);
        zip.closeEntry();
        for (ArrayEntry e : entries.values()) {
            byte[] bytes = data.get(e.name());
            zip.putNextEntry(zipEntry(e.entryName(), bytes));
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** Entries carry the archive's creation time, so the same archive always gives the same bytes. */
    private ZipEntry zipEntry(String name, byte[] content) {
        ZipEntry z = new ZipEntry(name);
        z.setTime(created.toEpochMilli());
        if (!deflate) {
            // a stored entry carries its size and checksum in its header
            CRC32 crc = new CRC32();
            crc.update(content);
            z.setMethod(ZipEntry.STORED);
            z.setSize(content.length);
            z.setCompressedSize(content.length);
            z.setCrc(crc.getValue());
        }
        return z;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads an archive of the given model type.
     *
     * @throws ModelFormatException if the file is not a valid dde4j archive or holds another type
     * @throws IOException          if it cannot be read at all (missing, no permission)
     */
    public static ModelArchive read(Path file, String expectedModelType) throws IOException {
        ModelArchive a = read(file);
        if (expectedModelType != null && !a.modelType.equals(expectedModelType)) {
            throw new ModelFormatException(file, "holds a '" + a.modelType + "' model, expected '" + expectedModelType + "'");
        }
        return a;
    }

    /** Reads an archive of any model type, checking everything listed in the manifest. */
    public static ModelArchive read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) {
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            throw new ModelFormatException(file, "is not a regular file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (java.nio.file.FileSystemException e) {
            throw e; // missing, no permission, ...: not a format problem
        } catch (IOException e) {
            // ZipException, or an EOFException from a damaged end-of-central-directory record
            throw new ModelFormatException(file, "is not a zip archive or is truncated (" + e + ")", e);
        }
        try (zip) {
            ZipEntry me = zip.getEntry(MANIFEST);
            if (me == null) {
                throw new ModelFormatException(file, "has no " + MANIFEST + ": not a dde4j model archive");
            }
            JsonNode m;
            try (InputStream in = zip.getInputStream(me)) {
                // a manifest is a few kB; refuse to parse a huge (or zip-bomb) one
                byte[] text = in.readNBytes(MAX_MANIFEST_BYTES + 1);
                if (text.length > MAX_MANIFEST_BYTES) {
                    throw new ModelFormatException(file, MANIFEST + " is larger than " + MAX_MANIFEST_BYTES + " bytes: not a dde4j manifest");
                }
                m = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new ModelFormatException(file, MANIFEST + " is not valid JSON: " + e.getOriginalMessage(), e);
            } catch (ZipException | java.io.EOFException e) {
                throw new ModelFormatException(file, MANIFEST + " is corrupted (" + e.getMessage() + ")", e);
            }
            if (m == null || !m.isObject()) {
                throw new ModelFormatException(file, MANIFEST + " is not a JSON object: not a dde4j manifest");
            }
            JsonNode format = m.get("format");
            if (format == null) {
                throw new ModelFormatException(file, MANIFEST + " has no \"format\" field: not a dde4j manifest");
            }
            if (!FORMAT.equals(format.asText())) {
                throw new ModelFormatException(file, "is in format '" + format.asText() + "', not '" + FORMAT + "'");
            }
            JsonNode fv = m.get("formatVersion");
            if (fv == null || !fv.canConvertToInt() || !fv.isIntegralNumber()) {
                throw new ModelFormatException(file, "has no valid integer formatVersion (got " + fv + ")");
            }
            int version = fv.intValue();
            if (version > FORMAT_VERSION) {
                throw new ModelFormatException(file, "was written in format version " + version + " by a newer dde4j ("
                        + m.path("libraryVersion").asText("unknown") + "); this dde4j (" + libraryVersion()
                        + ") reads format versions 1 to " + FORMAT_VERSION + ": upgrade dde4j");
            }
            if (version < 1) {
                throw new ModelFormatException(file, "has an unknown format version " + version);
            }
            return readV1(file, zip, m, version);
        } catch (ModelFormatException e) {
            throw e;
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // inflater and zip-structure errors inside entries
            throw new ModelFormatException(file, "is a damaged zip archive (" + e + ")", e);
        }
    }

    /** Layout of format version 1 (the only one so far). */
    private static ModelArchive readV1(Path file, ZipFile zip, JsonNode m, int version) throws IOException {
        String type = text(file, m, "modelType");
        if (!TYPE.matcher(type).matches()) {
            throw new ModelFormatException(file, "has an invalid modelType '" + type + "'");
        }
        String libVersion = m.path("libraryVersion").asText("unknown");
        Instant created;
        try {
            created = Instant.parse(text(file, m, "created"));
        } catch (DateTimeParseException e) {
            throw new ModelFormatException(file, "has an invalid created time '" + m.get("created").asText() + "'", e);
        }
        JsonNode config = m.get("config");
        if (config == null || config.isNull()) {
            config = JsonNodeFactory.instance.objectNode();
        }
        Map<String, String> prov = new LinkedHashMap<>();
        JsonNode pn = m.get("provenance");
        if (pn != null && !pn.isNull()) {
            if (!pn.isObject()) {
                throw new ModelFormatException(file, "provenance is not a JSON object");
            }
            pn.fields().forEachRemaining(f -> prov.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        }
        JsonNode arrays = m.get("arrays");
        if (arrays == null || !arrays.isArray()) {
            throw new ModelFormatException(file, MANIFEST + " has no \"arrays\" list");
        }
        Map<String, ArrayEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> data = new TreeMap<>();
        for (JsonNode a : arrays) {
            String name = text(file, a, "name");
            if (!NAME.matcher(name).matches() || name.contains("..")) {
                throw new ModelFormatException(file, "has an invalid array name '" + name + "'");
            }
            if (entries.containsKey(name)) {
                throw new ModelFormatException(file, "lists array '" + name + "' twice");
            }
            String dtype = text(file, a, "dtype");
            int size = ArrayEntry.elementSize(dtype);
            if (size < 0) {
                throw new ModelFormatException(file, "array '" + name + "' has an unknown dtype '" + dtype + "'");
            }
            JsonNode sn = a.get("shape");
            if (sn == null || !sn.isArray()) {
                throw new ModelFormatException(file, "array '" + name + "' has no shape");
            }
            long[] shape = new long[sn.size()];
            for (int i = 0; i < shape.length; i++) {
                if (!sn.get(i).isIntegralNumber() || sn.get(i).asLong() < 0) {
                    throw new ModelFormatException(file, "array '" + name + "' has an invalid shape " + sn);
                }
                shape[i] = sn.get(i).asLong();
            }
            String sha = text(file, a, "sha256");
            ArrayEntry entry = new ArrayEntry(name, dtype, shape, sha);
            long expectedBytes;
            try {
                expectedBytes = Math.multiplyExact(entry.length(), size);
            } catch (ArithmeticException e) {
                throw new ModelFormatException(file, "array '" + name + "' has an impossible shape " + sn);
            }
            if (expectedBytes > maxArrayBytes()) {
                throw new ModelFormatException(file, "array '" + name + "' declares " + expectedBytes + " bytes, more than the "
                        + maxArrayBytes() + " an array may have (-Ddde4j.maxArrayBytes, and at most a quarter of the Java heap)");
            }
            ZipEntry ze = zip.getEntry(entry.entryName());
            if (ze == null) {
                throw new ModelFormatException(file, "array '" + name + "' is listed in the manifest but its entry "
                        + entry.entryName() + " is missing");
            }
            if (ze.getSize() >= 0 && ze.getSize() != expectedBytes) {
                // the zip's own record of the entry's size, checked before inflating anything
                throw new ModelFormatException(file, "array '" + name + "' has " + ze.getSize() + " bytes, expected "
                        + expectedBytes + " for " + dtype + Arrays.toString(shape) + " (by the zip's record of its size)");
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(ze)) {
                bytes = in.readNBytes((int) expectedBytes + 1);
            } catch (ZipException | java.io.EOFException e) {
                throw new ModelFormatException(file, "array '" + name + "' is corrupted (" + e.getMessage() + ")", e);
            }
            if (bytes.length != expectedBytes) {
                throw new ModelFormatException(file, "array '" + name + "' has " + (bytes.length > expectedBytes ? "more than " : "")
                        + bytes.length + " bytes, expected " + expectedBytes + " for " + dtype + Arrays.toString(shape));
            }
            String actual = sha256(bytes);
            if (!actual.equalsIgnoreCase(sha)) {
                throw new ModelFormatException(file, "array '" + name + "' is corrupted: SHA-256 " + actual
                        + " does not match the manifest's " + sha);
            }
            requireFinite(file, name, dtype, bytes);
            entries.put(name, entry);
            data.put(name, bytes);
        }
        return new ModelArchive(version, type, libVersion, created, config, prov, entries, data, true);
    }

    /** Floating-point arrays are model parameters: a NaN or infinity would silently poison every result. */
    private static void requireFinite(Path file, String name, String dtype, byte[] bytes) throws ModelFormatException {
        if (!"float64".equals(dtype) && !"float32".equals(dtype)) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int size = ArrayEntry.elementSize(dtype);
        for (int i = 0; i < bytes.length / size; i++) {
            double v = size == 8 ? b.getDouble(8 * i) : b.getFloat(4 * i);
            if (!Double.isFinite(v)) {
                throw new ModelFormatException(file, "array '" + name + "' holds " + v + " at element " + i
                        + ": a model's parameters must be finite (the model is damaged or its training diverged)");
            }
        }
    }

    private static String text(Path file, JsonNode node, String field) throws ModelFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new ModelFormatException(file, MANIFEST + ": missing or non-text field \"" + field + "\"");
        }
        return v.asText();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "ModelArchive(" + modelType + ", format " + formatVersion + ", arrays " + entries.values() + ")";
    }

    /** A reader of a model file (e.g. {@code Dde::load}). */
    @FunctionalInterface
    public interface FileReader<T> {
        T read(Path file) throws IOException;
    }

    /**
     * Reads a model embedded as bytes in another file (the CLI's model file, a fit checkpoint) with a
     * reader that takes a path: the bytes go through a private temporary file, which a
     * {@link ModelFormatException} then does not name (its file is null; the message keeps the problem).
     */
    public static <T> T readEmbedded(byte[] bytes, FileReader<T> reader) throws IOException {
        Path tmp = java.nio.file.Files.createTempFile("dde4j-part-", ".zip");
        try {
            java.nio.file.Files.write(tmp, bytes);
            return reader.read(tmp);
        } catch (ModelFormatException e) {
            String msg = String.valueOf(e.getMessage());
            String prefix = tmp + ": ";
            throw new ModelFormatException(null, msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg, e);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** This archive's zip as bytes, to embed it in another file. */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ builder

    /** Collects the parts of a new archive; not thread safe. */
    public static final class Builder {

        private final String modelType;
        private JsonNode config = JsonNodeFactory.instance.objectNode();
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private final Map<String, ArrayEntry> entries = new LinkedHashMap<>();
        private final Map<String, byte[]> data = new TreeMap<>();
        private Instant created;
        private boolean deflate = true;

        private Builder(String modelType) {
            if (modelType == null || !TYPE.matcher(modelType).matches()) {
                throw new IllegalArgumentException("modelType must be non-empty [A-Za-z0-9_.-], got '" + modelType + "'");
            }
            this.modelType = modelType;
        }

        /** The configuration: a JSON tree, or any object Jackson can serialise (e.g. a record). */
        public Builder config(Object config) {
            Checks.requireNonNull(config, "config");
            this.config = config instanceof JsonNode n ? n.deepCopy() : JSON.valueToTree(config);
            return this;
        }

        /** One provenance entry (later values replace earlier ones). */
        public Builder provenance(String key, String value) {
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException("provenance key and value must not be null or empty (key '" + key + "')");
            }
            provenance.put(key, value);
            return this;
        }

        /** Several provenance entries. */
        public Builder provenance(Map<String, String> entries) {
            entries.forEach(this::provenance);
            return this;
        }

        /** The creation time (default: when {@link #build()} is called). */
        public Builder created(Instant time) {
            this.created = time;
            return this;
        }

        /** An ND4J array (FLOAT, DOUBLE, INT or LONG), copied in its own type and shape. */
        public Builder array(String name, INDArray array) {
            if (array == null) {
                throw new IllegalArgumentException("array '" + name + "' is null");
            }
            Nd4jRuntime.ensureInitialized();
            long[] shape = array.shape();
            INDArray c = array.dup('c');
            int n = Math.toIntExact(array.length());
            return switch (array.dataType()) {
                case FLOAT -> floats(name, Arrays.copyOf(c.data().asFloat(), n), shape);
                case DOUBLE -> doubles(name, Arrays.copyOf(c.data().asDouble(), n), shape);
                case INT -> {
                    int[] v = Arrays.copyOf(c.data().asInt(), n);
                    ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
                    b.asIntBuffer().put(v);
                    yield put(name, "int32", shape, b.array(), n);
                }
                case LONG -> longs(name, Arrays.copyOf(c.data().asLong(), n), shape);
                default -> throw new IllegalArgumentException("array '" + name + "' has unsupported data type " + array.dataType()
                        + " (FLOAT, DOUBLE, INT, LONG)");
            };
        }

        /** float64 elements in C order with the given shape. */
        public Builder doubles(String name, double[] values, long... shape) {
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(values);
            return put(name, "float64", shape, b.array(), values.length);
        }

        /** float32 elements in C order with the given shape. */
        public Builder floats(String name, float[] values, long... shape) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return put(name, "float32", shape, b.array(), values.length);
        }

        /** int64 elements in C order with the given shape. */
        public Builder longs(String name, long[] values, long... shape) {
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(values);
            return put(name, "int64", shape, b.array(), values.length);
        }

        /** Raw bytes (uint8, shape [length]), e.g. a saved random generator state. */
        public Builder bytes(String name, byte[] values) {
            return put(name, "uint8", new long[] {values.length}, values.clone(), values.length);
        }

        private Builder put(String name, String dtype, long[] shape, byte[] bytes, int count) {
            if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
                throw new IllegalArgumentException("array name must be [A-Za-z0-9_.-] segments separated by '/', got '" + name + "'");
            }
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("array '" + name + "' was already added");
            }
            long product = 1;
            for (long s : shape) {
                if (s < 0) {
                    throw new IllegalArgumentException("array '" + name + "' has a negative dimension in " + Arrays.toString(shape));
                }
                product *= s;
            }
            if (product != count) {
                throw new IllegalArgumentException("array '" + name + "' has " + count + " elements but shape "
                        + Arrays.toString(shape) + " needs " + product);
            }
            entries.put(name, new ArrayEntry(name, dtype, shape, sha256(bytes)));
            data.put(name, bytes);
            return this;
        }

        /**
         * Writes the entries stored instead of deflated: for files written often and read rarely,
         * such as training checkpoints (deflate costs more time than it saves space on float data).
         * Readers handle both.
         */
        public Builder stored() {
            this.deflate = false;
            return this;
        }

        /** The immutable archive. */
        public ModelArchive build() {
            Instant time = created != null ? created : Instant.now();
            return new ModelArchive(FORMAT_VERSION, modelType, libraryVersion(), time, config, provenance, entries,
                    new TreeMap<>(data), deflate);
        }

        /** Builds and writes atomically to {@code file}; returns the archive. */
        public ModelArchive write(Path file) throws IOException {
            ModelArchive a = build();
            a.write(file);
            return a;
        }
    }

    /** Reads the version once from the jar's Maven metadata. */
    private static final class LibraryVersion {
        static final String VALUE = load();

        private static String load() {
            try (InputStream in = ModelArchive.class.getResourceAsStream("/META-INF/maven/io.github.dde4j/dde4j-dde/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String v = p.getProperty("version");
                    if (v != null && !v.isBlank()) {
                        return v;
                    }
                }
            } catch (IOException e) {
                // fall through
            }
            String v = ModelArchive.class.getPackage().getImplementationVersion();
            return v != null ? v : "development";
        }
    }
}
