package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.dde.io.ModelArchive;
import io.github.dde4j.generator.GeneratorConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code dde4j fit} checks before it reads the data or trains: the settings file's values
 * (by key, with the bad value), sigma within the range training works in, network sizes within
 * the heap, the output (its folder, not a folder, not an input), one writer per output, and a
 * file at the checkpoint path that is not a dde4j checkpoint.
 */
final class FitChecks {

    /** Sigma in standardised units: outside this range the denoising loss is NaN from step 0. */
    static final double SIGMA_MIN = 1e-4;
    static final double SIGMA_MAX = 1e3;
    /** Heap bytes per network parameter while training: float32 weights, gradients, Adam moments, copies. */
    static final long BYTES_PER_PARAMETER = 64;

    private FitChecks() {
    }

    /** Every check, in the order a user would want to hear about them. */
    static void beforeWork(FitCommand fit, JsonNode cfg) throws IOException {
        String source = fit.config == null ? "" : fit.config + ": ";
        for (String key : List.of("steps", "generator_steps")) {
            wholeNumber(cfg, key, source, 1);
        }
        wholeNumber(cfg, "seed", source, Long.MIN_VALUE);
        JsonNode sg = cfg.get("sigma");
        if (sg != null && !sg.isNull() && !sg.isNumber() && !sg.asText().trim().equalsIgnoreCase("auto")) {
            throw new UserException(source + "sigma must be a number or auto, got '" + shorten(sg.asText()) + "'");
        }
        Double sigma = fit.sigma != null ? NoiseLevel.parse(fit.sigma)
                : (sg != null && sg.isNumber() ? Double.valueOf(sg.asDouble()) : null);
        if (sigma != null && !(sigma >= SIGMA_MIN && sigma <= SIGMA_MAX)) {
            throw new UserException((fit.sigma != null ? "--sigma" : source + "sigma") + " must be between " + SIGMA_MIN
                    + " and " + (long) SIGMA_MAX + " (standardised units, or auto: the default), got " + sigma);
        }
        JsonNode gen = cfg.get("generator");
        if (gen != null && !gen.isNull() && !gen.isBoolean() && !gen.isObject()) {
            throw new UserException(source + "generator must be true, false or an object of generator settings, got '"
                    + shorten(gen.asText()) + "'");
        }
        JsonNode dde = cfg.get("dde");
        if (dde != null && !dde.isNull() && !dde.isObject()) {
            throw new UserException(source + "dde must be an object of DDE settings, got '" + shorten(dde.asText()) + "'");
        }
        networkSize(source + "dde.hiddenWidths", widths(dde, "hiddenWidths", DdeConfig.defaults().hiddenWidths(), source));
        networkSize(source + "generator.hidden", widths(gen, "hidden", GeneratorConfig.defaults().hidden(), source));

        Outputs.check("--out", fit.out, fit.data, fit.config);
        Path checkpoint = Checkpoints.pathFor(fit.out);
        Outputs.check("--out", checkpoint, fit.data, fit.config);
        Locks.lock("--out", fit.out);
        Checkpoints.requireOursOrAbsent(checkpoint);
    }

    private static void wholeNumber(JsonNode cfg, String key, String source, long min) {
        JsonNode v = cfg.get(key);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || (min > 0 && !v.canConvertToInt())) {
            throw new UserException(source + key + " must be a whole number" + (min > 0 ? " >= " + min : "")
                    + ", got '" + shorten(v.asText()) + "'");
        }
    }

    private static List<Integer> widths(JsonNode section, String key, List<Integer> defaults, String source) {
        JsonNode w = section == null || !section.isObject() ? null : section.get(key);
        if (w == null || w.isNull()) {
            return defaults;
        }
        List<Integer> out = new ArrayList<>();
        if (w.isArray()) {
            for (JsonNode x : w) {
                if (!x.isIntegralNumber() || !x.canConvertToInt() || x.asInt() < 1) {
                    out = null;
                    break;
                }
                out.add(x.asInt());
            }
        }
        if (out == null || !w.isArray()) {
            throw new UserException(source + key + " must be a list of whole numbers >= 1, got " + shorten(w.toString()));
        }
        return out;
    }

    /** Refuses hidden widths whose network would not fit the heap while training. */
    static void networkSize(String what, List<Integer> widths) {
        double parameters = 0;
        for (int i = 0; i + 1 < widths.size(); i++) {
            parameters += (double) widths.get(i) * widths.get(i + 1);
        }
        for (int w : widths) {
            parameters += 3.0 * w; // biases and the small input and output layers
        }
        long heap = Runtime.getRuntime().maxMemory();
        long max = heap / BYTES_PER_PARAMETER;
        if (parameters > max) {
            throw new UserException(String.format(Locale.ROOT, "%s %s make a network of about %.3g parameters; this Java heap "
                    + "(%d MB) trains at most %,d (about %d bytes each): use smaller widths, or give Java more heap with "
                    + "JAVA_OPTS=-Xmx...", what, widths, parameters, heap >> 20, max, BYTES_PER_PARAMETER));
        }
        // a model file must be readable again: its arrays are bounded (8 bytes a float64 parameter)
        long readable = ModelArchive.maxArrayBytes() / 8;
        if (parameters > readable) {
            throw new UserException(String.format(Locale.ROOT, "%s %s make a network of about %.3g parameters; model files "
                    + "hold at most %,d (-Ddde4j.maxArrayBytes=%d): use smaller widths", what, widths, parameters, readable,
                    ModelArchive.maxArrayBytes()));
        }
    }

    /** A value for a message: at most 40 characters. */
    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "... (" + s.length() + " characters)";
    }
}
