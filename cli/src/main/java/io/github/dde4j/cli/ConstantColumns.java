package io.github.dde4j.cli;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.data.RowSink;

import java.util.List;
import java.util.Map;

/**
 * The constant columns of a model (a point mass in each): the network models the other columns,
 * and this puts the constants back. Generated rows get every constant exactly; the density of a
 * row is the modelled columns' density when the row holds every constant, and 0 (log density
 * -infinity) otherwise: the density with respect to Lebesgue measure on the modelled columns
 * times counting measure on the constant ones.
 */
final class ConstantColumns {

    private final int width;
    /** Position in the full row of each modelled column. */
    private final int[] modelled;
    /** Position and value of each constant column. */
    private final int[] constantAt;
    private final double[] constantValue;

    ConstantColumns(List<String> columns, Map<String, Double> constants) {
        width = columns.size();
        modelled = new int[width - constants.size()];
        constantAt = new int[constants.size()];
        constantValue = new double[constants.size()];
        int m = 0;
        int c = 0;
        for (int j = 0; j < width; j++) {
            Double v = constants.get(columns.get(j));
            if (v == null) {
                modelled[m++] = j;
            } else {
                constantAt[c] = j;
                constantValue[c++] = v;
            }
        }
    }

    boolean none() {
        return constantAt.length == 0;
    }

    /** The modelled columns of a full row. */
    double[] project(double[] row) {
        double[] out = new double[modelled.length];
        for (int k = 0; k < modelled.length; k++) {
            out[k] = row[modelled[k]];
        }
        return out;
    }

    /** A sink of modelled rows that hands full rows (constants inserted) to {@code full}. */
    RowSink expand(RowSink full) {
        if (none()) {
            return full;
        }
        return (rows, count) -> {
            double[][] out = new double[count][width];
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < modelled.length; k++) {
                    out[i][modelled[k]] = rows[i][k];
                }
                for (int c = 0; c < constantAt.length; c++) {
                    out[i][constantAt[c]] = constantValue[c];
                }
            }
            full.accept(out, count);
        };
    }

    /** The density of full rows, from the density of the modelled columns. */
    Density density(Density ofModelled) {
        if (none()) {
            return ofModelled;
        }
        return new Density() {
            @Override
            public int dimension() {
                return width;
            }

            @Override
            public double logDensity(double[] x) {
                return logDensity(new double[][] {x})[0];
            }

            @Override
            public double[] logDensity(double[][] xs) {
                double[][] p = new double[xs.length][];
                for (int i = 0; i < xs.length; i++) {
                    p[i] = project(xs[i]);
                }
                double[] out = ofModelled.logDensity(p);
                for (int i = 0; i < xs.length; i++) {
                    for (int c = 0; c < constantAt.length; c++) {
                        if (xs[i][constantAt[c]] != constantValue[c]) {
                            out[i] = Double.NEGATIVE_INFINITY;
                        }
                    }
                }
                return out;
            }
        };
    }
}
