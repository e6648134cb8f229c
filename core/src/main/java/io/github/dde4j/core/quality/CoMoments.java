package io.github.dde4j.core.quality;

import java.io.Serializable;

/**
 * The count, means and centred second moments of two columns over the rows where both are
 * present: enough for their Pearson correlation, and mergeable, so that partitions of a table can
 * be summarised apart and combined. Rows are added one at a time by Welford's update and parts
 * merged by the pairwise formulas of Chan, Golub and LeVeque ("Updating formulae and a pairwise
 * algorithm for computing sample variances", 1979), which stay accurate where sum-of-squares
 * formulas cancel.
 */
public final class CoMoments implements Serializable {

    private static final long serialVersionUID = 1L;

    private long n;
    private double meanA;
    private double meanB;
    private double m2a;
    private double m2b;
    private double cab;

    /** Adds one row; a row with a missing (NaN) value is skipped. */
    public void add(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return;
        }
        n++;
        double da = a - meanA;
        meanA += da / n;
        double db = b - meanB;
        meanB += db / n;
        m2a += da * (a - meanA);
        m2b += db * (b - meanB);
        cab += da * (b - meanB);
    }

    /** Adds the rows {@code other} summarises (left unchanged). */
    public void merge(CoMoments other) {
        if (other.n == 0) {
            return;
        }
        if (n == 0) {
            n = other.n;
            meanA = other.meanA;
            meanB = other.meanB;
            m2a = other.m2a;
            m2b = other.m2b;
            cab = other.cab;
            return;
        }
        long total = n + other.n;
        double da = other.meanA - meanA;
        double db = other.meanB - meanB;
        double w = (double) n * other.n / total;
        m2a += other.m2a + da * da * w;
        m2b += other.m2b + db * db * w;
        cab += other.cab + da * db * w;
        meanA += da * other.n / total;
        meanB += db * other.n / total;
        n = total;
    }

    /** The rows where both columns are present. */
    public long count() {
        return n;
    }

    /** Sum of (a - mean a)^2 over the rows. */
    double m2a() {
        return m2a;
    }

    /** Sum of (a - mean a)(b - mean b) over the rows. */
    double coMoment() {
        return cab;
    }

    /**
     * Pearson's r, as numpy.corrcoef computes it (clipped to [-1, 1] against rounding); NaN below
     * two rows or for a constant column.
     */
    public double pearson() {
        if (n < 2) {
            return Double.NaN;
        }
        double r = cab / Math.sqrt(m2a) / Math.sqrt(m2b);
        return Math.max(-1.0, Math.min(1.0, r));
    }
}
