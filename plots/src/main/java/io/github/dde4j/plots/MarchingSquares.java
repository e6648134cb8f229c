package io.github.dde4j.plots;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a grid by marching squares: for each square of four neighbouring cell centres,
 * the level set {value = level} crosses the edges whose end values straddle the level, at the
 * linearly interpolated position. The two ambiguous (saddle) cases are resolved by the mean of the
 * four corners. Returns line segments {x1, y1, x2, y2} in the data's units.
 */
final class MarchingSquares {

    private MarchingSquares() {
    }

    static List<double[]> segments(DensityGrid grid, double level) {
        List<double[]> out = new ArrayList<>();
        int nx = grid.nx();
        int ny = grid.ny();
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                // Corners counter-clockwise from bottom-left: a(i,j) b(i+1,j) c(i+1,j+1) d(i,j+1).
                double a = grid.value(i, j);
                double b = grid.value(i + 1, j);
                double c = grid.value(i + 1, j + 1);
                double d = grid.value(i, j + 1);
                int code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                double x0 = grid.xCentre(i);
                double x1 = grid.xCentre(i + 1);
                double y0 = grid.yCentre(j);
                double y1 = grid.yCentre(j + 1);
                // Crossing points on the four edges: bottom (a-b), right (b-c), top (d-c), left (a-d).
                double[] bottom = {x0 + t(a, b, level) * (x1 - x0), y0};
                double[] right = {x1, y0 + t(b, c, level) * (y1 - y0)};
                double[] top = {x0 + t(d, c, level) * (x1 - x0), y1};
                double[] left = {x0, y0 + t(a, d, level) * (y1 - y0)};
                boolean centreAbove = (a + b + c + d) / 4 > level;
                switch (code) {
                    case 1, 14 -> add(out, left, bottom);
                    case 2, 13 -> add(out, bottom, right);
                    case 3, 12 -> add(out, left, right);
                    case 4, 11 -> add(out, right, top);
                    case 6, 9 -> add(out, bottom, top);
                    case 7, 8 -> add(out, left, top);
                    case 5, 10 -> {
                        // the saddles: a and c above (5) or b and d above (10). The centre decides
                        // whether the corners above are joined through it or kept apart, so the
                        // segments cut off corners b and d, or corners a and c.
                        if (centreAbove == (code == 5)) {
                            add(out, left, top);
                            add(out, bottom, right);
                        } else {
                            add(out, left, bottom);
                            add(out, right, top);
                        }
                    }
                    default -> throw new IllegalStateException("unreachable case " + code);
                }
            }
        }
        return out;
    }

    private static double t(double u, double v, double level) {
        double den = v - u;
        return den == 0 ? 0.5 : (level - u) / den;
    }

    private static void add(List<double[]> out, double[] p, double[] q) {
        out.add(new double[] {p[0], p[1], q[0], q[1]});
    }
}
