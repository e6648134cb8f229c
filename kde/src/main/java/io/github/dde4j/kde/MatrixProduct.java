package io.github.dde4j.kde;

/**
 * The dense matrix product behind the kernel sums of a {@link GaussianKde} in many dimensions:
 * {@code C (m x n) = A (m x k) op(B)} with row-major double arrays, op(B) = B^T (B is n x k) when
 * {@code transposeB}, else B (k x n); C is overwritten. A module that has a BLAS hands its dgemm
 * here ({@link GaussianKde.Builder#matrixProduct}); kde itself stays plain Java.
 */
@FunctionalInterface
public interface MatrixProduct {

    /**
     * Computes C = A op(B), overwriting C.
     *
     * @param transposeB whether op(B) is B^T (B is n x k) rather than B (k x n)
     * @param m          the rows of A and C
     * @param n          the columns of C
     * @param k          the columns of A: the inner dimension
     * @param a          A, m x k, row-major
     * @param b          B, row-major: n x k when {@code transposeB}, else k x n
     * @param c          C, m x n, row-major; overwritten
     */
    void multiply(boolean transposeB, int m, int n, int k, double[] a, double[] b, double[] c);
}
