package io.github.dde4j.core;

import io.github.dde4j.core.data.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads class-path CSV fixtures (shared root fixtures and core's own) with core's own reader. */
public final class TestData {

    private TestData() {
    }

    public static double[][] csv(String resource) {
        try (InputStream in = TestData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return CsvReader.create().read(in, resource).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code call} throws an IllegalArgumentException whose message contains {@code part}. */
    public static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call);
        if (!e.getMessage().contains(part)) {
            throw new AssertionError("message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    /** Asserts |actual - expected| <= abs + rel |expected|. */
    public static void assertClose(double expected, double actual, double rel, double abs, String what) {
        double tol = abs + rel * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + " but got " + actual + " (tolerance " + tol + ")");
        }
    }

    /** Central finite-difference gradient of log p, for checking scores. */
    public static double[] numericalGradient(Density p, double[] x, double h) {
        double[] g = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double[] a = x.clone();
            double[] b = x.clone();
            a[j] += h;
            b[j] -= h;
            g[j] = (p.logDensity(a) - p.logDensity(b)) / (2 * h);
        }
        return g;
    }
}
