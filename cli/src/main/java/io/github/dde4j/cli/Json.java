package io.github.dde4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Map;

/** JSON output of the commands (one object per line, or pretty). */
final class Json {

    /**
     * Lenient about unknown properties: records such as SigmaSchedule serialise derived getters
     * (isFixed -> "fixed") that their constructors do not take. User settings are checked for
     * unknown keys separately, against the defaults' fields.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** One line of JSON; non-finite doubles become null (JSON has no NaN). */
    static String line(Map<String, ?> values) {
        try {
            return MAPPER.writeValueAsString(sanitize(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Indented JSON. */
    static String pretty(Map<String, ?> values) {
        try {
            return MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sanitize(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sanitize(Object o) {
        if (o instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, sanitize(v)));
            return out;
        }
        if (o instanceof java.util.List<?> l) {
            return l.stream().map(Json::sanitize).toList();
        }
        if (o instanceof double[] a) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            for (double v : a) {
                out.add(sanitize(v));
            }
            return out;
        }
        return o;
    }
}
