package io.github.dde4j.dde.internal;

import io.github.dde4j.dde.nn.Nd4jRuntime;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between n x d ND4J matrices and Java arrays. ND4J's own {@code toDoubleMatrix()}
 * and {@code createFromArray(double[][])} go row by row, and every row costs native shape-info
 * allocations: converting 512 rows took about 10 ms here, more than the network pass it fed.
 * These copy the whole buffer in one call.
 */
public final class NdRows {

    private NdRows() {
    }

    /**
     * The matrix as one row-major {@code double[]} of length n d (a fresh array: the caller
     * may modify it). {@code where} names the argument in the error for a non-matrix.
     */
    public static double[] flat(INDArray a, String where) {
        requireMatrix(a, where);
        boolean direct = a.dataType() == DataType.DOUBLE && !a.isView() && a.ordering() == 'c';
        INDArray c = direct ? a : a.castTo(DataType.DOUBLE).dup('c');
        double[] f = c.data().asDouble();
        long n = a.length();
        if (f.length != n) {
            // a buffer shared with a larger array: copy just this matrix
            f = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        return f;
    }

    /** The matrix as fresh rows. */
    public static double[][] rows(INDArray a, String where) {
        double[] f = flat(a, where);
        int n = (int) a.rows();
        int d = (int) a.columns();
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f, i * d, out[i], 0, d);
        }
        return out;
    }

    /** An n x d matrix of type {@code type} holding the row-major {@code flat}. */
    public static INDArray matrix(double[] flat, int n, int d, DataType type) {
        Nd4jRuntime.ensureInitialized();
        if (flat.length != (long) n * d) {
            throw new IllegalArgumentException("expected " + n + " x " + d + " values, got " + flat.length);
        }
        INDArray m = Nd4j.create(flat, new long[] {n, d}, 'c');
        return type == DataType.DOUBLE ? m : m.castTo(type);
    }

    /**
     * An n x d matrix of type {@code type} holding {@code rows} (each of length d), copied once
     * into one buffer of that type.
     */
    public static INDArray matrix(double[][] rows, int d, DataType type) {
        Nd4jRuntime.ensureInitialized();
        int n = rows.length;
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            }
        }
        if (type == DataType.FLOAT) {
            float[] f = new float[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    f[i * d + j] = (float) rows[i][j];
                }
            }
            return Nd4j.create(f, new long[] {n, d}, 'c');
        }
        double[] f = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, f, i * d, d);
        }
        return matrix(f, n, d, type);
    }

    /** A column vector (n) of type {@code type} holding {@code values}. */
    public static INDArray vector(double[] values, DataType type) {
        Nd4jRuntime.ensureInitialized();
        INDArray v = Nd4j.createFromArray(values);
        return type == DataType.DOUBLE ? v : v.castTo(type);
    }

    private static void requireMatrix(INDArray a, String where) {
        if (a == null || a.rank() != 2) {
            throw new IllegalArgumentException(where + ": expected an n x d matrix, got "
                    + (a == null ? "null" : a.shapeInfoToString().replace('\n', ' ')));
        }
    }
}
