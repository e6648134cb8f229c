package io.github.dde4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dde4j.core.quality.QualityReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The quality job's output: the report's JSON (the keys and layout of {@code dde4j quality --json}) or its headline scores. */
final class QualityText {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private QualityText() {
    }

    /** Indented JSON of {@link QualityReport#toMap()}, a non-finite number as null (JSON has no NaN). */
    static String json(QualityReport q) {
        try {
            return PRETTY.writeValueAsString(finite(q.toMap())) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headline scores, one a line. */
    static String summary(QualityReport q) {
        StringBuilder b = new StringBuilder();
        line(b, "overall score", q.overallScore());
        line(b, "column shapes", q.columnShapesScore());
        line(b, "column pair trends", q.columnPairTrendsScore());
        line(b, "detection", q.detectionScore());
        line(b, "DCR baseline protection", q.dcrBaselineProtection());
        if (q.dcrOverfittingProtection() != null) {
            line(b, "DCR overfitting protection", q.dcrOverfittingProtection());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String name, double value) {
        b.append(String.format(Locale.ROOT, "%-28s %.3f%n", name, value));
    }

    private static Object finite(Object o) {
        if (o instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, finite(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(QualityText::finite).toList();
        }
        return o;
    }
}
