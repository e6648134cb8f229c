package io.github.dde4j.core.dist;

/**
 * Column means and the centred scatter matrix of a batch, the sums behind the Gaussian moment fit
 * and the correlation metrics. Inputs are not checked (callers validate their data) nor modified.
 */
public final class Moments {

    private Moments() {
    }

    /**
     * The column means (1/n) sum_i x_i, summed then divided.
     *
     * @param x n x d, n >= 1
     * @return a new array of d means
     */
    public static double[] mean(double[][] x) {
        int d = x[0].length;
        double[] mu = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    /**
     * The centred scatter matrix S = sum_i (x_i - mu)(x_i - mu)^T, symmetric: divide by n - 1 for
     * the sample covariance.
     *
     * @param x  n x d
     * @param mu the d centres, usually {@link #mean(double[][])}
     * @return a new d x d matrix
     */
    public static double[][] scatter(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] s = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mu[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                double[] sa = s[a];
                for (int b = 0; b <= a; b++) {
                    sa[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                s[b][a] = s[a][b];
            }
        }
        return s;
    }
}
