package io.github.dde4j.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    /** A = B B^T + I for a random B: L is lower triangular with a positive diagonal and L L^T = A. */
    @Test
    void factorReproducesTheMatrix() {
        UniformRandomProvider rng = RandomSources.seeded(3);
        for (int d : new int[] {1, 2, 5, 12}) {
            double[][] b = new double[d][d];
            for (double[] row : b) {
                for (int j = 0; j < d; j++) {
                    row[j] = rng.nextDouble() * 2 - 1;
                }
            }
            double[][] a = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = i == j ? 1 : 0;
                    for (int k = 0; k < d; k++) {
                        s += b[i][k] * b[j][k];
                    }
                    a[i][j] = s;
                }
            }
            double[][] copy = new double[d][];
            for (int i = 0; i < d; i++) {
                copy[i] = a[i].clone();
            }
            double[][] l = Cholesky.lower(a, "matrix");
            for (int i = 0; i < d; i++) {
                assertTrue(l[i][i] > 0);
                for (int j = 0; j < d; j++) {
                    if (j > i) {
                        assertEquals(0.0, l[i][j]);
                    }
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += l[i][k] * l[j][k];
                    }
                    // backward stable: error ~ d eps ||A||, ||A|| <= d + 1 here
                    assertEquals(a[i][j], s, 1e-13 * d * (d + 1), "d=" + d + " (" + i + "," + j + ")");
                    assertEquals(copy[i][j], a[i][j], 0.0, "input untouched");
                }
            }
        }
    }

    @Test
    void notPositiveDefiniteNamesTheMatrixAndPivot() {
        double[][] a = {{1, 2}, {2, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(a, "covariance"));
        assertTrue(e.getMessage().startsWith("covariance is not positive definite (pivot 1 is -3"), e.getMessage());
    }
}
