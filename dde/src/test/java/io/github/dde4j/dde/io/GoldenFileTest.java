package io.github.dde4j.dde.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model archive written by the first version of the format (resource
 * /reference/model-archive/golden-v1.dde4j) must keep loading with the same content: a change
 * that breaks old files fails here.
 */
class GoldenFileTest {

    /** The float64 values stored in the golden file: (i + 1) / 3 with a sign pattern. */
    static double[] f64() {
        double[] v = new double[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 2 == 0 ? 1 : -1) * (i + 1) / 3.0;
        }
        return v;
    }

    /** The float32 values: 0.1f, 1e-40f (subnormal), -0.0f. */
    static float[] f32() {
        return new float[] {0.1f, 1e-40f, -0.0f};
    }

    @Test
    void formatVersionOneStillLoads() throws Exception {
        Path f = Path.of(GoldenFileTest.class.getResource("/reference/model-archive/golden-v1.dde4j").toURI());
        ModelArchive a = ModelArchive.read(f, "dde");
        assertEquals(1, a.formatVersion());
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), a.created());
        assertEquals(new ModelArchiveTest.Hyper(0.1, 8, List.of(8, 8), "softplus"), a.config(ModelArchiveTest.Hyper.class));
        assertEquals(Map.of("seed", "7", "note", "golden file of format version 1"), a.provenance());
        assertEquals(List.of("layer0/W", "layer0/b", "step", "rng"), List.copyOf(a.arrayNames()));
        assertArrayEquals(f64(), a.doubles("layer0/W"));
        assertArrayEquals(new long[] {2, 3}, a.shape("layer0/W"));
        float[] b = a.floats("layer0/b");
        for (int i = 0; i < b.length; i++) {
            assertEquals(Float.floatToRawIntBits(f32()[i]), Float.floatToRawIntBits(b[i]));
        }
        assertArrayEquals(new long[] {12345L}, a.longs("step"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 254, (byte) 255}, a.bytes("rng"));
    }
}
