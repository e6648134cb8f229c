package io.github.dde4j.core.table;

import java.util.Arrays;

/**
 * Sets decoding parameters on a generator's encoded rows so that they decode to the training
 * shares: missing indicators' thresholds and label columns' offsets; see {@link TableEncoder#calibratedOn}.
 * Everything here works in a column's 0/1 units (the encoded value times its scale plus its mean).
 */
final class DecodingCalibration {

    /**
     * How far inside the bound 1 - w the offsets' span stays, so that a dequantised training cell
     * (its label at least 1 - w/2, the others below w/2) still decodes to its label after the
     * rounding of standardising and destandardising (about 1e-16).
     */
    static final double SPAN_MARGIN = 1e-9;
    /** Sweeps of the offset search at most; measured: see {@link #labelOffsets}. */
    static final int MAX_SWEEPS = 200;
    /** The offset search stops when every decoded share is this close to its training share. */
    static final double SHARE_TOLERANCE = 1e-3;

    private DecodingCalibration() {
    }

    /** The column's dimension {@code k} on each row, in 0/1 units. */
    private static double[] raw(ColumnCoding c, int k, double[][] rows) {
        double scale = c.scales()[k];
        double mean = c.means()[k];
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c.offset() + k] * scale + mean;
        }
        return out;
    }

    /**
     * The missing indicator's threshold: the (1 - p) quantile of the rows' indicator values, p the
     * training share of missing cells, kept within [w/2, 1 - w/2] where every dequantised training
     * cell still decodes to itself.
     */
    static double missingThreshold(ColumnCoding c, double[][] rows, double labelNoise) {
        double[] raw = raw(c, c.width() - 1, rows);
        Arrays.sort(raw);
        // decoded missing: raw > t; the (1 - p) quantile leaves a share p above it
        int at = (int) Math.min(raw.length - 1, Math.max(0, Math.floor((1 - c.missingShare()) * raw.length)));
        double t = Math.max(labelNoise / 2, Math.min(1 - labelNoise / 2, raw[at]));
        return Math.max(Math.ulp(1.0), Math.min(1 - Math.ulp(1.0), t));
    }

    /**
     * A label column's offsets o (one per dimension, the smallest 0): decoding argmax_k(raw_k + o_k)
     * gives each label its training share p_k on the rows, as nearly as the span bound
     * max o - min o &lt;= 1 - w - {@value #SPAN_MARGIN} allows (w the label noise; within it every
     * dequantised training cell decodes to its own label, since its own dimension exceeds every
     * other by more than 1 - w).
     *
     * <p>Why this search: o minimises the convex G(o) = mean_i max_k(raw_ik + o_k) - sum_k p_k o_k
     * (the dual of semi-discrete optimal transport from the rows to the labels), whose slope in
     * o_k is the decoded share of label k minus p_k. Exact minimisation in one coordinate, the
     * others fixed, is a quantile: row i decodes as k iff o_k &gt; d_i = max_{j != k}(raw_ij + o_j) -
     * raw_ik, so o_k between the (p_k n)-th and next smallest d_i gives k exactly its share (then
     * clipped to the span bound). Sweeps over the labels repeat until every share is within
     * {@value #SHARE_TOLERANCE} or nothing moves. Each sweep costs O(K^2 n + K n log n) for K
     * labels and n rows. Measured on 20,000 rows of a generator fitted to penguins-full
     * (TablesLongTest's split and budget, seed 1): sex (missing in 2.9% of the training rows, 0.8%
     * of these rows by the largest label) within the tolerance in 3 sweeps, species and island in 1
     * and 2, each column in under 0.2 s. A label out of reach ends with its offset held by the span
     * bound and stays below its share (tested); {@value #MAX_SWEEPS} sweeps cap the search.
     */
    static double[] labelOffsets(ColumnCoding c, double[][] rows, double labelNoise) {
        int labels = c.width();
        int n = rows.length;
        double[][] raw = new double[labels][];
        for (int k = 0; k < labels; k++) {
            raw[k] = raw(c, k, rows);
        }
        double[] target = c.labelShares();
        double span = 1 - labelNoise - SPAN_MARGIN;
        double[] o = new double[labels];
        double[] d = new double[n];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double moved = 0;
            for (int k = 0; k < labels; k++) {
                double lo = Double.NEGATIVE_INFINITY;
                double hi = Double.POSITIVE_INFINITY;
                for (int j = 0; j < labels; j++) {
                    if (j != k) {
                        lo = Math.max(lo, o[j] - span);
                        hi = Math.min(hi, o[j] + span);
                    }
                }
                for (int i = 0; i < n; i++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < labels; j++) {
                        if (j != k) {
                            best = Math.max(best, raw[j][i] + o[j]);
                        }
                    }
                    d[i] = best - raw[k][i];
                }
                Arrays.sort(d);
                int want = (int) Math.round(target[k] * n);
                double next = want == 0 ? lo : want == n ? hi : 0.5 * (d[want - 1] + d[want]);
                next = labels == 1 ? 0 : Math.max(lo, Math.min(hi, next));
                moved = Math.max(moved, Math.abs(next - o[k]));
                o[k] = next;
            }
            if (maxShareError(raw, o, target) <= SHARE_TOLERANCE || moved == 0) {
                break;
            }
        }
        double min = Arrays.stream(o).min().orElse(0);
        for (int k = 0; k < labels; k++) {
            o[k] -= min;
        }
        return o;
    }

    /** The share of the encoded rows that decode to each label of label column c, with its offsets. */
    static double[] decodedShares(ColumnCoding c, double[][] rows) {
        double[][] raw = new double[c.width()][];
        double[] o = new double[c.width()];
        for (int k = 0; k < c.width(); k++) {
            raw[k] = raw(c, k, rows);
            o[k] = c.labelOffset(k);
        }
        return decodedShares(raw, o);
    }

    /** The decoded share of each label on the rows with offsets o (ties to the first, as decoding does). */
    static double[] decodedShares(double[][] raw, double[] o) {
        int n = raw[0].length;
        double[] share = new double[o.length];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < o.length; k++) {
                double v = raw[k][i] + o[k];
                if (v > bestValue) {
                    best = k;
                    bestValue = v;
                }
            }
            share[best] += 1.0 / n;
        }
        return share;
    }

    private static double maxShareError(double[][] raw, double[] o, double[] target) {
        double[] share = decodedShares(raw, o);
        double worst = 0;
        for (int k = 0; k < o.length; k++) {
            worst = Math.max(worst, Math.abs(share[k] - target[k]));
        }
        return worst;
    }
}
