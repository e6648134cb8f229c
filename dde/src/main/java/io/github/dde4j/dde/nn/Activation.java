package io.github.dde4j.dde.nn;

/**
 * Smooth activation functions sigma(z) with their first and second derivatives, which a DDE
 * needs: its score contains sigma'(z) and the training gradient of the score contains
 * sigma''(z). (ReLU is deliberately absent: its second derivative vanishes almost everywhere,
 * so a ReLU DDE's learned log density is piecewise linear.)
 *
 * <ul>
 *   <li>{@link #SOFTPLUS}: sigma = log(1 + e^z), sigma' = s = 1/(1 + e^-z), sigma'' = s(1 - s)</li>
 *   <li>{@link #TANH}: sigma = tanh z = t, sigma' = 1 - t^2, sigma'' = -2t(1 - t^2)</li>
 *   <li>{@link #SILU} (swish): sigma = z s, sigma' = s(1 + z(1 - s)),
 *       sigma'' = s(1 - s)(2 + z(1 - 2s))</li>
 * </ul>
 * All formulas are evaluated in overflow-free forms (only e^-|z| is ever computed).
 */
public enum Activation {
    SOFTPLUS, TANH, SILU;

    /** sigma(z). */
    public double value(double z) {
        switch (this) {
            case SOFTPLUS:
                return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            case TANH:
                return Math.tanh(z);
            default:
                return z * sigmoid(z);
        }
    }

    /** sigma'(z). */
    public double derivative(double z) {
        switch (this) {
            case SOFTPLUS:
                return sigmoid(z);
            case TANH: {
                double t = Math.tanh(z);
                return 1 - t * t;
            }
            default: {
                double s = sigmoid(z);
                return s * (1 + z * (1 - s));
            }
        }
    }

    /** sigma''(z). */
    public double secondDerivative(double z) {
        switch (this) {
            case SOFTPLUS: {
                double s = sigmoid(z);
                return s * (1 - s);
            }
            case TANH: {
                double t = Math.tanh(z);
                return -2 * t * (1 - t * t);
            }
            default: {
                double s = sigmoid(z);
                return s * (1 - s) * (2 + z * (1 - 2 * s));
            }
        }
    }

    /** The logistic function 1/(1 + e^-z), without overflow. */
    public static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /**
     * In place over {@code n} entries: z[i] becomes sigma(z[i]) (+ prev[i] if {@code prev} is not
     * null, a residual skip); s1[i] = sigma'(z), s2[i] = sigma''(z) (s2 may be null). When
     * {@code keepValue} is false the values are not needed and z is left as it is.
     */
    void apply(double[] z, double[] prev, double[] s1, double[] s2, int n, boolean keepValue) {
        for (int i = 0; i < n; i++) {
            double x = z[i];
            double ax = Math.abs(x);
            double v;
            double d1;
            double d2;
            if (this == TANH) {
                double t = Math.tanh(x);
                v = t;
                d1 = 1 - t * t;
                d2 = -2 * t * d1;
            } else {
                double e = Math.exp(-ax);
                double inv = 1 / (1 + e);
                double s = x >= 0 ? inv : e * inv;
                double ss = s * (1 - s);
                if (this == SOFTPLUS) {
                    v = keepValue ? Math.max(x, 0) + Math.log1p(e) : 0;
                    d1 = s;
                    d2 = ss;
                } else {
                    v = x * s;
                    d1 = s + x * ss;
                    d2 = ss * (2 + x * (1 - 2 * s));
                }
            }
            if (keepValue) {
                z[i] = prev == null ? v : v + prev[i];
            }
            s1[i] = d1;
            if (s2 != null) {
                s2[i] = d2;
            }
        }
    }

    /** The float32 version of {@link #apply(double[], double[], double[], double[], int, boolean)}. */
    void apply(float[] z, float[] prev, float[] s1, float[] s2, int n, boolean keepValue) {
        for (int i = 0; i < n; i++) {
            float x = z[i];
            float v;
            float d1;
            float d2;
            if (this == TANH) {
                // tanh z = 1 - 2/(e^{2z} + 1), written with e^-2|z| only
                float e = (float) Math.exp(-2 * Math.abs(x));
                float t = (1 - e) / (1 + e);
                t = x >= 0 ? t : -t;
                v = t;
                d1 = 1 - t * t;
                d2 = -2 * t * d1;
            } else {
                float e = (float) Math.exp(-Math.abs(x));
                float inv = 1 / (1 + e);
                float s = x >= 0 ? inv : e * inv;
                float ss = s * (1 - s);
                if (this == SOFTPLUS) {
                    // log1p(e) for e in (0, 1]: log(1 + e) loses nothing visible in float32
                    // once e > 1e-4; below, the series e - e^2/2 is exact to float precision
                    v = keepValue ? Math.max(x, 0) + (e > 1e-4f ? (float) Math.log(1 + e) : e - 0.5f * e * e) : 0;
                    d1 = s;
                    d2 = ss;
                } else {
                    v = x * s;
                    d1 = s + x * ss;
                    d2 = ss * (2 + x * (1 - 2 * s));
                }
            }
            if (keepValue) {
                z[i] = prev == null ? v : v + prev[i];
            }
            s1[i] = d1;
            if (s2 != null) {
                s2[i] = d2;
            }
        }
    }
}
