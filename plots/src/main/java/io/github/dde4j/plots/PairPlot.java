package io.github.dde4j.plots;

import io.github.dde4j.core.Checks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pair plot (scatter-plot matrix) for d >= 2 columns, comparing point sets such as real and
 * generated data: below the diagonal, scatter plots of every pair of columns; on the diagonal,
 * each column's histogram density (first set filled, others as outlines); above the diagonal,
 * contour lines of each set's smoothed 2-D histogram density at the same three levels (25%,
 * 50%, 75% of the first set's peak), so shifted or missing modes stand out.
 *
 * <p>Axes carry the column names (with their units, if the names include them) and tick labels in
 * the data's units on the outer row and column.
 */
public final class PairPlot extends PaintedFigure {

    private final List<String> columns;
    private final List<String> names;
    private final List<double[][]> sets;
    private final String title;
    private final double[][] ranges;
    private final int bins;
    private final DensityGrid[][][] contourGrids;

    private PairPlot(Builder b) {
        super(70 + b.columns.size() * cellSize(b) + 20, 80 + b.columns.size() * cellSize(b) + 50);
        this.columns = List.copyOf(b.columns);
        this.names = List.copyOf(b.names);
        this.sets = List.copyOf(b.sets);
        this.title = b.title;
        int d = columns.size();
        this.ranges = new double[d][];
        for (int c = 0; c < d; c++) {
            ranges[c] = Ranges.padded(sets, c, 0.06);
        }
        int n0 = sets.get(0).length;
        this.bins = Math.max(8, Math.min(40, (int) Math.round(2 * Math.cbrt(n0))));
        // Upper-triangle contours: smoothed histograms, computed once here so that painting is cheap.
        this.contourGrids = new DensityGrid[d][d][];
        for (int r = 0; r < d; r++) {
            for (int c = r + 1; c < d; c++) {
                Box box = new Box(ranges[c][0], ranges[c][1], ranges[r][0], ranges[r][1]);
                DensityGrid[] gs = new DensityGrid[sets.size()];
                for (int k = 0; k < sets.size(); k++) {
                    gs[k] = DensityGrid.histogram(project(sets.get(k), c, r), box, 36, 36, 1.6);
                }
                contourGrids[r][c] = gs;
            }
        }
    }

    /** The side of one cell in pixels: the builder's, or 150-240 so that the plot is about 900 wide. */
    private static int cellSize(Builder b) {
        return b.cell > 0 ? b.cell : Math.max(150, Math.min(240, 900 / b.columns.size()));
    }

