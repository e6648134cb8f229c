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
}
