package io.github.dde4j.dde.normalize;

/**
 * Streaming sums of exp(a_i) and exp(2 a_i) held relative to a running maximum, so that sums of
 * weights spanning hundreds of orders of magnitude stay exact without storing the terms.
 */
final class LogSumExpAccumulator {

    private double max = Double.NEGATIVE_INFINITY;
    /** sum_i exp(a_i - max). */
    private double sum1;
    /** sum_i exp(2 (a_i - max)). */
    private double sum2;
    private long count;

    void add(double a) {
        count++;
        if (a == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (a > max) {
            // rescale what we have to the new maximum
            double r = Math.exp(max - a);
            sum1 = sum1 * r + 1.0;
            sum2 = sum2 * r * r + 1.0;
            max = a;
        } else {
            double e = Math.exp(a - max);
            sum1 += e;
            sum2 += e * e;
        }
    }

    void addAll(LogSumExpAccumulator o) {
        if (o.max == Double.NEGATIVE_INFINITY) {
            count += o.count;
            return;
        }
        if (o.max > max) {
            double r = Math.exp(max - o.max);
            sum1 = sum1 * r + o.sum1;
            sum2 = sum2 * r * r + o.sum2;
            max = o.max;
        } else {
            double r = Math.exp(o.max - max);
            sum1 += o.sum1 * r;
            sum2 += o.sum2 * r * r;
        }
        count += o.count;
    }

    long count() {
        return count;
    }

    double max() {
        return max;
    }

    /** log sum_i exp(a_i); -Infinity if every term was. */
    double logSum() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : max + Math.log(sum1);
    }

    /** log mean_i exp(a_i). */
    double logMean() {
        return logSum() - Math.log(count);
    }

    /** (sum w)^2 / sum w^2, in [1, n]. */
    double effectiveSampleSize() {
        return max == Double.NEGATIVE_INFINITY ? 0 : sum1 * sum1 / sum2;
    }

    /** The largest weight's share of the total: exp(max) / sum exp(a_i) = 1 / sum1. */
    double maxWeightFraction() {
        return max == Double.NEGATIVE_INFINITY ? Double.NaN : 1.0 / sum1;
    }

    /**
     * Delta-method standard error of log(mean w): sd(w) / (sqrt(n) mean(w)), with the unbiased
     * variance; in terms of the scaled sums, var(w)/mean(w)^2 = (n s2/s1^2 - 1) n/(n-1).
     */
    double standardErrorOfLogMean() {
        long n = count;
        if (n < 2 || max == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        double relVar = (n * sum2 / (sum1 * sum1) - 1.0) * n / (n - 1.0);
        return Math.sqrt(Math.max(relVar, 0.0) / n);
    }
}
