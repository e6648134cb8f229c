package io.github.dde4j.dde.internal;

import io.github.dde4j.dde.nn.Activation;

/**
 * The fused array loops of {@link Activation} for the BLAS networks ({@link Blas#activate}): sigma,
 * sigma' and sigma'' of a whole buffer in one pass, in float64 and float32. The scalar formulas in
 * {@link Activation} are the reference these agree with (ActivationTest).
 */
public final class ActivationLoops {

    private ActivationLoops() {
    }

    /**
     * In place over {@code n} entries: z[i] becomes sigma(z[i]) (+ prev[i] if {@code prev} is not
     * null, a residual skip); s1[i] = sigma'(z), s2[i] = sigma''(z) (s2 may be null). When
     * {@code keepValue} is false the values are not needed and z is left as it is.
     */
    public static void apply(Activation act, double[] z, double[] prev, double[] s1, double[] s2, int n, boolean keepValue) {
        if (act == Activation.RELU) {
            relu(z, prev, s1, s2, n, keepValue);
            return;
        }
        for (int i = 0; i < n; i++) {
            double x = z[i];
            double ax = Math.abs(x);
            double v;
            double d1;
            double d2;
            if (act == Activation.TANH) {
                double t = Math.tanh(x);
                v = t;
                d1 = 1 - t * t;
                d2 = -2 * t * d1;
            } else {
                double e = Math.exp(-ax);
                double inv = 1 / (1 + e);
                double s = x >= 0 ? inv : e * inv;
                double ss = s * (1 - s);
                if (act == Activation.SOFTPLUS) {
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

    /**
     * The float32 version of {@link #apply(Activation, double[], double[], double[], double[], int, boolean)}.
     * Branch-free arithmetic only (a rational tanh, see {@link #tanh32}, and a series for
     * log1p), so that the JIT vectorises the loops: with Math.exp and Math.log the softplus
     * loop cost about 17 ns per element (CPU time) and dominated a small DDE step; vectorised it
     * costs about 1 ns. Absolute error below 1e-6 (relative 3e-6 for SiLU values) against the
     * float64 formulas.
     */
    public static void apply(Activation act, float[] z, float[] prev, float[] s1, float[] s2, int n, boolean keepValue) {
        // each loop is small and free of branches: C2 vectorises only such loops (one fused loop
        // with everything measured 17 ns/element, these split loops about 1 ns/element)
        switch (act) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    float x = z[i];
                    s1[i] = x > 0 ? 1f : 0f;
                    if (keepValue) {
                        z[i] = Math.max(x, 0f);
                    }
                }
                if (s2 != null) {
                    java.util.Arrays.fill(s2, 0, n, 0f);
                }
                break;
            case SOFTPLUS:
                sigmoid32(z, s1, n);
                if (s2 != null) {
                    for (int i = 0; i < n; i++) {
                        float s = s1[i];
                        s2[i] = s * (1 - s);
                    }
                }
                if (keepValue) {
                    // softplus(x) = max(x, 0) + log1p(e^-|x|), with e^-|x| = (1 - a)/(1 + a), a = |2s - 1|,
                    // and log1p(u) = 2 atanh(w), w = u/(2 + u) = (1 - a)/(3 + a) in [0, 1/3]
                    for (int i = 0; i < n; i++) {
                        float x = z[i];
                        float a = Math.abs(2 * s1[i] - 1);
                        float w = (1 - a) / (3 + a);
                        z[i] = 0.5f * (x + Math.abs(x)) + atanhSeries2(w);
                    }
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    s1[i] = tanh32(z[i]);
                }
                if (s2 != null) {
                    for (int i = 0; i < n; i++) {
                        float t = s1[i];
                        s2[i] = -2 * t * (1 - t * t);
                    }
                }
                if (keepValue) {
                    System.arraycopy(s1, 0, z, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    float t = s1[i];
                    s1[i] = 1 - t * t;
                }
                break;
            default:
                sigmoid32(z, s1, n);
                if (s2 != null) {
                    for (int i = 0; i < n; i++) {
                        float x = z[i];
                        float s = s1[i];
                        s2[i] = s * (1 - s) * (2 + x * (1 - 2 * s));
                    }
                }
                if (keepValue) {
                    for (int i = 0; i < n; i++) {
                        float x = z[i];
                        float s = s1[i];
                        s1[i] = s + x * s * (1 - s);
                        z[i] = x * s;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        float x = z[i];
                        float s = s1[i];
                        s1[i] = s + x * s * (1 - s);
                    }
                }
        }
        if (keepValue && prev != null) {
            for (int i = 0; i < n; i++) {
                z[i] += prev[i];
            }
        }
    }

    private static void relu(double[] z, double[] prev, double[] s1, double[] s2, int n, boolean keepValue) {
        for (int i = 0; i < n; i++) {
            double x = z[i];
            s1[i] = x > 0 ? 1 : 0;
            if (keepValue) {
                z[i] = prev == null ? Math.max(x, 0) : Math.max(x, 0) + prev[i];
            }
            if (s2 != null) {
                s2[i] = 0;
            }
        }
    }

    /** out = 1/(1 + e^-z) = (1 + tanh(z/2))/2, elementwise, float32. */
    static void sigmoid32(float[] z, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = 0.5f + 0.5f * tanh32(0.5f * z[i]);
        }
    }

    /** 2 atanh(w) = 2 (w + w^3/3 + ... + w^17/17) for w in [0, 1/3]; truncation below 1e-9. */
    static float atanhSeries2(float w) {
        float w2 = w * w;
        float p = 1f / 17;
        p = p * w2 + 1f / 15;
        p = p * w2 + 1f / 13;
        p = p * w2 + 1f / 11;
        p = p * w2 + 1f / 9;
        p = p * w2 + 1f / 7;
        p = p * w2 + 1f / 5;
        p = p * w2 + 1f / 3;
        p = p * w2 + 1;
        return 2 * w * p;
    }

    /**
     * tanh in float32 by the rational minimax approximation used by Eigen
     * ({@code generic_fast_tanh_float}): odd degree-13 numerator over even degree-6 denominator
     * on [-7.9053, 7.9053] (beyond, tanh is 1 to float precision); a few ulp of error.
     */
    static float tanh32(float v) {
        float x = Math.max(-7.90531110763549805f, Math.min(7.90531110763549805f, v));
        float x2 = x * x;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = x2 * p + -8.60467152213735e-11f;
        p = x2 * p + 5.12229709037114e-08f;
        p = x2 * p + 1.48572235717979e-05f;
        p = x2 * p + 6.37261928875436e-04f;
        p = x2 * p + 4.89352455891786e-03f;
        p = x * p;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = x2 * q + 2.26843463243900e-03f;
        q = x2 * q + 4.89352518554385e-03f;
        return p / q;
    }
}
