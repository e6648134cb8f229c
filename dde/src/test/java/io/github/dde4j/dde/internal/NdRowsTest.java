package io.github.dde4j.dde.internal;

import io.github.dde4j.dde.nn.Nd4jRuntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NdRowsTest {

    @BeforeAll
    static void init() {
        Nd4jRuntime.ensureInitialized();
    }

    /** Element (i, j) read one at a time: the reference the bulk copies must equal. */
    private static void assertSameAsElementwise(INDArray a, double[] flat) {
        int n = (int) a.rows();
        int d = (int) a.columns();
        assertEquals((long) n * d, flat.length);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(a.getDouble(i, j), flat[i * d + j], 0.0, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void copiesDenseViewsTransposesAndFloats() {
        INDArray big = Nd4j.linspace(DataType.DOUBLE, 1, 60, 1).reshape(10, 6);
        assertSameAsElementwise(big, NdRows.flat(big, "a"));
        INDArray rowsView = big.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
        assertTrue(rowsView.isView());
        assertSameAsElementwise(rowsView, NdRows.flat(rowsView, "a"));
        INDArray colsView = big.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4));
        assertSameAsElementwise(colsView, NdRows.flat(colsView, "a"));
        INDArray fOrder = big.dup('f');
        assertSameAsElementwise(fOrder, NdRows.flat(fOrder, "a"));
        INDArray transposed = big.transpose();
        assertSameAsElementwise(transposed, NdRows.flat(transposed, "a"));
        INDArray single = big.castTo(DataType.FLOAT);
        assertSameAsElementwise(single, NdRows.flat(single, "a"));
        double[][] rows = NdRows.rows(rowsView, "a");
        assertArrayEquals(new double[] {19, 20, 21, 22, 23, 24}, rows[0], 0.0);
    }

    @Test
    void resultIsACopyTheCallerMayModify() {
        INDArray a = Nd4j.linspace(DataType.DOUBLE, 1, 6, 1).reshape(3, 2);
        double[] f = NdRows.flat(a, "a");
        f[0] = 99;
        assertEquals(1.0, a.getDouble(0, 0), 0.0);
    }

    @Test
    void matrixRoundTripsAndChecksLength() {
        double[] flat = {1, 2, 3, 4, 5, 6};
        INDArray m = NdRows.matrix(flat, 3, 2, DataType.FLOAT);
        assertEquals(DataType.FLOAT, m.dataType());
        assertArrayEquals(new long[] {3, 2}, m.shape());
        assertSameAsElementwise(m, flat);
        assertThrows(IllegalArgumentException.class, () -> NdRows.matrix(flat, 2, 2, DataType.DOUBLE));
        INDArray v = NdRows.vector(new double[] {1.5, 2.5}, DataType.FLOAT);
        assertEquals(2, v.length());
        assertEquals(2.5, v.getDouble(1), 0.0);
    }

    @Test
    void matrixFromRowsInEitherPrecision() {
        double[][] rows = {{1.1, 2.2}, {3.3, 4.4}, {5.5, 6.6}};
        double[] flat = {1.1, 2.2, 3.3, 4.4, 5.5, 6.6};
        INDArray d = NdRows.matrix(rows, 2, DataType.DOUBLE);
        assertSameAsElementwise(d, flat);
        INDArray f = NdRows.matrix(rows, 2, DataType.FLOAT);
        assertEquals(DataType.FLOAT, f.dataType());
        for (int i = 0; i < flat.length; i++) {
            assertEquals((float) flat[i], f.getFloat(i / 2, i % 2), 0.0f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdRows.matrix(new double[][] {{1, 2}, {3}}, 2, DataType.DOUBLE));
        assertTrue(e.getMessage().contains("row 1 has 1 values"), e.getMessage());
    }

    @Test
    void rejectsNonMatricesNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdRows.flat(Nd4j.zeros(DataType.DOUBLE, 4), "clean"));
        assertTrue(e.getMessage().startsWith("clean: expected an n x d matrix"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NdRows.flat(null, "clean"));
    }
}
