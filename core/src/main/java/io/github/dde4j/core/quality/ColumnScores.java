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
        KsGap gap = new KsGap(r.length, s.length);
        int i = 0;
        int j = 0;
        while (i < r.length || j < s.length) {
            double v = j == s.length || (i < r.length && r[i] <= s[j]) ? r[i] : s[j];
            int i0 = i;
            int j0 = j;
            while (i < r.length && r[i] <= v) {
                i++;
            }
            while (j < s.length && s[j] <= v) {
                j++;
            }
            gap.add(i - i0, j - j0);
        }
        return gap.complement();
    }

    /**
     * 1 - the total variation distance of two label frequency tables (a column's labels, missing
     * one of them, or a pair's joint labels), from the counts of {@code nReal} and {@code nSynthetic} rows.
     */
    static double tvComplement(Map<String, Long> real, long nReal, Map<String, Long> synthetic, long nSynthetic) {
        Map<String, double[]> f = new HashMap<>();
        real.forEach((k, c) -> f.computeIfAbsent(k, x -> new double[2])[0] = c);
        synthetic.forEach((k, c) -> f.computeIfAbsent(k, x -> new double[2])[1] = c);
        double sum = 0;
        for (double[] c : f.values()) {
            sum += Math.abs(c[0] / nReal - c[1] / nSynthetic);
        }
        return 1.0 - 0.5 * sum;
    }

    /** 1 - |r_real - r_syn| / 2 of two correlations; NaN if either is. */
    static double correlationSimilarity(double real, double synthetic) {
        return Double.isNaN(real) || Double.isNaN(synthetic) ? Double.NaN : 1.0 - Math.abs(real - synthetic) / 2.0;
    }

    /** The label of a pair's two labels in a joint frequency table. */
    static String jointLabel(String a, String b) {
        return a + '\u0000' + b;
    }

    /**
     * The edges of ten equal-width bins spanning a real column's present values from {@code first}
     * to {@code last} (NumPy's histogram_bin_edges: widened by 0.5 each way for a constant column).
     */
    static double[] binEdges(double first, double last) {
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
        return edges;
    }

    /**
     * The label "0".."9" of the bin of {@code v} (values beyond the edges go to the end bins), or
     * {@link ScoredTable#MISSING} for a missing (NaN) value.
     */
    static String binLabel(double[] edges, double v) {
        if (Double.isNaN(v)) {
            return ScoredTable.MISSING;
        }
        int right = 0; // number of edges <= v (numpy.searchsorted side="right")
        while (right <= BINS && edges[right] <= v) {
            right++;
        }
        return Integer.toString(Math.min(BINS - 1, Math.max(0, right - 1)));
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
        CoMoments m = new CoMoments();
        for (int i = 0; i < a.length; i++) {
            m.add(a[i], b[i]);
        }
        return m.pearson();
    }
}
