package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An estimate of a log normalising constant log Z = log integral exp f(x) dx.
 *
 * <p>For importance sampling ({@code method = "importance-sampling"}) the standard error is the
 * delta-method error of log(mean w), {@code se = sd(w) / (sqrt(n) mean(w))}, and the effective
 * sample size is (sum w)^2 / sum w^2; {@code perSeedLogZ} holds the estimates of the independent
 * repeats, whose spread is a check on {@code standardError} (about {@code standardError *
 * sqrt(seeds)} each). For grid integration ({@code method = "grid-trapezoid"} or
 * {@code "grid-simpson"}) the "standard error" is a deterministic error bound estimate (grid
 * refinement plus boundary mass, see {@link GridLogPartition}), the effective sample size is the
 * number of grid points, and {@code perSeedLogZ} is empty.
 *
 * <p>{@code diagnostics} holds method-specific numbers (e.g. {@code "maxWeightFraction"},
 * {@code "seedStandardDeviation"}, {@code "boundaryFraction"}, {@code "coarseLogZ"}). The record
 * round-trips through Jackson.
 *
 * @param logZ                the estimate of log Z (nats)
 * @param standardError       its standard error (IS) or error estimate (grid), >= 0
 * @param effectiveSampleSize (sum w)^2 / sum w^2 over all samples (IS), grid points (grid)
 * @param sampleCount         the number of evaluations of f
 * @param method              how the estimate was obtained
 * @param perSeedLogZ         the estimate from each independent seed (IS), empty for a grid
 * @param diagnostics         further method-specific numbers
 */
public record LogZEstimate(double logZ, double standardError, double effectiveSampleSize, long sampleCount,
                           String method, List<Double> perSeedLogZ, Map<String, Double> diagnostics) {

    /** Validates and copies the collections (the record is immutable). */
    public LogZEstimate {
        Checks.requireFinite(logZ, "logZ");
        if (!(standardError >= 0)) {
            throw new IllegalArgumentException("standardError must be >= 0, got " + standardError);
        }
        if (!(effectiveSampleSize >= 0)) {
            throw new IllegalArgumentException("effectiveSampleSize must be >= 0, got " + effectiveSampleSize);
        }
        Checks.requireAtLeast(sampleCount, 1, "sampleCount");
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method is null or blank");
        }
        perSeedLogZ = perSeedLogZ == null ? List.of() : List.copyOf(perSeedLogZ);
        diagnostics = diagnostics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(diagnostics));
    }

    /** The standard deviation of {@link #perSeedLogZ()} (NaN with fewer than two seeds). */
    public double seedStandardDeviation() {
        int k = perSeedLogZ.size();
        if (k < 2) {
            return Double.NaN;
        }
        double m = 0;
        for (double v : perSeedLogZ) {
            m += v;
        }
        m /= k;
        double s = 0;
        for (double v : perSeedLogZ) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (k - 1));
    }

    /** logZ - z * standardError. */
    public double lower(double z) {
        return logZ - z * standardError;
    }

    /** logZ + z * standardError. */
    public double upper(double z) {
        return logZ + z * standardError;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "log Z = %.6f +- %.2g (%s, n=%d, ESS=%.1f)",
                logZ, standardError, method, sampleCount, effectiveSampleSize);
    }
}
