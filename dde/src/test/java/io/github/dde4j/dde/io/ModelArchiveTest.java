package io.github.dde4j.dde.io;

import io.github.dde4j.core.data.AtomicFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.dde.nn.Nd4jRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelArchiveTest {

    /** A hyperparameter record like the ones models store as their config. */
    public record Hyper(double sigma, int width, List<Integer> layers, String activation) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.ensureInitialized();
    }

    private static ModelArchive.Builder sample() {
        return ModelArchive.builder("dde")
                .config(new Hyper(0.1, 64, List.of(64, 64), "softplus"))
                .provenance("seed", "42")
                .provenance("data", "sha256:abc")
                .created(Instant.parse("2026-11-30T06:00:00Z"))
                .doubles("w", new double[] {1.5, -2.25, 3, 4, 5, 6}, 2, 3)
                .floats("b", new float[] {0.5f, -0.0f}, 2);
    }

    private Path good() throws IOException {
        Path f = dir.resolve("model.dde4j");
        sample().write(f);
        return f;
    }

    /** Reads every entry of a zip into memory, in order. */
    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    /** A copy of the good archive with the manifest edited. */
    private Path withManifest(String name, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Map<String, byte[]> e = entries(good());
        ObjectNode m = (ObjectNode) JSON.readTree(e.get(ModelArchive.MANIFEST));
        edit.accept(m);
        e.put(ModelArchive.MANIFEST, JSON.writeValueAsBytes(m));
        Path f = dir.resolve(name);
        writeZip(f, e);
        return f;
    }

    private static ModelFormatException assertFormatError(Path f, String expectedType, String... phrases) {
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> ModelArchive.read(f, expectedType));
        String msg = ex.getMessage();
        assertTrue(msg.contains(f.toString()), "message must name the file: " + msg);
        for (String p : phrases) {
            assertTrue(msg.contains(p), "message must say '" + p + "': " + msg);
        }
        assertEquals(f, ex.file());
        return ex;
    }

    @Test
    void roundTripIsBitExactForFloat32AndFloat64() throws IOException {
        // extremes and subnormals (NaN and infinities are refused at read: nonFiniteParametersAreRefused)
        float[] f32 = {Float.MIN_VALUE, -0.0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f, (float) Math.PI};
        double[] f64 = {Double.MIN_VALUE, -0.0, Double.MAX_VALUE, -Double.MIN_NORMAL, Math.E, 1e-310};
        INDArray nd32 = Nd4j.rand(DataType.FLOAT, 3, 5);
        INDArray nd64 = Nd4j.rand(DataType.DOUBLE, 4, 2).muli(1e-3).addi(1.0 / 3);
        // a non-contiguous view: stored in C order of what the caller sees
        INDArray view = Nd4j.rand(DataType.DOUBLE, 3, 4).transpose();
        byte[] rngState = {1, 2, 3, (byte) 0xff};
        Path f = dir.resolve("rt.zip");
        ModelArchive written = sample()
                .floats("raw32", f32, 2, 3)
                .doubles("raw64", f64, 6)
                .array("nd/f32", nd32)
                .array("nd/f64", nd64)
                .array("nd/view", view)
                .array("nd/int", Nd4j.createFromArray(new int[] {1, -2, 3}))
                .longs("steps", new long[] {Long.MAX_VALUE}, 1)
                .bytes("rng", rngState)
                .write(f);
        ModelArchive read = ModelArchive.read(f, "dde");
        assertEquals(1, read.formatVersion());
        assertEquals("dde", read.modelType());
        assertEquals(Instant.parse("2026-11-30T06:00:00Z"), read.created());
        assertEquals(new Hyper(0.1, 64, List.of(64, 64), "softplus"), read.config(Hyper.class));
        assertEquals(Map.of("seed", "42", "data", "sha256:abc"), read.provenance());
        assertEquals(written.arrayNames(), read.arrayNames());
        assertEquals(written.manifest(), read.manifest());

        float[] r32 = read.floats("raw32");
        for (int i = 0; i < f32.length; i++) {
            assertEquals(Float.floatToRawIntBits(f32[i]), Float.floatToRawIntBits(r32[i]), "float32 element " + i);
        }
        double[] r64 = read.doubles("raw64");
        for (int i = 0; i < f64.length; i++) {
            assertEquals(Double.doubleToRawLongBits(f64[i]), Double.doubleToRawLongBits(r64[i]), "float64 element " + i);
        }
        assertArrayEquals(new long[] {2, 3}, read.shape("raw32"));
        INDArray back32 = read.array("nd/f32");
        assertEquals(DataType.FLOAT, back32.dataType());
        assertArrayEquals(nd32.shape(), back32.shape());
        assertArrayEquals(nd32.dup('c').data().asFloat(), back32.data().asFloat());
        INDArray back64 = read.array("nd/f64");
        assertEquals(DataType.DOUBLE, back64.dataType());
        assertEquals(nd64, back64);
        assertArrayEquals(nd64.dup('c').data().asDouble(), back64.data().asDouble());
        assertEquals(view, read.array("nd/view"));
        assertArrayEquals(new long[] {4, 3}, read.shape("nd/view"));
        assertArrayEquals(new long[] {1, -2, 3}, read.longs("nd/int"));
        assertEquals(DataType.INT, read.array("nd/int").dataType());
        assertArrayEquals(new long[] {Long.MAX_VALUE}, read.longs("steps"));
        assertArrayEquals(rngState, read.bytes("rng"));
        // float32 read as doubles widens exactly
        assertEquals(0.5, read.doubles("b")[0]);
        // no temporary files are left behind, and the file is not left owner-only like a temp file
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
        assertTrue(Files.getPosixFilePermissions(f).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
        // the manifest is the first entry, and the array entries are plain little-endian data
        try (ZipFile z = new ZipFile(f.toFile())) {
            assertEquals(ModelArchive.MANIFEST, z.entries().nextElement().getName());
            byte[] w = z.getInputStream(z.getEntry("arrays/w.bin")).readAllBytes();
            assertEquals(48, w.length);
            assertEquals(1.5, java.nio.ByteBuffer.wrap(w).order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble(0));
        }
    }

    @Test
    void sameArchiveSameBytes() throws IOException {
        ModelArchive a = sample().build();
        Path f1 = dir.resolve("a.zip");
        Path f2 = dir.resolve("b.zip");
        a.write(f1);
        a.write(f2);
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
        ModelArchive.read(f1).write(f2);
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
    }

    /** A stored archive holds the same entries, uncompressed, and reads back to the same archive. */
    @Test
    void storedArchiveReadsBackTheSame() throws IOException {
        Path deflated = good();
        Path stored = dir.resolve("stored.zip");
        sample().stored().write(stored);
        try (ZipFile z = new ZipFile(stored.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
            }
        }
        assertEquals(entries(deflated).keySet(), entries(stored).keySet());
        for (Map.Entry<String, byte[]> e : entries(deflated).entrySet()) {
            assertArrayEquals(e.getValue(), entries(stored).get(e.getKey()), e.getKey());
        }
        Path again = dir.resolve("again.zip");
        ModelArchive.read(stored).write(again);
        assertArrayEquals(Files.readAllBytes(deflated), Files.readAllBytes(again), "read back, it writes as the original");
    }

    @Test
    void notAZip() throws IOException {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "this is not a model\n");
        assertFormatError(f, "dde", "not a zip archive");
        Path empty = dir.resolve("empty.dde4j");
        Files.write(empty, new byte[0]);
        assertFormatError(empty, "dde", "not a zip archive");
    }

    @Test
    void truncated() throws IOException {
        byte[] all = Files.readAllBytes(good());
        for (int keep : new int[] {all.length / 3, all.length - 10}) {
            Path f = dir.resolve("truncated-" + keep + ".dde4j");
            Files.write(f, java.util.Arrays.copyOf(all, keep));
            assertFormatError(f, "dde", "truncated");
        }
    }

    @Test
    void corruptedBytesAreDetected() throws IOException {
        byte[] all = Files.readAllBytes(good());
        Map<String, byte[]> e = entries(good());
        // flip one bit inside the stored (deflated) data of every region of the file; each copy
        // must fail with a format error, never load silently
        int failures = 0;
        // every third byte, and every byte of the tail (central directory and end record)
        for (int pos = 0; pos < all.length; pos += pos < all.length - 150 ? 3 : 1) {
            byte[] c = all.clone();
            c[pos] ^= 0x10;
            Path f = dir.resolve("flip-" + pos + ".dde4j");
            Files.write(f, c);
            try {
                ModelArchive a = ModelArchive.read(f, "dde");
                // a flip in zip metadata the reader does not use (e.g. a timestamp) may be
                // harmless; then the content must be intact
                assertArrayEquals(new double[] {1.5, -2.25, 3, 4, 5, 6}, a.doubles("w"));
                assertEquals(e.size(), a.arrayNames().size() + 1);
            } catch (ModelFormatException ex) {
                assertTrue(ex.getMessage().contains(f.toString()));
                failures++;
            }
        }
        assertTrue(failures > 0);
    }

    @Test
    void checksumMismatch() throws IOException {
        Map<String, byte[]> e = entries(good());
        byte[] w = e.get("arrays/w.bin");
        w[9] ^= 1; // same length, different content: only the SHA-256 can tell
        Path f = dir.resolve("tampered.dde4j");
        writeZip(f, e);
        assertFormatError(f, "dde", "array 'w'", "SHA-256");
    }

    @Test
    void missingManifestForeignJsonAndWrongFormat() throws IOException {
        Map<String, byte[]> e = entries(good());
        e.remove(ModelArchive.MANIFEST);
        Path noManifest = dir.resolve("no-manifest.zip");
        writeZip(noManifest, e);
        assertFormatError(noManifest, "dde", "no manifest.json");

        Path notJson = dir.resolve("not-json.zip");
        writeZip(notJson, Map.of(ModelArchive.MANIFEST, "{\"format\": dde4j".getBytes(StandardCharsets.UTF_8)));
        assertFormatError(notJson, "dde", "not valid JSON");

        Path foreign = dir.resolve("foreign.zip");
        writeZip(foreign, Map.of(ModelArchive.MANIFEST, "{\"name\": \"my-package\", \"version\": \"1.0\"}".getBytes(StandardCharsets.UTF_8)));
        assertFormatError(foreign, "dde", "no \"format\" field");

        Path list = dir.resolve("list.zip");
        writeZip(list, Map.of(ModelArchive.MANIFEST, "[1, 2]".getBytes(StandardCharsets.UTF_8)));
        assertFormatError(list, "dde", "not a JSON object");

        assertFormatError(withManifest("other-format.zip", m -> m.put("format", "onnx")), "dde", "format 'onnx'");
    }

    @Test
    void unknownOrNewerVersions() throws IOException {
        assertFormatError(withManifest("v2.zip", m -> m.put("formatVersion", 2)), "dde", "format version 2", "upgrade dde4j");
        assertFormatError(withManifest("v0.zip", m -> m.put("formatVersion", 0)), "dde", "unknown format version 0");
        assertFormatError(withManifest("vtext.zip", m -> m.put("formatVersion", "1")), "dde", "formatVersion");
        assertFormatError(withManifest("vfrac.zip", m -> m.put("formatVersion", 1.5)), "dde", "formatVersion");
        assertFormatError(withManifest("vnone.zip", m -> m.remove("formatVersion")), "dde", "formatVersion");
    }

    @Test
    void wrongModelType() throws IOException {
        Path f = good();
        assertFormatError(f, "generator", "holds a 'dde' model, expected 'generator'");
        assertEquals("dde", ModelArchive.read(f).modelType());
    }

    @Test
    void missingOrMisSizedArrays() throws IOException {
        Map<String, byte[]> e = entries(good());
        e.remove("arrays/b.bin");
        Path missing = dir.resolve("missing-array.zip");
        writeZip(missing, e);
        assertFormatError(missing, "dde", "array 'b'", "missing");

        Map<String, byte[]> e2 = entries(good());
        e2.put("arrays/w.bin", java.util.Arrays.copyOf(e2.get("arrays/w.bin"), 40));
        Path shortArray = dir.resolve("short-array.zip");
        writeZip(shortArray, e2);
        assertFormatError(shortArray, "dde", "array 'w'", "40 bytes, expected 48");

        assertFormatError(withManifest("bad-dtype.zip", m -> ((ObjectNode) m.get("arrays").get(0)).put("dtype", "bfloat16")),
                "dde", "unknown dtype 'bfloat16'");
        assertFormatError(withManifest("bad-name.zip", m -> ((ObjectNode) m.get("arrays").get(0)).put("name", "../../etc/passwd")),
                "dde", "invalid array name");
        assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(good()).doubles("nope"));
    }

    @Test
    void hugeDeclaredArraysAreRefusedBeforeReading() throws IOException {
        // a manifest may declare any shape: 800 MB is refused on the declaration, nothing is inflated
        assertFormatError(withManifest("huge.zip", m -> ((ObjectNode) m.get("arrays").get(0)).putArray("shape").add(100_000_000)),
                "dde", "array 'w'", "declares 800000000 bytes", "dde4j.maxArrayBytes");
    }

    @Test
    void nonFiniteParametersAreRefused() throws IOException {
        Path f = dir.resolve("nan.dde4j");
        ModelArchive.builder("dde").doubles("w", new double[] {1, Double.NaN, 3}, 3).write(f);
        assertFormatError(f, "dde", "array 'w'", "NaN at element 1", "finite");
        Path g = dir.resolve("inf.dde4j");
        ModelArchive.builder("dde").floats("v", new float[] {Float.NEGATIVE_INFINITY}, 1).write(g);
        assertFormatError(g, "dde", "array 'v'", "-Infinity at element 0");
    }

    @Test
    void missingFileIsAPlainIoError() {
        Path f = dir.resolve("nothing-here.dde4j");
        assertThrows(NoSuchFileException.class, () -> ModelArchive.read(f, "dde"));
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = good();
        byte[] before = Files.readAllBytes(f);
        IOException boom = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", boom.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
        // a rename that cannot happen (the target is a non-empty directory) also cleans up
        Path d = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(d.resolve("x"), "x");
        assertThrows(IOException.class, () -> sample().write(d));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count());
        }
        // overwriting a good file with a new archive replaces it completely
        ModelArchive.builder("dde").doubles("only", new double[] {7}, 1).write(f);
        assertEquals(java.util.Set.of("only"), ModelArchive.read(f, "dde").arrayNames());
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> ModelArchive.builder("bad type"));
        assertThrows(IllegalArgumentException.class, () -> sample().doubles("w", new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> sample().doubles("x", new double[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> sample().doubles("a/../b", new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> sample().array("h", Nd4j.create(DataType.HALF, 2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> sample().build().config(Integer.class));
        assertFalse(out.size() > 0);
    }
}
