package io.github.dde4j.core.toy;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import io.github.dde4j.core.LogSumExp;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The checkerboard (FFJORD toy set): the uniform distribution on the eight 2 x 2 squares
 * [2i, 2i+2) x [2j, 2j+2), i, j in {-2, -1, 0, 1}, with i + j even, inside [-4, 4]^2.
 * <pre>
 *   p(x) = 1/32 on those squares, 0 elsewhere
 *   p~(x) = (p * N(0, sigma^2 I))(x) = 1/32 sum_{squares} prod_{c=1,2} [Phi((b_c - x_c)/sigma) - Phi((a_c - x_c)/sigma)]
 * </pre>
 * The smoothed log density and its score are computed in log space (log-sum-exp over squares,
 * tail-accurate log Phi differences), so they stay finite arbitrarily far from the board.
 */
public final class Checkerboard extends PlanarToy {

    private static final double[][] SQUARES = squares();
    private static final double LOG_AREA_WEIGHT = -Math.log(32);

    private Checkerboard() {
        super("checkerboard", 8);
    }

    /** The standard board on [-4, 4]^2. */
    public static Checkerboard standard() {
        return new Checkerboard();
    }

    /** The eight occupied squares as {a1, b1, a2, b2}. */
    private static double[][] squares() {
        double[][] s = new double[8][];
        int c = 0;
        for (int i = -2; i <= 1; i++) {
            for (int j = -2; j <= 1; j++) {
                if (((i + j) & 1) == 0) {
                    s[c++] = new double[] {2 * i, 2 * i + 2, 2 * j, 2 * j + 2};
                }
            }
        }
        return s;
    }

    /**
     * The square containing x, or the nearest square (Euclidean distance to the square) off the
     * board. Squares are numbered by column, then row, from the lower left.
     */
    @Override
    public int mode(double[] x) {
        Checks.requirePoint(x, 2, "x");
        int best = 0;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int s = 0; s < 8; s++) {
            double[] q = SQUARES[s];
            double dx = Math.max(0, Math.max(q[0] - x[0], x[0] - q[1]));
            double dy = Math.max(0, Math.max(q[2] - x[1], x[1] - q[3]));
            double d2 = dx * dx + dy * dy;
            if (d2 < bestD2) {
                bestD2 = d2;
                best = s;
            }
        }
        return best;
    }

    @Override
    void drawPoint(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] out) {
        // the FFJORD construction: x1 uniform on [-2,2); x2 in [0,1) or [-2,-1), shifted up by 1 in odd columns
        double x1 = rng.nextDouble() * 4 - 2;
        double x2 = rng.nextDouble() - (rng.nextBoolean() ? 2 : 0) + Math.floorMod((int) Math.floor(x1), 2);
        out[0] = 2 * x1;
        out[1] = 2 * x2;
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    /** The exact density: 1/32 on the board, 0 (log density -infinity) elsewhere; no score. */
    @Override
    public Density density() {
        return new Density() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double logDensity(double[] x) {
                Checks.requirePoint(x, 2, "x");
                int i = (int) Math.floor(x[0] / 2);
                int j = (int) Math.floor(x[1] / 2);
                boolean inside = i >= -2 && i <= 1 && j >= -2 && j <= 1 && ((i + j) & 1) == 0;
                return inside ? -Math.log(32) : Double.NEGATIVE_INFINITY;
            }
        };
    }

    @Override
    public Density smoothedDensity(double sigma) {
        Checks.requirePositive(sigma, "sigma");
        return new Smoothed(sigma);
    }

    private static final class Smoothed extends ScoredDensity {
        private final double sigma;

        Smoothed(double sigma) {
            this.sigma = sigma;
        }

        /** log p~(x); if grad != null also fills the score. */
        @Override
        double eval(double[] x, double[] grad) {
            // the squares share four intervals per axis: evaluate each 1-D factor once
            double[][] li = new double[2][4];
            double[][] dli = new double[2][4];
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < 4; k++) {
                    double alpha = (2 * (k - 2) - x[c]) / sigma;
                    double beta = alpha + 2 / sigma;
                    double l = SpecialFunctions.logNormalInterval(alpha, beta);
                    li[c][k] = l;
                    if (grad != null) {
                        // d/dx log[Phi(beta) - Phi(alpha)] = (phi(alpha) - phi(beta)) / (sigma (Phi(beta) - Phi(alpha)))
                        dli[c][k] = (Math.exp(SpecialFunctions.logPhiDensity(alpha) - l)
                                - Math.exp(SpecialFunctions.logPhiDensity(beta) - l)) / sigma;
                    }
                }
            }
            double[] logTerm = new double[8];
            for (int s = 0; s < 8; s++) {
                double[] q = SQUARES[s];
                int i = (int) q[0] / 2 + 2;
                int j = (int) q[2] / 2 + 2;
                logTerm[s] = LOG_AREA_WEIGHT + li[0][i] + li[1][j];
            }
            double lse = LogSumExp.of(logTerm);
            if (grad != null) {
                for (int s = 0; s < 8; s++) {
                    double w = Math.exp(logTerm[s] - lse);
                    int i = (int) SQUARES[s][0] / 2 + 2;
                    int j = (int) SQUARES[s][2] / 2 + 2;
                    grad[0] += w * dli[0][i];
                    grad[1] += w * dli[1][j];
                }
            }
            return lse;
        }
    }

    @Override
    public String toString() {
        return "Checkerboard";
    }
}
