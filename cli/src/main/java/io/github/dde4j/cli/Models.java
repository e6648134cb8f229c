package io.github.dde4j.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Loading model files written by {@code dde4j fit}. */
final class Models {

    private Models() {
    }

    interface Loaded {
        RowSource rowSource(Integer langevinSteps, boolean noGenerator, Common common);
    }

    static Loaded load(Path file) throws IOException {
        throw new UserException("model files are not supported yet");
    }
}
