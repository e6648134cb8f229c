package io.github.dde4j.kde;

import io.github.dde4j.core.LogSumExp;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The test oracle: the Gaussian KDE by plain double loops, written independently of the library
 * (kernel precision by Commons Math LU, two-pass log-sum-exp, no pruning, no whitening).
 */
final class BruteForce {

    private final double[][] data;
    private final double[] w;
    private final double[][] precision;
    private final double logNorm;
    private final int d;

    /** weights may be null (equal); they are normalised here. */
    BruteForce(double[][] data, double[] weights, double[][] kernelCovariance) {
        this.data = data;
        this.d = data[0].length;
        int n = data.length;
        this.w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = weights == null ? 1.0 : weights[i];
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= total;
        }
        RealMatrix h = new Array2DRowRealMatrix(kernelCovariance);
        LUDecomposition lu = new LUDecomposition(h);
        this.precision = lu.getSolver().getInverse().getData();
        this.logNorm = -0.5 * d * Math.log(2 * Math.PI) - 0.5 * Math.log(lu.getDeterminant());
    }

    static double[][] isotropic(int d, double h) {
        double[][] m = new double[d][d];
        for (int k = 0; k < d; k++) {
            m[k][k] = h * h;
        }
        return m;
    }

    /** Exponents log w_j - (x - x_j)^T H^-1 (x - x_j) / 2, optionally leaving row skip out. */
    private double[] exponents(double[] x, int skip) {
        double[] e = new double[data.length];
        double[] v = new double[d];
        for (int j = 0; j < data.length; j++) {
            if (j == skip || w[j] == 0) {
                e[j] = Double.NEGATIVE_INFINITY;
                continue;
            }
            for (int k = 0; k < d; k++) {
                v[k] = x[k] - data[j][k];
            }
            double q = 0;
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += precision[a][b] * v[b];
                }
                q += v[a] * s;
            }
            e[j] = Math.log(w[j]) - 0.5 * q;
        }
        return e;
    }


    double logDensity(double[] x) {
        return LogSumExp.of(exponents(x, -1)) + logNorm;
    }

    /** log p_{-i}(x_i), the remaining weights renormalised. */
    double leaveOneOut(int i) {
        return LogSumExp.of(exponents(data[i], i)) - Math.log1p(-w[i]) + logNorm;
    }

    /** H^-1 (sum_j pi_j x_j - x). */
    double[] score(double[] x) {
        double[] e = exponents(x, -1);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : e) {
            max = Math.max(max, v);
        }
        double s = 0;
        double[] mean = new double[d];
        for (int j = 0; j < data.length; j++) {
            double p = Math.exp(e[j] - max);
            s += p;
            for (int k = 0; k < d; k++) {
                mean[k] += p * data[j][k];
            }
        }
        double[] diff = new double[d];
        for (int k = 0; k < d; k++) {
            diff[k] = mean[k] / s - x[k];
        }
        double[] out = new double[d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[a] += precision[a][b] * diff[b];
            }
        }
        return out;
    }
}
