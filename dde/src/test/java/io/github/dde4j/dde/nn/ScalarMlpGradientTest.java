package io.github.dde4j.dde.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hand-derived gradient against central finite differences in float64. Central
 * differences with step h have truncation error O(h^2 f''') and rounding error O(eps f / h);
 * h = 1e-5 balances both near 1e-10 relative, well inside the 1e-6 asked for.
 */
class ScalarMlpGradientTest {

    private static final double H = 1e-5;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(2, List.of(8, 8), Activation.SOFTPLUS, false),
                Arguments.of(3, List.of(7, 5, 6), Activation.TANH, false),
                Arguments.of(2, List.of(6, 6, 6), Activation.SILU, true),
                Arguments.of(4, List.of(5, 5, 9, 9), Activation.SOFTPLUS, true),
                Arguments.of(1, List.of(4), Activation.SILU, false),
                Arguments.of(2, List.of(6, 6), Activation.TANH, true));
    }

    private static ScalarMlp network(int d, List<Integer> widths, Activation act, boolean residual, long seed) {
        ScalarMlp net = ScalarMlp.create(new MlpSpec(d, widths, act, residual, Precision.FLOAT64), RandomSources.seeded(seed));
        // non-zero biases, so that their gradients are exercised away from symmetric points
        double[] p = net.parameters();
        UniformRandomProvider rng = RandomSources.seeded(seed + 1);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.3 * (rng.nextDouble() - 0.5);
        }
        net.setParameters(p);
        return net;
    }

    private static double[][] points(int n, int d, long seed) {
        UniformRandomProvider rng = RandomSources.seeded(seed);
        double[][] y = new double[n][d];
        for (double[] row : y) {
            for (int j = 0; j < d; j++) {
                row[j] = 3 * (rng.nextDouble() - 0.5);
            }
        }
        return y;
    }

    private static void assertClose(double expected, double actual, String what) {
        double err = Math.abs(expected - actual);
        boolean ok = err < 1e-9 || err / Math.max(Math.abs(expected), Math.abs(actual)) < 1e-6;
        assertTrue(ok, what + ": analytic " + actual + " vs finite difference " + expected);
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void inputGradientMatchesFiniteDifferences(int d, List<Integer> widths, Activation act, boolean residual) {
        ScalarMlp net = network(d, widths, act, residual, 11);
        double[][] y = points(5, d, 12);
        double[][] score = net.score(y);
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < d; j++) {
                double[][] plus = {y[i].clone()};
                double[][] minus = {y[i].clone()};
                plus[0][j] += H;
                minus[0][j] -= H;
                double fd = (net.value(plus)[0] - net.value(minus)[0]) / (2 * H);
                assertClose(fd, score[i][j], "row " + i + " col " + j);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void lossGradientMatchesFiniteDifferences(int d, List<Integer> widths, Activation act, boolean residual) {
        ScalarMlp net = network(d, widths, act, residual, 21);
        double[][] y = points(7, d, 22);
        double[][] t = points(7, d, 23);
        double[] grad = new double[net.parameterCount()];
        double loss = net.lossGradient(y, t, grad);
        // the loss itself, from the score
        double[][] s = net.score(y);
        double direct = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < d; j++) {
                direct += (s[i][j] - t[i][j]) * (s[i][j] - t[i][j]);
            }
        }
        assertEquals(direct / y.length, loss, 1e-12 * Math.max(1, loss));
        double[] p = net.parameters();
        for (int q = 0; q < p.length; q++) {
            double keep = p[q];
            p[q] = keep + H;
            net.setParameters(p);
            double up = net.lossGradient(y, t, null);
            p[q] = keep - H;
            net.setParameters(p);
            double down = net.lossGradient(y, t, null);
            p[q] = keep;
            net.setParameters(p);
            assertClose((up - down) / (2 * H), grad[q], "parameter " + q);
        }
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void float32AgreesWithFloat64(int d, List<Integer> widths, Activation act, boolean residual) {
        ScalarMlp net64 = network(d, widths, act, residual, 31);
        ScalarMlp net32 = ScalarMlp.of(new MlpSpec(d, widths, act, residual, Precision.FLOAT32), net64.parameters());
        double[][] y = points(9, d, 32);
        double[] v64 = net64.value(y);
        double[] v32 = net32.value(y);
        double[][] s64 = net64.score(y);
        double[][] s32 = net32.score(y);
        double[][] t = points(9, d, 33);
        double[] g64 = new double[net64.parameterCount()];
        double[] g32 = new double[net64.parameterCount()];
        net64.lossGradient(y, t, g64);
        net32.lossGradient(y, t, g32);
        double gmax = 0;
        for (double v : g64) {
            gmax = Math.max(gmax, Math.abs(v));
        }
        for (int i = 0; i < y.length; i++) {
            assertEquals(v64[i], v32[i], 1e-5 * (1 + Math.abs(v64[i])), "value row " + i);
            for (int j = 0; j < d; j++) {
                assertEquals(s64[i][j], s32[i][j], 1e-5 * (1 + Math.abs(s64[i][j])), "score row " + i);
            }
        }
        for (int q = 0; q < g64.length; q++) {
            assertEquals(g64[q], g32[q], 1e-4 * (1 + gmax), "gradient " + q);
        }
    }
}
