package io.github.dde4j.core.data;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-column affine standardisation z_j = (x_j - m_j) / s_j, with m_j the column mean and s_j the
 * population standard deviation sqrt(1/n sum_i (x_ij - m_j)^2) of the data it was fitted on (ddof 0,
 * as scikit-learn's StandardScaler).
 *
 * <p>A constant column (all values equal) has s_j = 0; it is reported by {@link #constantColumns()}
 * and kept at scale s_j = 1 (only centred) instead of being divided by zero.
 *
 * <p>Densities convert between units with the Jacobian of x -> z:
 * <pre>
 *   log p_x(x) = log p_z(z(x)) + logAbsDetJacobian(),   logAbsDetJacobian() = -sum_j log s_j
 *   score_x(x) = score_z(z(x)) / s          (elementwise)
 * </pre>
 * ({@link #toCallerUnits(Density)} wraps a density fitted in standardised units accordingly.)
 *
 * <p>An immutable record that round-trips through Jackson: its components are plain arrays.
 * All methods work on copies and never modify their arguments.
 *
 * @param means           m_j, one per column
 * @param scales          s_j > 0, one per column (1 for constant columns)
 * @param constantColumns indices of the columns that were constant when fitted (sorted)
 */
public record Standardizer(double[] means, double[] scales, int[] constantColumns) {

    /** Validates and copies. */
    public Standardizer {
        if (means == null || means.length == 0) {
            throw new IllegalArgumentException("means is null or empty");
        }
        if (scales == null || scales.length != means.length) {
            throw new IllegalArgumentException("scales must have " + means.length + " entries, got "
                    + (scales == null ? "null" : scales.length));
        }
        for (int j = 0; j < means.length; j++) {
            Checks.requireFinite(means[j], "means[" + j + "]");
            Checks.requirePositive(scales[j], "scales[" + j + "]");
        }
        constantColumns = constantColumns == null ? new int[0] : constantColumns.clone();
        Arrays.sort(constantColumns);
        for (int j : constantColumns) {
            if (j < 0 || j >= means.length) {
                throw new IllegalArgumentException("constantColumns: index " + j + " out of range 0.." + (means.length - 1));
            }
        }
        means = means.clone();
        scales = scales.clone();
    }

    /** Fits means and scales to an n x d array (n >= 1, finite). */
    public static Standardizer fit(double[][] data) {
        int d = Checks.requirePoints(data, -1, "data");
        int n = data.length;
        double[] m = new double[d];
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                m[j] += row[j];
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
            if (!Double.isFinite(m[j])) {
                // the sum of values near 1e308 overflows: sum them divided by n instead
                m[j] = 0;
                for (double[] row : data) {
                    m[j] += row[j] / n;
                }
            }
        }
        // two passes: the centred sum of squares does not cancel catastrophically
        double[] ss = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                double t = row[j] - m[j];
                ss[j] += t * t;
            }
        }
        double[] s = new double[d];
        List<Integer> constant = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (lo[j] == hi[j]) {
                constant.add(j);
                m[j] = lo[j]; // exact, so the centred column is exactly 0
                s[j] = 1.0;
            } else {
                s[j] = Math.sqrt(ss[j] / n);
                if (!Double.isFinite(s[j]) || !Double.isFinite(m[j])) {
                    throw new IllegalArgumentException("column " + j + ": values from " + lo[j] + " to " + hi[j]
                            + " overflow the standardisation (their spread squared exceeds the largest double); rescale the column");
                }
                if (!(s[j] > 0)) {
                    // values differ but below double resolution of their spread: leave unscaled
                    constant.add(j);
                    s[j] = 1.0;
                }
            }
        }
        return new Standardizer(m, s, constant.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Fits to a table's rows. */
    public static Standardizer fit(DataTable table) {
        return fit(table.toArray());
    }

    /** The identity map in d dimensions (means 0, scales 1). */
    public static Standardizer identity(int d) {
        Checks.requireAtLeast(d, 1, "d");
        double[] s = new double[d];
        Arrays.fill(s, 1.0);
        return new Standardizer(new double[d], s, new int[0]);
    }

    /** The dimension d. */
    public int dimension() {
        return means.length;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public int[] constantColumns() {
        return constantColumns.clone();
    }

    /** z = (x - m) / s for one point (a new array). */
    public double[] transform(double[] x) {
        Checks.requirePoint(x, means.length, "x");
        return standardise(x);
    }

    /** z = (x - m) / s for every row (a new array). */
    public double[][] transform(double[][] xs) {
        return eachRow(xs, this::standardise);
    }

    /** x = m + s z for one point (a new array). */
    public double[] inverse(double[] z) {
        Checks.requirePoint(z, means.length, "z");
        return unstandardise(z);
    }

    /** x = m + s z for every row (a new array). */
    public double[][] inverse(double[][] zs) {
        return eachRow(zs, this::unstandardise);
    }

    /** {@code map} applied to every checked row, into a new array. */
    private double[][] eachRow(double[][] rows, java.util.function.UnaryOperator<double[]> map) {
        Checks.requirePoints(rows, means.length, "points");
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = map.apply(rows[i]);
        }
        return out;
    }

    private double[] standardise(double[] x) {
        double[] z = new double[means.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (x[j] - means[j]) / scales[j];
        }
        return z;
    }

    private double[] unstandardise(double[] z) {
        double[] x = new double[means.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = means[j] + scales[j] * z[j];
        }
        return x;
    }

    /**
     * log |det dz/dx| = -sum_j log s_j: add it to a log density in standardised units to get the
     * log density in caller units.
     */
    public double logAbsDetJacobian() {
        double s = 0;
        for (double v : scales) {
            s -= Math.log(v);
        }
        return s;
    }

    /** Converts scores grad_z log p_z (rows) to grad_x log p_x = grad_z / s (a new array). */
    public double[][] scoreToCallerUnits(double[][] scoresZ) {
        Checks.requirePoints(scoresZ, means.length, "scores");
        double[][] out = new double[scoresZ.length][means.length];
        for (int i = 0; i < scoresZ.length; i++) {
            for (int j = 0; j < means.length; j++) {
                out[i][j] = scoresZ[i][j] / scales[j];
            }
        }
        return out;
    }

    /**
     * The density of x = m + s z when z has density {@code standardized}:
     * log p_x(x) = log p_z((x - m)/s) + logAbsDetJacobian(); the score is converted too.
     */
    public Density toCallerUnits(Density standardized) {
        if (standardized == null || standardized.dimension() != means.length) {
            throw new IllegalArgumentException("density must have dimension " + means.length + ", got "
                    + (standardized == null ? "null" : standardized.dimension()));
        }
        double logJac = logAbsDetJacobian();
        Standardizer self = this;
        return new Density() {
            @Override
            public int dimension() {
                return means.length;
            }

            @Override
            public double logDensity(double[] x) {
                return standardized.logDensity(self.transform(x)) + logJac;
            }

            @Override
            public double[] logDensity(double[][] xs) {
                double[] out = standardized.logDensity(self.transform(xs));
                for (int i = 0; i < out.length; i++) {
                    out[i] += logJac;
                }
                return out;
            }

            @Override
            public boolean hasScore() {
                return standardized.hasScore();
            }

            @Override
            public double[][] score(double[][] xs) {
                return self.scoreToCallerUnits(standardized.score(self.transform(xs)));
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer other && Arrays.equals(means, other.means)
                && Arrays.equals(scales, other.scales) && Arrays.equals(constantColumns, other.constantColumns);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(means) + Arrays.hashCode(scales)) + Arrays.hashCode(constantColumns);
    }

    @Override
    public String toString() {
        return "Standardizer(means=" + Arrays.toString(means) + ", scales=" + Arrays.toString(scales)
                + ", constantColumns=" + Arrays.toString(constantColumns) + ")";
    }
}
