package io.github.dde4j.plots;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;

/**
 * Values of a 2-D density on a regular grid of cell centres over a {@link Box}:
 * {@code value(i, j)} at x_i = xMin + (i + 1/2) dx, y_j = yMin + (j + 1/2) dy.
 *
 * <p>Built either by evaluating a {@link Density} (one vectorised {@code logDensity} call on all
 * nx * ny centres, so a neural density pays one batched pass) or from samples as a histogram
 * density (count / (n dx dy)), optionally smoothed by a Gaussian of {@code smoothBins} cells.
 */
public final class DensityGrid {

    private final Box box;
    private final int nx;
    private final int ny;
    private final double[] values;

    private DensityGrid(Box box, int nx, int ny, double[] values) {
        this.box = box;
        this.nx = nx;
        this.ny = ny;
        this.values = values;
    }

    /**
     * p(x) = exp(log p(x)) at the cell centres. With {@code normalise}, the values are divided by
     * their Riemann sum sum_ij p dx dy, which turns an unnormalised density (exp f of a DDE) into
     * one that integrates to 1 over the box; this assumes the box holds nearly all the mass.
     *
     * @param density   a 2-D density
     * @param box       the region
     * @param nx        grid points along x (at least 2)
     * @param ny        grid points along y (at least 2)
     * @param normalise divide by the Riemann sum over the box
     * @return the grid
     * @throws IllegalArgumentException if the density is not 2-D, a resolution is below 2, or a
     *                                  log-density is NaN
     */
    public static DensityGrid evaluate(Density density, Box box, int nx, int ny, boolean normalise) {
        if (density.dimension() != 2) {
            throw new IllegalArgumentException("a density map needs a 2-D density, got dimension " + density.dimension());
        }
        Checks.requireAtLeast(nx, 2, "nx");
        Checks.requireAtLeast(ny, 2, "ny");
        double dx = box.width() / nx;
        double dy = box.height() / ny;
        double[][] pts = new double[nx * ny][];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                pts[j * nx + i] = new double[] {box.xMin() + (i + 0.5) * dx, box.yMin() + (j + 0.5) * dy};
            }
        }
        double[] logp = density.logDensity(pts);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logp.length; k++) {
            if (Double.isNaN(logp[k])) {
                throw new IllegalArgumentException("log density is NaN at (" + pts[k][0] + ", " + pts[k][1] + ")");
            }
            max = Math.max(max, logp[k]);
        }
        double[] v = new double[logp.length];
        if (normalise) {
            // Subtract the maximum first so that exp cannot overflow for an unnormalised f.
            double sum = 0;
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.exp(logp[k] - max);
                sum += v[k];
            }
            double z = sum * dx * dy;
            if (!(z > 0) || !Double.isFinite(z)) {
                throw new IllegalArgumentException("the density has no mass on the box " + box);
            }
            for (int k = 0; k < v.length; k++) {
                v[k] /= z;
            }
        } else {
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.exp(logp[k]);
            }
        }
        return new DensityGrid(box, nx, ny, v);
    }

    /**
     * The histogram density of columns 0 and 1 of {@code samples}: count / (n dx dy) per cell,
     * points outside the box counted in n but not drawn. {@code smoothBins > 0} convolves with a
     * Gaussian of that many cells' standard deviation (mass-preserving inside the box).
     *
     * @param samples    the rows (columns 0 and 1 are used)
     * @param box        the region
     * @param nx         bins along x
     * @param ny         bins along y
     * @param smoothBins standard deviation of the smoothing, in bins (0 for none)
     * @return the grid
     */
    public static DensityGrid histogram(double[][] samples, Box box, int nx, int ny, double smoothBins) {
        Checks.requirePoints(samples, -1, "samples");
        Checks.requireAtLeast(nx, 2, "nx");
        Checks.requireAtLeast(ny, 2, "ny");
        if (!(smoothBins >= 0 && smoothBins < 100)) {
            throw new IllegalArgumentException("smoothBins must be in [0, 100), got " + smoothBins);
        }
        double dx = box.width() / nx;
        double dy = box.height() / ny;
        double[] v = new double[nx * ny];
        for (double[] p : samples) {
            int i = (int) Math.floor((p[0] - box.xMin()) / dx);
            int j = (int) Math.floor((p[1] - box.yMin()) / dy);
            if (i >= 0 && i < nx && j >= 0 && j < ny) {
                v[j * nx + i] += 1;
            }
        }
        double scale = 1.0 / (samples.length * dx * dy);
        for (int k = 0; k < v.length; k++) {
            v[k] *= scale;
        }
        if (smoothBins > 0) {
            v = blur(v, nx, ny, smoothBins);
        }
        return new DensityGrid(box, nx, ny, v);
    }

    /** Separable Gaussian blur with kernels renormalised at the borders. */
    private static double[] blur(double[] v, int nx, int ny, double s) {
        int r = (int) Math.ceil(3 * s);
        double[] k = new double[2 * r + 1];
        for (int t = -r; t <= r; t++) {
            k[t + r] = Math.exp(-0.5 * t * t / (s * s));
        }
        double[] rowsBlurred = blurAxis(v, k, r, nx, 1, ny, nx);
        return blurAxis(rowsBlurred, k, r, ny, nx, nx, 1);
    }

    /**
     * One pass of the 1-D kernel {@code k} (radius r) along an axis of the row-major grid v: each of
     * {@code lines} lines (starting {@code lineStep} apart) has {@code len} points {@code step} apart.
     */
    private static double[] blurAxis(double[] v, double[] k, int r, int len, int step, int lines, int lineStep) {
        double[] out = new double[v.length];
        for (int line = 0; line < lines; line++) {
            int base = line * lineStep;
            for (int i = 0; i < len; i++) {
                double acc = 0;
                double wsum = 0;
                for (int t = -r; t <= r; t++) {
                    int ii = i + t;
                    if (ii >= 0 && ii < len) {
                        acc += k[t + r] * v[base + ii * step];
                        wsum += k[t + r];
                    }
                }
                out[base + i * step] = acc / wsum;
            }
        }
        return out;
    }

    /**
     * The region the grid covers.
     *
     * @return the box
     */
    public Box box() {
        return box;
    }

    /**
     * Grid points along x.
     *
     * @return nx
     */
    public int nx() {
        return nx;
    }

    /**
     * Grid points along y.
     *
     * @return ny
     */
    public int ny() {
        return ny;
    }

    /**
     * The density at cell (i, j); j counts upwards from yMin.
     *
     * @param i the column index, 0 .. nx - 1
     * @param j the row index, 0 .. ny - 1
     * @return the density at grid point (i, j)
     */
    public double value(int i, int j) {
        return values[j * nx + i];
    }

    /**
     * The largest value on the grid.
     *
     * @return the largest value
     */
    public double max() {
        double m = 0;
        for (double x : values) {
            m = Math.max(m, x);
        }
        return m;
    }

    /**
     * The Riemann sum sum_ij value * dx * dy: the mass inside the box.
     *
     * @return the Riemann sum
     */
    public double mass() {
        double s = 0;
        for (double x : values) {
            s += x;
        }
        return s * box.width() / nx * box.height() / ny;
    }

    double xCentre(int i) {
        return box.xMin() + (i + 0.5) * box.width() / nx;
    }

    double yCentre(int j) {
        return box.yMin() + (j + 0.5) * box.height() / ny;
    }
}
