package io.github.dde4j.generator.nn;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Readers that rebuild a {@link GeneratorNetwork} from its {@link GeneratorNetwork#architecture()
 * architecture} name, {@link GeneratorNetwork#describe() description} and parameter vector, so
 * that model files can hold any registered architecture. {@code "mlp"} is built in.
 */
public final class GeneratorNetworks {

    private static final Map<String, BiFunction<Map<String, Object>, INDArray, GeneratorNetwork>> READERS =
            new ConcurrentHashMap<>();

    static {
        READERS.put("mlp", MlpGenerator::fromDescription);
    }

    private GeneratorNetworks() {
    }

    /** Registers (or replaces) the reader for {@code architecture}. */
    public static void register(String architecture,
                                BiFunction<Map<String, Object>, INDArray, GeneratorNetwork> reader) {
        READERS.put(Objects.requireNonNull(architecture, "architecture"), Objects.requireNonNull(reader, "reader"));
    }

    /**
     * Rebuilds a network.
     *
     * @throws IllegalArgumentException if no reader is registered for {@code architecture}
     */
    public static GeneratorNetwork read(String architecture, Map<String, Object> description, INDArray parameters) {
        BiFunction<Map<String, Object>, INDArray, GeneratorNetwork> r = READERS.get(architecture);
        if (r == null) {
            throw new IllegalArgumentException("unknown generator architecture '" + architecture + "' (known: "
                    + READERS.keySet() + "); register a reader with GeneratorNetworks.register");
        }
        return r.apply(description, parameters);
    }
}
