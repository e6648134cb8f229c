package io.github.dde4j.plots;

import io.github.dde4j.core.Checks;

/**
 * An axis-aligned rectangle [xMin, xMax] x [yMin, yMax] in the data's units: the region a
 * density map covers.
 */
public record Box(double xMin, double xMax, double yMin, double yMax) {

    /**
     * Validates the corners: finite, and each maximum above its minimum.
     *
     * @param xMin left edge
     * @param xMax right edge
     * @param yMin bottom edge
     * @param yMax top edge
     */
    public Box {
        Checks.requireFinite(xMin, "xMin");
        Checks.requireFinite(xMax, "xMax");
        Checks.requireFinite(yMin, "yMin");
        Checks.requireFinite(yMax, "yMax");
        if (!(xMax > xMin)) {
            throw new IllegalArgumentException("xMax must be > xMin, got [" + xMin + ", " + xMax + "]");
        }
        if (!(yMax > yMin)) {
            throw new IllegalArgumentException("yMax must be > yMin, got [" + yMin + ", " + yMax + "]");
        }
    }

    /**
     * The bounding box of the first two columns of {@code points}, widened on every side by
     * {@code margin} times its extent (0.1 is a good default: it shows the tails).
     *
     * @param points the rows (at least two columns)
     * @param margin the widening, a fraction of the extent in [0, 10)
     * @return the box
     */
    public static Box around(double[][] points, double margin) {
        return around(points, 0, 1, margin);
    }

    /**
     * The bounding box of columns {@code cx}, {@code cy} of {@code points}, widened by {@code margin}.
     *
     * @param points the rows
     * @param cx     the column on the x axis
     * @param cy     the column on the y axis
     * @param margin the widening, a fraction of the extent in [0, 10)
     * @return the box
     */
    public static Box around(double[][] points, int cx, int cy, double margin) {
        Checks.requirePoints(points, -1, "points");
        if (!(margin >= 0 && margin < 10)) {
            throw new IllegalArgumentException("margin must be in [0, 10), got " + margin);
        }
        double[] rx = Ranges.of(points, cx);
        double[] ry = Ranges.of(points, cy);
        double wx = rx[1] - rx[0];
        double wy = ry[1] - ry[0];
        // A constant column still needs a box of positive width.
        if (wx == 0) {
            wx = Math.max(1, Math.abs(rx[0]));
        }
        if (wy == 0) {
            wy = Math.max(1, Math.abs(ry[0]));
        }
        return new Box(rx[0] - margin * wx, rx[1] + margin * wx, ry[0] - margin * wy, ry[1] + margin * wy);
    }

    /**
     * The smallest box containing this one and {@code other}.
     *
     * @param other another box
     * @return the union's bounding box
     */
    public Box union(Box other) {
        return new Box(Math.min(xMin, other.xMin), Math.max(xMax, other.xMax),
                Math.min(yMin, other.yMin), Math.max(yMax, other.yMax));
    }

    /**
     * The extent along x.
     *
     * @return xMax - xMin
     */
    public double width() {
        return xMax - xMin;
    }

    /**
     * The extent along y.
     *
     * @return yMax - yMin
     */
    public double height() {
        return yMax - yMin;
    }
}
