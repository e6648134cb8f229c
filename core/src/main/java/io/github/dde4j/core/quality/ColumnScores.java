package io.github.dde4j.core.quality;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The per-column and per-pair similarity scores of the report (see {@link QualityReport}). */
final class ColumnScores {

    static final int BINS = 10;

    private ColumnScores() {
    }

    /** 1 - the two-sample Kolmogorov-Smirnov statistic of the present values; NaN if either has none. */
    static double ksComplement(double[] real, double[] synthetic) {
        double[] r = sortedPresent(real);
        double[] s = sortedPresent(synthetic);
        if (r.length == 0 || s.length == 0) {
            return Double.NaN;
        }
        double d = 0;
        int i = 0;
        int j = 0;
        while (i < r.length || j < s.length) {
            double v = j == s.length || (i < r.length && r[i] <= s[j]) ? r[i] : s[j];
            while (i < r.length && r[i] <= v) {
                i++;
            }
            while (j < s.length && s[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / r.length - (double) j / s.length));
        }
        return 1.0 - d;
    }

    /** 1 - the total variation distance of the label frequencies (missing is a label). */
    static double tvComplement(String[] real, String[] synthetic) {
        Map<String, double[]> f = new HashMap<>();
        for (String v : real) {
            f.computeIfAbsent(v, k -> new double[2])[0]++;
        }
        for (String v : synthetic) {
            f.computeIfAbsent(v, k -> new double[2])[1]++;
        }
        double sum = 0;
        for (double[] c : f.values()) {
            sum += Math.abs(c[0] / real.length - c[1] / synthetic.length);
        }
        return 1.0 - 0.5 * sum;
    }

    /** 1 - |r_real - r_syn| / 2, Pearson r over the rows where both columns are present. */
    static double correlationSimilarity(double[] ra, double[] rb, double[] sa, double[] sb) {
        double cr = pearson(ra, rb);
        double cs = pearson(sa, sb);
        return Double.isNaN(cr) || Double.isNaN(cs) ? Double.NaN : 1.0 - Math.abs(cr - cs) / 2.0;
    }

    /** 1 - the total variation distance of the joint label frequencies of two columns. */
    static double contingency(String[] ra, String[] rb, String[] sa, String[] sb) {
        Map<String, double[]> f = new HashMap<>();
        for (int i = 0; i < ra.length; i++) {
            f.computeIfAbsent(ra[i] + '\u0000' + rb[i], k -> new double[2])[0]++;
        }
        for (int i = 0; i < sa.length; i++) {
            f.computeIfAbsent(sa[i] + '\u0000' + sb[i], k -> new double[2])[1]++;
        }
        double sum = 0;
        for (double[] c : f.values()) {
            sum += Math.abs(c[0] / ra.length - c[1] / sa.length);
        }
        return 1.0 - 0.5 * sum;
    }

    /**
     * Labels "0".."9" of ten equal-width bins whose edges span the present values of
     * {@code realColumn} (NumPy's histogram_bin_edges: min and max, widened by 0.5 each way for a
     * constant column); values beyond the edges go to the end bins, missing values get their own label.
     */
    static String[] binned(double[] realColumn, double[] column) {
        double[] x = sortedPresent(realColumn);
        double first = x.length == 0 ? 0 : x[0];
        double last = x.length == 0 ? 1 : x[x.length - 1];
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        double[] edges = new double[BINS + 1];
        double step = (last - first) / BINS;
        for (int k = 0; k < BINS; k++) {
            edges[k] = k * step + first; // as numpy.linspace computes them
        }
        edges[BINS] = last;
        String[] out = new String[column.length];
        for (int i = 0; i < column.length; i++) {
            double v = column[i];
            if (Double.isNaN(v)) {
                out[i] = ScoredTable.MISSING;
                continue;
            }
            int right = 0; // number of edges <= v (numpy.searchsorted side="right")
            while (right <= BINS && edges[right] <= v) {
                right++;
            }
            out[i] = Integer.toString(Math.min(BINS - 1, Math.max(0, right - 1)));
        }
        return out;
    }

    /** The distinct present labels of a column, in no particular order. */
    static Set<String> categories(String[] labels) {
        Set<String> s = new HashSet<>(Arrays.asList(labels));
        s.remove(ScoredTable.MISSING);
        return s;
    }

    static double[] sortedPresent(double[] v) {
        double[] out = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        Arrays.sort(out);
        return out;
    }

    /** Pearson correlation over pairwise-present rows, as numpy.corrcoef computes it; NaN below 2 rows. */
    static double pearson(double[] a, double[] b) {
        int n = 0;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                n++;
                ma += a[i];
                mb += b[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        ma /= n;
        mb /= n;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                double da = a[i] - ma;
                double db = b[i] - mb;
                saa += da * da;
                sbb += db * db;
                sab += da * db;
            }
        }
        double r = sab / Math.sqrt(saa) / Math.sqrt(sbb);
        return Math.max(-1.0, Math.min(1.0, r)); // numpy clips rounding overshoot too
    }
}
