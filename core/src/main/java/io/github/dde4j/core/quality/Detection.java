package io.github.dde4j.core.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Detection: how well a logistic regression tells real rows (label 1) from synthetic ones (0).
 * Features: numerical columns with missing values imputed by the column mean of both tables,
 * categorical columns one-hot (missing is a category); scaled per training fold by the median and
 * interquartile range (a zero range counts as 1); L2-penalised logistic regression (penalty
 * |w|^2 / 2, intercept free) solved to its optimum by Newton's method with conjugate gradients;
 * three stratified shuffled folds; score 1 - mean(max(0.5, AUC) * 2 - 1). The synthetic rows
 * beyond the real table's count are left out; the rows are held in memory.
 */
public final class Detection {

    static final int FOLDS = 3;

    /** The score and the AUC of each fold. */
    public record Result(double score, double[] foldAucs) {
        /** Copies the AUCs. */
        public Result {
            foldAucs = foldAucs.clone();
        }

        /** A copy of the AUCs. */
        @Override
        public double[] foldAucs() {
            return foldAucs.clone();
        }
    }

    private Detection() {
    }

    /** Detection of {@code synthetic} rows against {@code real} ones, with folds drawn from {@code seed}. */
    public static Result of(ScoredTable real, ScoredTable synthetic, long seed) {
        ScoredTable syn = synthetic.rows > real.rows ? synthetic.head(real.rows) : synthetic;
        int n = real.rows + syn.rows;
        double[][] x = features(real, syn);
        int[] fold = LegacyNumpyFolds.assign(real.rows, syn.rows, FOLDS, seed);
        double[] aucs = new double[FOLDS];
        double sum = 0;
        for (int f = 0; f < FOLDS; f++) {
            List<double[]> trainX = new ArrayList<>();
            List<Double> trainY = new ArrayList<>();
            List<double[]> testX = new ArrayList<>();
            List<Double> testY = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (fold[i] == f ? testX : trainX).add(x[i]);
                (fold[i] == f ? testY : trainY).add(i < real.rows ? 1.0 : 0.0);
            }
            double[][] tr = trainX.toArray(new double[0][]);
            double[][] te = testX.toArray(new double[0][]);
            double[][] scaling = robustScaling(tr);
            double[] w = LogisticRegression.fit(scale(tr, scaling), unbox(trainY));
            double[][] ts = scale(te, scaling);
            double[] score = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                score[i] = LogisticRegression.margin(w, ts[i]);
            }
            aucs[f] = auc(unbox(testY), score);
            sum += Math.max(0.5, aucs[f]) * 2 - 1;
        }
        return new Result(1.0 - sum / FOLDS, aucs);
    }

    static double[][] features(ScoredTable real, ScoredTable syn) {
        int n = real.rows + syn.rows;
        List<double[]> columns = new ArrayList<>();
        for (int a = 0; a < real.names.size(); a++) {
            if (real.numerical[a]) {
                double[] v = new double[n];
                System.arraycopy(real.numbers[a], 0, v, 0, real.rows);
                System.arraycopy(syn.numbers[a], 0, v, real.rows, syn.rows);
                double mean = Arrays.stream(v).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
                for (int i = 0; i < n; i++) {
                    v[i] = Double.isNaN(v[i]) ? mean : v[i];
                }
                columns.add(v);
            } else {
                TreeSet<String> labels = new TreeSet<>(Arrays.asList(real.labels[a]));
                labels.addAll(Arrays.asList(syn.labels[a]));
                for (String label : labels) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        String s = i < real.rows ? real.labels[a][i] : syn.labels[a][i - real.rows];
                        v[i] = s.equals(label) ? 1 : 0;
                    }
                    columns.add(v);
                }
            }
        }
        double[][] x = new double[n][columns.size()];
        for (int k = 0; k < columns.size(); k++) {
            for (int i = 0; i < n; i++) {
                x[i][k] = columns.get(k)[i];
            }
        }
        return x;
    }

    /** Per feature {median, interquartile range (1 if zero)} of the rows. */
    static double[][] robustScaling(double[][] x) {
        int d = x[0].length;
        double[][] out = new double[2][d];
        double[] col = new double[x.length];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < x.length; i++) {
                col[i] = x[i][k];
            }
            Arrays.sort(col);
            out[0][k] = percentile(col, 50);
            double iqr = percentile(col, 75) - percentile(col, 25);
            out[1][k] = iqr < 10 * Math.ulp(1.0) ? 1.0 : iqr;
        }
        return out;
    }

    /** NumPy's default (linear) percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * t;
    }

    private static double[][] scale(double[][] x, double[][] s) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                out[i][k] = (x[i][k] - s[0][k]) / s[1][k];
            }
        }
        return out;
    }

    /** Area under the ROC curve: the Mann-Whitney statistic with ties counted one half. */
    static double auc(double[] y, double[] score) {
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPositive = 0;
        double positives = 0;
        for (int s = 0; s < order.length;) {
            int e = s;
            while (e < order.length && score[order[e]] == score[order[s]]) {
                e++;
            }
            double rank = (s + 1 + e) / 2.0; // mean of ranks s+1..e
            for (int t = s; t < e; t++) {
                if (y[order[t]] == 1) {
                    rankSumPositive += rank;
                    positives++;
                }
            }
            s = e;
        }
        double negatives = y.length - positives;
        return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives);
    }

    private static double[] unbox(List<Double> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }
}
