package io.github.dde4j.core.dist;

/**
 * The Cholesky factorisation A = L L^T of a symmetric positive definite matrix, the one copy of it
 * in the project (the Gaussian's covariance, the KDE's bandwidth matrix).
 */
public final class Cholesky {

    private Cholesky() {
    }

    /**
     * The lower-triangular factor L (positive diagonal) of a symmetric positive definite d x d
     * matrix. Reads both triangles, averaging a_ij and a_ji, so a matrix that is symmetric up to
     * rounding factors as its symmetric part. The caller validates shape and finiteness.
     *
     * @param a    the matrix (not modified)
     * @param what its name in the error message, e.g. "covariance"
     * @return L, a new array
     * @throws IllegalArgumentException naming the pivot if A is not positive definite
     */
    public static double[][] lower(double[][] a, String what) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.5 * (a[i][j] + a[j][i]);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException(what + " is not positive definite (pivot " + i + " is " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /**
     * out = shift + L z for a lower-triangular L: how a Gaussian draw with covariance L L^T is
     * placed (z standard normal, shift the mean or a kernel's centre).
     *
     * @param l     d x d lower-triangular factor
     * @param shift d values
     * @param z     d values
     * @param out   receives the d results (may not alias z)
     */
    public static void shiftedProduct(double[][] l, double[] shift, double[] z, double[] out) {
        for (int r = 0; r < out.length; r++) {
            double[] lr = l[r];
            double s = shift[r];
            for (int k = 0; k <= r; k++) {
                s += lr[k] * z[k];
            }
            out[r] = s;
        }
    }
}