    private static double[][] project(double[][] pts, int cx, int cy) {
        double[][] out = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            out[i] = new double[] {pts[i][cx], pts[i][cy]};
        }
        return out;
    }

    /**
     * A builder for the given column names (d >= 2; their number fixes the dimension).
     *
     * @param columnNames the names of the columns, in order
     * @return a builder
     */
    public static Builder builder(List<String> columnNames) {
        return new Builder(columnNames);
    }

    @Override
    void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int d = columns.size();
        double left = 70;
        double top = 80;
        double cell = (width - left - 20) / d;
        double pad = 5;
        FontMetrics fm = Style.text(g, Style.TITLE);
        g.drawString(title, (float) ((width - fm.stringWidth(title)) / 2.0), 26f);
        legend(g, 40);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double x = left + c * cell + pad;
                double y = top + r * cell + pad;
                double s = cell - 2 * pad;
                if (r == c) {
                    diagonal(g, x, y, s, c);
                } else {
                    PlotArea a = new PlotArea(x, y, s, s, ranges[c][0], ranges[c][1], ranges[r][0], ranges[r][1]);
                    a.gridLines(g, 4, 4);
                    if (r > c) {
                        scatter(g, a, c, r);
                    } else {
                        contours(g, a, r, c);
                    }
                    a.frame(g);
                    if (c == 0) {
                        a.yTicks(g, 4);
                    }
                }
                if (r == d - 1) {
                    PlotArea a = new PlotArea(x, y, s, s, ranges[c][0], ranges[c][1], 0, 1);
                    double th = a.xTicks(g, 4);
                    a.xLabel(g, columns.get(c), th + 2);
                }
                if (c == 0) {
                    PlotArea a = new PlotArea(x, y, s, s, 0, 1, ranges[r][0], ranges[r][1]);
                    a.yLabel(g, columns.get(r), 40);
                }
            }
        }
    }

    private void legend(Graphics2D g, double y) {
        g.setFont(Style.LEGEND);
        FontMetrics fm = g.getFontMetrics();
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < sets.size(); k++) {
            labels.add(names.get(k) + " (n=" + sets.get(k).length + ")");
        }
        String note = "lower: scatter   diagonal: histograms   upper: density contours";
        double total = 0;
        for (String s : labels) {
            total += 22 + fm.stringWidth(s) + 18;
        }
        double x = (width - total) / 2;
        for (int k = 0; k < labels.size(); k++) {
            Color col = Style.palette(k);
            g.setColor(Style.alpha(col, 0.8));
            g.fill(new Rectangle2D.Double(x, y - 9, 16, 10));
            g.setColor(col);
            g.draw(new Rectangle2D.Double(x, y - 9, 16, 10));
            g.setColor(Style.TEXT);
            g.drawString(labels.get(k), (float) (x + 22), (float) y);
            x += 22 + fm.stringWidth(labels.get(k)) + 18;
        }
        g.setColor(new Color(0x666666));
        g.drawString(note, (float) ((width - fm.stringWidth(note)) / 2.0), (float) (y + 18));
    }

    private void diagonal(Graphics2D g, double x, double y, double s, int c) {
        double lo = ranges[c][0];
        double hi = ranges[c][1];
        double bw = (hi - lo) / bins;
        double[][] dens = new double[sets.size()][bins];
        double max = 0;
        for (int k = 0; k < sets.size(); k++) {
            double[][] pts = sets.get(k);
            for (double[] p : pts) {
                int b = (int) Math.floor((p[c] - lo) / bw);
                if (b >= 0 && b < bins) {
                    dens[k][b] += 1.0 / (pts.length * bw);
                }
            }
            for (double v : dens[k]) {
                max = Math.max(max, v);
            }
        }
        PlotArea a = new PlotArea(x, y, s, s, lo, hi, 0, max * 1.08);
        a.gridLines(g, 4, 1);
        for (int k = 0; k < sets.size(); k++) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(a.px(lo), a.py(0));
            for (int b = 0; b < bins; b++) {
                path.lineTo(a.px(lo + b * bw), a.py(dens[k][b]));
                path.lineTo(a.px(lo + (b + 1) * bw), a.py(dens[k][b]));
            }
            path.lineTo(a.px(hi), a.py(0));
            Color col = Style.palette(k);
            if (k == 0) {
                g.setColor(Style.alpha(col, 0.45));
                g.fill(path);
            }
            g.setColor(col);
            g.setStroke(k == 0 ? Style.THIN : Style.MEDIUM);
            g.draw(path);
        }
        a.frame(g);
        g.setFont(Style.LEGEND);
        g.setColor(Style.TEXT);
        g.drawString("density", (float) (x + 4), (float) (y + 13));
    }

    private void scatter(Graphics2D g, PlotArea a, int cx, int cy) {
        int total = sets.stream().mapToInt(p -> p.length).sum();
        double r = total > 3000 ? 1.0 : total > 1000 ? 1.4 : 1.9;
        double alpha = total > 3000 ? 0.3 : total > 1000 ? 0.45 : 0.65;
        Shape old = a.clip(g);
        Ellipse2D.Double e = new Ellipse2D.Double();
        for (int k = 0; k < sets.size(); k++) {
            g.setColor(Style.alpha(Style.palette(k), alpha));
            for (double[] p : sets.get(k)) {
                e.setFrame(a.px(p[cx]) - r, a.py(p[cy]) - r, 2 * r, 2 * r);
                g.fill(e);
            }
        }
        g.setClip(old);
    }

    private void contours(Graphics2D g, PlotArea a, int r, int c) {
        DensityGrid[] gs = contourGrids[r][c];
        double peak = gs[0].max();
        Shape old = a.clip(g);
        Line2D.Double line = new Line2D.Double();
        for (int k = 0; k < gs.length; k++) {
            g.setColor(Style.palette(k));
            g.setStroke(new BasicStroke(k == 0 ? 1.3f : 1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                    10f, k == 0 ? null : new float[] {4f, 2.5f}, 0f));
            for (double frac : new double[] {0.25, 0.5, 0.75}) {
                for (double[] s : MarchingSquares.segments(gs[k], frac * peak)) {
                    line.setLine(a.px(s[0]), a.py(s[1]), a.px(s[2]), a.py(s[3]));
                    g.draw(line);
                }
            }
        }
        g.setClip(old);
    }

    /** Collects the point sets; the first is the reference (real data). */
    public static final class Builder {
        private final List<String> columns;
        private final List<String> names = new ArrayList<>();
        private final List<double[][]> sets = new ArrayList<>();
        private String title = "Pair plot";
        private int cell;

        private Builder(List<String> columns) {
            Objects.requireNonNull(columns, "columnNames");
            if (columns.size() < 2) {
                throw new IllegalArgumentException("a pair plot needs at least 2 columns, got " + columns.size());
            }
            this.columns = List.copyOf(columns);
        }

        /**
         * The figure's title.
         *
         * @param title the title (null for none)
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Adds a point set with one column per column name; the first set added is the reference.
         *
         * @param name   the legend name
         * @param points the rows (one value per column)
         * @return this builder
         */
        public Builder series(String name, double[][] points) {
            Checks.requirePoints(points, columns.size(), "points of " + name);
            names.add(name);
            sets.add(Checks.copy(points));
            return this;
        }

        /**
         * The side of one cell in pixels (default: about 900 / d, between 150 and 240).
         *
         * @param pixels the side of one cell
         * @return this builder
         */
        public Builder cellSize(int pixels) {
            this.cell = Checks.requireAtLeast(pixels, 80, "cellSize");
            return this;
        }

        /**
         * Lays out the cells and returns the figure.
         *
         * @return the figure
         */
        public PairPlot build() {
            if (sets.isEmpty()) {
                throw new IllegalStateException("a pair plot needs at least one series");
            }
            return new PairPlot(this);
        }
    }
}
