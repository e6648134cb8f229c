package io.github.dde4j.dde.io;

import java.util.Arrays;

/**
 * How one named array is stored in a {@link ModelArchive}: the zip entry {@code arrays/<name>.bin}
 * holds its elements in C (row-major) order as little-endian {@code dtype} values, nothing else,
 * so that any language can read it (NumPy: {@code np.frombuffer(b, "<f4").reshape(shape)}).
 *
 * @param name   the array's name ([A-Za-z0-9_.-] segments separated by '/')
 * @param dtype  "float32", "float64", "int32", "int64" or "uint8"
 * @param shape  the dimensions (empty for a scalar)
 * @param sha256 hex SHA-256 of the entry's bytes
 */
public record ArrayEntry(String name, String dtype, long[] shape, String sha256) {

    /** Copies the shape. */
    public ArrayEntry {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, the product of the shape. */
    public long length() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** Bytes per element of a dtype, or -1 if the dtype is unknown. */
    public static int elementSize(String dtype) {
        return switch (dtype) {
            case "float32", "int32" -> 4;
            case "float64", "int64" -> 8;
            case "uint8" -> 1;
            default -> -1;
        };
    }

    /** The zip entry name. */
    public String entryName() {
        return "arrays/" + name + ".bin";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayEntry e && name.equals(e.name) && dtype.equals(e.dtype)
                && Arrays.equals(shape, e.shape) && sha256.equals(e.sha256);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
