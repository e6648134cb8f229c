package io.github.dde4j.core.quality;

import java.io.Serializable;

/**
 * The two-sample Kolmogorov-Smirnov statistic built from the distinct values of both samples in
 * increasing order, and mergeable: a gap summarises a run of consecutive distinct values (their
 * counts in each sample, and the largest and smallest difference of the two empirical CDFs inside
 * the run, measured from the run's start), so that runs summarised apart (say, ranges of a sorted
 * table's partitions) combine exactly by {@link #append}.
 */
public final class KsGap implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long realTotal;
    private final long syntheticTotal;
    private long real;
    private long synthetic;
    private double maxGap = Double.NEGATIVE_INFINITY;
    private double minGap = Double.POSITIVE_INFINITY;

    /**
     * An empty run.
     *
     * @param realTotal      present values of the real column (the CDF's denominator)
     * @param syntheticTotal present values of the synthetic column
     */
    public KsGap(long realTotal, long syntheticTotal) {
        this.realTotal = realTotal;
        this.syntheticTotal = syntheticTotal;
    }

    /** Extends the run by the next distinct value, present {@code realCount} and {@code syntheticCount} times. */
    public void add(long realCount, long syntheticCount) {
        real += realCount;
        synthetic += syntheticCount;
        double g = (double) real / realTotal - (double) synthetic / syntheticTotal;
        maxGap = Math.max(maxGap, g);
        minGap = Math.min(minGap, g);
    }

    /** Extends the run by {@code next}, the run of the distinct values that follow this one's (left unchanged). */
    public void append(KsGap next) {
        if (next.real + next.synthetic == 0) {
            return;
        }
        double offset = (double) real / realTotal - (double) synthetic / syntheticTotal;
        maxGap = Math.max(maxGap, offset + next.maxGap);
        minGap = Math.min(minGap, offset + next.minGap);
        real += next.real;
        synthetic += next.synthetic;
    }

    /** 1 - the KS statistic of the run (the whole samples once every value is in); NaN if either sample is empty. */
    public double complement() {
        if (realTotal == 0 || syntheticTotal == 0) {
            return Double.NaN;
        }
        double d = real + synthetic == 0 ? 0 : Math.max(Math.abs(maxGap), Math.abs(minGap));
        return 1.0 - d;
    }
}
