package io.github.dde4j.spark;

import io.github.dde4j.cli.ModelRows;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model file's bytes, sent to the executors in a broadcast: a fitted model is a few hundred KB,
 * so every executor reads its own copy through the same code as the dde4j command
 * ({@link ModelRows}), and no shared file system is needed.
 */
final class ShippedModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final byte[] bytes;

    private ShippedModel(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    /** The bytes of {@code file}, a model file the driver has read with {@link ModelRows#read}. */
    static ShippedModel of(Path file) throws IOException {
        return new ShippedModel(file.toString(), Files.readAllBytes(file));
    }

    /** The model, read from a temporary copy (one per task: the loaded models are not shared between threads). */
    ModelRows open() throws IOException {
        Path tmp = Files.createTempFile("dde4j-model-", ".zip");
        try {
            Files.write(tmp, bytes);
            return ModelRows.read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    String name() {
        return name;
    }
}
