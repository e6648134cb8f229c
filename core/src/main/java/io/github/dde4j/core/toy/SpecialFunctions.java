package io.github.dde4j.core.toy;

import org.apache.commons.numbers.gamma.ErfDifference;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * Log-scale special functions for the closed-form toy densities, accurate in the far tails where
 * the plain functions underflow.
 */
final class SpecialFunctions {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2);

    private SpecialFunctions() {
    }

    /** log phi(z), the standard normal log density. */
    static double logPhiDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /** log Q(z) = log P(Z > z), Z ~ N(0,1). */
    static double logUpperTail(double z) {
        if (z < -5) {
            // Q close to 1: log1p of the small lower tail
            return Math.log1p(-Math.exp(logUpperTail(-z)));
        }
        if (z < 30) {
            return Math.log(0.5 * Erfc.value(z / SQRT2));
        }
        // Mills-ratio asymptotic series Q(z) = phi(z)/z (1 - 1/z^2 + 3/z^4 - 15/z^6 + ...);
        // at z >= 30 the terms shrink by at least 1/900 each until k ~ 450: ten terms are exact to 1e-16
        double z2 = z * z;
        double term = 1;
        double sum = 1;
        for (int k = 1; k <= 10; k++) {
            term *= -(2 * k - 1) / z2;
            sum += term;
        }
        return logPhiDensity(z) - Math.log(z) + Math.log(sum);
    }

    /** log(Phi(b) - Phi(a)) for a < b, without cancellation in either tail. */
    static double logNormalInterval(double a, double b) {
        if (!(a < b)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (a >= 0) {
            double la = logUpperTail(a);
            double lb = logUpperTail(b);
            return la + Math.log1p(-Math.exp(lb - la));
        }
        if (b <= 0) {
            return logNormalInterval(-b, -a);
        }
        return Math.log(0.5 * ErfDifference.value(a / SQRT2, b / SQRT2));
    }

    /** log(e^-z I0(z)) for z >= 0 (modified Bessel function of the first kind, order 0, scaled). */
    static double logScaledBesselI0(double z) {
        return logScaledBessel(z, 0);
    }

    /** I1(z) / I0(z) for z >= 0. */
    static double besselRatioI1I0(double z) {
        if (z == 0) {
            return 0;
        }
        return Math.exp(logScaledBessel(z, 1) - logScaledBessel(z, 0));
    }

    /**
     * log(e^-z I_nu(z)), nu in {0, 1}: power series sum_k (z/2)^(2k+nu) / (k! (k+nu)!) for z &lt;= 30
     * (all terms positive, no cancellation), and for z > 30 the asymptotic expansion
     * e^z / sqrt(2 pi z) sum_k (-1)^k a_k(nu) / z^k, a_k = prod_{i &lt;= k} (4nu^2 - (2i-1)^2) / (k! 8^k)
     * (Abramowitz and Stegun 9.7.1), summed while its terms decrease.
     */
    private static double logScaledBessel(double z, int nu) {
        if (z < 0) {
            throw new IllegalArgumentException("z must be >= 0, got " + z);
        }
        if (z <= 30) {
            double half = 0.5 * z;
            double q = half * half;
            double term = nu == 0 ? 1.0 : half;
            double sum = term;
            for (int k = 1; k < 500; k++) {
                term *= q / ((double) k * (k + nu));
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            return Math.log(sum) - z;
        }
        double mu = 4.0 * nu * nu;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 200; k++) {
            double next = term * -(mu - (2.0 * k - 1) * (2.0 * k - 1)) / (k * 8.0 * z);
            if (Math.abs(next) >= Math.abs(term)) {
                break;
            }
            term = next;
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return Math.log(sum) - 0.5 * Math.log(2 * Math.PI * z);
    }
}
