package io.github.dde4j.core.data;

/**
 * Formats doubles as ASCII bytes without allocating: {@code digits} significant digits (1..17)
 * rounded half-up, trailing zeros dropped, plain notation for decimal exponents in [-5, 16]
 * and {@code 1.25E-7} style otherwise; or, with {@code digits == 0}, the shortest string that
 * parses back to the same double ({@link Double#toString}, slow path).
 *
 * <p>Why not {@code Double.toString} or {@code String.format} per cell: both allocate and cost
 * several hundred nanoseconds, which caps a CSV writer far below the million rows per second
 * that {@code dde4j sample} needs. Here a value v is written as the integer
 * m = round(v * 10^(digits-1-e)) with e = floor(log10 v), found from the binary exponent and a
 * table of powers of ten. For {@code |s| = |digits-1-e| <= 22} the power 10^s is exact, so the only
 * rounding is that of the product (relative 2^-53); beyond, 10^s carries one more rounding. The
 * printed value therefore differs from v by at most half a unit in the last printed digit plus
 * a few units of 10^-16 relative, which for {@code digits <= 15} means: correctly rounded except for
 * exact ties.
 */
public final class DoubleFormat {

    /** Longest output of {@link #write}: sign, 17 digits, point, "E-308", and slack. */
    public static final int MAX_CHARS = 32;

    private static final int POW_OFFSET = 340;
    private static final double[] POW10 = new double[2 * POW_OFFSET + 1];
    private static final long[] POW10_LONG = new long[19];
    private static final byte[] NAN = "NaN".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] INF = "Infinity".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        for (int k = -POW_OFFSET; k <= POW_OFFSET; k++) {
            // parsing "1e-k" gives the correctly rounded power, unlike repeated multiplication
            POW10[k + POW_OFFSET] = Double.parseDouble("1e" + k);
        }
        long p = 1;
        for (int k = 0; k < POW10_LONG.length; k++) {
            POW10_LONG[k] = p;
            p *= 10;
        }
    }

    private DoubleFormat() {
    }

    /**
     * Writes {@code v} into {@code buf} at {@code pos}; {@code buf} needs {@link #MAX_CHARS} free
     * bytes. Returns the position after the last byte written.
     *
     * @param digits significant digits, 1..17, or 0 for the shortest exact round trip
     */
    public static int write(byte[] buf, int pos, double v, int digits) {
        if (v != v) {
            System.arraycopy(NAN, 0, buf, pos, NAN.length);
            return pos + NAN.length;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        if (v == Double.POSITIVE_INFINITY) {
            System.arraycopy(INF, 0, buf, pos, INF.length);
            return pos + INF.length;
        }
        if (v == 0) {
            buf[pos++] = '0';
            return pos;
        }
        if (digits == 0 || digits > 17 || v < 1e-290) {
            return writeSlow(buf, pos, v, digits);
        }
        // floor(e2 * log10 2) in integer arithmetic (exact for |e2| < 1650); off by at most one
        int e = (Math.getExponent(v) * 78913) >> 18;
        if (v >= POW10[e + 1 + POW_OFFSET]) {
            e++;
        }
        int s = digits - 1 - e;
        double scaled;
        if (s >= 0) {
            scaled = v * POW10[s + POW_OFFSET];
        } else if (s >= -22) {
            scaled = v / POW10[-s + POW_OFFSET];
        } else {
            scaled = v * POW10[s + POW_OFFSET];
        }
        long m = (long) (scaled + 0.5);
        if (m >= POW10_LONG[digits]) {
            // rounding carried into a new digit (9.999.. -> 10.00..)
            m /= 10;
            e++;
        } else if (m < POW10_LONG[digits - 1]) {
            // v sat just below a power of ten that the table rounded down to: one digit short
            m = (long) (v * POW10[s + 1 + POW_OFFSET] + 0.5);
            e--;
            if (m >= POW10_LONG[digits]) {
                m /= 10;
                e++;
            }
        }
        return layout(buf, pos, m, digits, e);
    }

    /**
     * Writes the {@code nd}-digit integer m as the decimal m * 10^(e - nd + 1): all digits in
     * place, then trailing zeros after the decimal point (and a bare point) are cut off.
     */
    private static int layout(byte[] buf, int pos, long m, int nd, int e) {
        if (e >= 0 && e < 17) {
            if (nd <= e + 1) {
                // an integer: the digits then e+1-nd zeros
                pos = writeDigits(buf, pos, m, nd);
                for (int k = nd; k <= e; k++) {
                    buf[pos++] = '0';
                }
                return pos;
            }
            // digits with the point after the first e+1: shift the fraction right by one
            int end = writeDigits(buf, pos + 1, m, nd);
            System.arraycopy(buf, pos + 1, buf, pos, e + 1);
            buf[pos + e + 1] = '.';
            return trimFraction(buf, pos + e + 1, end);
        }
        if (e < 0 && e >= -5) {
            buf[pos++] = '0';
            int point = pos;
            buf[pos++] = '.';
            for (int k = -1; k > e; k--) {
                buf[pos++] = '0';
            }
            int end = writeDigits(buf, pos, m, nd);
            return trimFraction(buf, point, end);
        }
        // scientific: d.ddd then E and the exponent
        int end = writeDigits(buf, pos + 1, m, nd);
        buf[pos] = buf[pos + 1];
        buf[pos + 1] = '.';
        end = trimFraction(buf, pos + 1, end);
        buf[end++] = 'E';
        if (e < 0) {
            buf[end++] = '-';
            e = -e;
        }
        return writeDigits(buf, end, e, e >= 100 ? 3 : e >= 10 ? 2 : 1);
    }

    /** Drops trailing zeros after the point at {@code point}, and the point itself if bare. */
    private static int trimFraction(byte[] buf, int point, int end) {
        while (end > point + 1 && buf[end - 1] == '0') {
            end--;
        }
        return end == point + 1 ? point : end;
    }

    /** Writes exactly {@code n} decimal digits of {@code m} (with leading zeros). */
    private static int writeDigits(byte[] buf, int pos, long m, int n) {
        int end = pos + n;
        int i = end - 1;
        while (m > Integer.MAX_VALUE) {
            long q = m / 10;
            buf[i--] = (byte) ('0' + (int) (m - q * 10));
            m = q;
        }
        int k = (int) m;
        for (; i >= pos; i--) {
            int q = k / 10;
            buf[i] = (byte) ('0' + (k - q * 10));
            k = q;
        }
        return end;
    }

    private static int writeSlow(byte[] buf, int pos, double v, int digits) {
        String s;
        if (digits == 0 || digits > 17) {
            s = Double.toString(v);
            if (s.endsWith(".0")) {
                s = s.substring(0, s.length() - 2);
            }
        } else {
            s = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros()
                    .toString();
        }
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
        return pos;
    }

    /** Convenience for tests and messages: the formatted string. */
    public static String toString(double v, int digits) {
        byte[] buf = new byte[64];
        int n = write(buf, 0, v, digits);
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
