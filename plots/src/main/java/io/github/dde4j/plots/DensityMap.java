package io.github.dde4j.plots;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.Density;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Heat maps of 2-D densities over a {@link Box}, one panel per density or sample set, side by
 * side with ONE shared colour scale, so that "data vs KDE vs DDE vs generator" compare by colour.
 *
 * <p>Each panel shows p(x, y) on a dense grid (a {@link DensityGrid} drawn as an image with the
 * {@link ColorMap#VIRIDIS viridis} map), optional contour lines at the same density levels in
 * every panel (marching squares), and optional sample points. Sample-set panels show the
 * histogram density count / (n dx dy), lightly smoothed, on the same scale. The colour bar is in
 * density units (per unit of x times unit of y); with {@link Builder#logScale(double)} it shows
 * log10 density over the given number of decades below the maximum.
 *
 * <pre>{@code
 * Figure fig = DensityMap.builder(Box.around(data, 0.15))
 *         .title("Old Faithful").axisLabels("eruption (min)", "waiting (min)")
 *         .samples("data", data)
 *         .density("KDE", kde).points("data", data)
 *         .contours(6)
 *         .build();
 * fig.writePng(Path.of("faithful.png"));
 * }</pre>
 */
public final class DensityMap extends PaintedFigure {

    private record Panel(String name, DensityGrid grid, boolean model, List<Overlay> overlays) {
    }

    private record Overlay(String label, double[][] points, Color color) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String colourLabel;
    private final Box box;
    private final List<Panel> panels;
    private final ColorMap map;
    private final double vmax;
    private final double decades;
    private final double[] levels;

    private DensityMap(Builder b, List<Panel> panels) {
        super(b.width > 0 ? b.width : 90 + 340 * panels.size() + 18 * (panels.size() - 1) + 100,
                b.height > 0 ? b.height : 440);
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.box = b.box;
        this.panels = panels;
        this.map = b.map;
        this.decades = b.decades;
        this.colourLabel = b.colourLabel != null ? b.colourLabel : (b.decades > 0 ? "log10 density" : "density");
        double modelMax = 0;
        double allMax = 0;
        for (Panel p : panels) {
            allMax = Math.max(allMax, p.grid.max());
            if (p.model) {
                modelMax = Math.max(modelMax, p.grid.max());
            }
        }
        // Models set the scale: a noisy histogram peak would otherwise wash out every model panel.
        double m = modelMax > 0 ? modelMax : allMax;
        this.vmax = m > 0 ? m : 1;
        this.levels = new double[b.contours];
        for (int k = 0; k < b.contours; k++) {
            double frac = (k + 1.0) / (b.contours + 1.0);
            levels[k] = decades > 0 ? vmax * Math.pow(10, -decades * (1 - frac)) : vmax * frac;
        }
    }

    /**
     * A builder for density maps over {@code box} (in the data's units).
     *
     * @param box the region every panel shows
     * @return a builder
     */
    public static Builder builder(Box box) {
        return new Builder(Objects.requireNonNull(box, "box"));
    }

    /**
     * The top of the shared colour scale, in density units: the largest model value on the grids.
     *
     * @return the maximum
     */
    public double colourMax() {
        return vmax;
    }

    /**
     * The density levels at which contour lines are drawn (the same in every panel).
     *
     * @return the levels (a copy)
     */
    public double[] contourLevels() {
        return levels.clone();
    }

    /**
     * The grid behind panel {@code k}, in order of addition.
     *
     * @param k the panel index
     * @return its grid
     */
    public DensityGrid grid(int k) {
        return panels.get(k).grid;
    }

    private double colourT(double v) {
        if (decades > 0) {
            return v > 0 ? 1 + Math.log10(v / vmax) / decades : 0;
        }
        return v / vmax;
    }

    @Override
    void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double top = 34 + 24;
        double bottom = 54;
        double left = 78;
        double right = 104;
        double gap = 18;
        int k = panels.size();
        double pw = (width - left - right - gap * (k - 1)) / k;
        double ph = height - top - bottom;
        if (title != null) {
            FontMetrics fm = Style.text(g, Style.TITLE);
            g.drawString(title, (float) ((width - right + left) / 2 - fm.stringWidth(title) / 2.0), 24f);
        }
        double yTickWidth = 0;
        for (int p = 0; p < k; p++) {
            PlotArea a = new PlotArea(left + p * (pw + gap), top, pw, ph, box.xMin(), box.xMax(), box.yMin(), box.yMax());
            Panel panel = panels.get(p);
            drawGrid(g, a, panel.grid);
            drawContours(g, a, panel.grid);
            for (Overlay o : panel.overlays) {
                double r = o.points.length > 2000 ? 1.2 : o.points.length > 500 ? 1.8 : 2.4;
                a.scatter(g, o.points, 0, 1, r, Style.alpha(o.color, o.points.length > 2000 ? 0.5 : 0.85),
                        o.points.length > 500 ? null : Style.alpha(Color.BLACK, 0.6));
            }
            a.frame(g);
            double xh = a.xTicks(g, Math.max(3, (int) (pw / 70)));
            if (p == 0) {
                yTickWidth = a.yTicks(g, 6);
                a.yLabel(g, yLabel, yTickWidth + 6);
            }
            a.xLabel(g, xLabel, xh + 4);
            a.title(g, panel.name);
            legend(g, a, panel);
        }
        colourBar(g, width - right + 22, top, 16, ph);
    }

    private void drawGrid(Graphics2D g, PlotArea a, DensityGrid grid) {
        int nx = grid.nx();
        int ny = grid.ny();
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                img.setRGB(i, ny - 1 - j, map.rgb(colourT(grid.value(i, j))));
            }
        }
        // VectorGraphics2D (SVG) reads this hint with a type of its own; SVG viewers smooth anyway.
        boolean raster = !(g instanceof de.erichseifert.vectorgraphics2d.VectorGraphics2D);
        Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        if (raster) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        AffineTransform at = new AffineTransform();
        at.translate(a.left, a.top);
        at.scale(a.w / nx, a.h / ny);
        g.drawImage(img, at, null);
        if (raster && old != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
        }
    }

    private void drawContours(Graphics2D g, PlotArea a, DensityGrid grid) {
        if (levels.length == 0) {
            return;
        }
        Shape oldClip = a.clip(g);
        g.setStroke(new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 170));
        Line2D.Double line = new Line2D.Double();
        for (double level : levels) {
            for (double[] s : MarchingSquares.segments(grid, level)) {
                line.setLine(a.px(s[0]), a.py(s[1]), a.px(s[2]), a.py(s[3]));
                g.draw(line);
            }
        }
        g.setClip(oldClip);
    }

    private void legend(Graphics2D g, PlotArea a, Panel panel) {
        List<String> labels = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        for (Overlay o : panel.overlays) {
            labels.add(o.label + " (n=" + o.points.length + ")");
            colours.add(o.color);
        }
        if (!panel.model) {
            labels.add("histogram density");
            colours.add(null);
        }
        if (levels.length > 0) {
            labels.add(levels.length + " contours, shared levels");
            colours.add(Color.WHITE);
        }
        if (labels.isEmpty()) {
            return;
        }
        g.setFont(Style.LEGEND);
        FontMetrics fm = g.getFontMetrics();
        int tw = 0;
        for (String s : labels) {
            tw = Math.max(tw, fm.stringWidth(s));
        }
        double bw = tw + 30;
        double lh = fm.getHeight();
        double bh = labels.size() * lh + 8;
        double bx = a.left + a.w - bw - 6;
        double by = a.top + 6;
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(new RoundRectangle2D.Double(bx, by, bw, bh, 6, 6));
        g.setColor(Style.FRAME);
        g.setStroke(Style.THIN);
        g.draw(new RoundRectangle2D.Double(bx, by, bw, bh, 6, 6));
        for (int i = 0; i < labels.size(); i++) {
            double cy = by + 4 + lh * i + lh / 2;
            Color c = colours.get(i);
            if (c == Color.WHITE) {
                // contour sample: a white line on a mid-scale swatch
                g.setColor(map.color(0.45));
                g.fill(new Rectangle2D.Double(bx + 6, cy - 5, 16, 10));
                g.setColor(Color.WHITE);
                g.draw(new Line2D.Double(bx + 6, cy, bx + 22, cy));
            } else if (c == null) {
                for (int s = 0; s < 4; s++) {
                    g.setColor(map.color(0.15 + 0.25 * s));
                    g.fill(new Rectangle2D.Double(bx + 6 + 4 * s, cy - 5, 4, 10));
                }
            } else {
                g.setColor(c);
                g.fill(new Ellipse2D.Double(bx + 10, cy - 4, 8, 8));
                g.setColor(Color.BLACK);
                g.draw(new Ellipse2D.Double(bx + 10, cy - 4, 8, 8));
            }
            g.setColor(Style.TEXT);
            g.drawString(labels.get(i), (float) (bx + 26), (float) (cy + fm.getAscent() / 2.0 - 1));
        }
    }

    private void colourBar(Graphics2D g, double x, double y, double w, double h) {
        int steps = 256;
        for (int s = 0; s < steps; s++) {
            double t0 = (double) s / steps;
            g.setColor(map.color(t0 + 0.5 / steps));
            double y0 = y + h - (s + 1) * h / steps;
            // overlap by a pixel fraction so that no background line shows between bands
            g.fill(new Rectangle2D.Double(x, y0, w, h / steps + 0.6));
        }
        g.setColor(Style.FRAME);
        g.setStroke(Style.THIN);
        g.draw(new Rectangle2D.Double(x, y, w, h));
        // Ticks in the scale's own units: density, or log10 density.
        double lo = decades > 0 ? Math.log10(vmax) - decades : 0;
        double hi = decades > 0 ? Math.log10(vmax) : vmax;
        Ticks t = Ticks.of(lo, hi, 6);
        g.setFont(Style.TICK);
        FontMetrics fm = g.getFontMetrics();
        int maxW = 0;
        for (int i = 0; i < t.values.length; i++) {
            double yy = y + h - (t.values[i] - lo) / (hi - lo) * h;
            g.setColor(Style.FRAME);
            g.draw(new Line2D.Double(x + w, yy, x + w + 4, yy));
            g.setColor(Style.TEXT);
            g.drawString(t.labels[i], (float) (x + w + 6), (float) (yy + fm.getAscent() / 2.0 - 1));
            maxW = Math.max(maxW, fm.stringWidth(t.labels[i]));
        }
        g.setFont(Style.LABEL);
        fm = g.getFontMetrics();
        AffineTransform old = g.getTransform();
        g.translate(x + w + 10 + maxW + fm.getAscent(), y + h / 2);
        g.rotate(Math.PI / 2);
        g.setColor(Style.TEXT);
        g.drawString(colourLabel, (float) (-fm.stringWidth(colourLabel) / 2.0), 0f);
        g.setTransform(old);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DensityMap[%d panels, %dx%d, colour max %.4g]", panels.size(), width, height, vmax);
    }

    /** Collects panels and options; {@link #build()} evaluates every grid once. */
    public static final class Builder extends AxesBuilder<Builder> {
        private final Box box;
        private final List<Object[]> specs = new ArrayList<>();
        private String colourLabel;
        private ColorMap map = ColorMap.VIRIDIS;
        private int resolution = 160;
        private int bins = 40;
        private double smoothBins = 0.8;
        private int contours;
        private double decades;
        private int width;
        private int height;

        private Builder(Box box) {
            super(null);
            this.box = box;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The colour bar's label; default "density" (or "log10 density").
         *
         * @param label the colour scale's label
         * @return this builder
         */
        public Builder colourLabel(String label) {
            this.colourLabel = label;
            return this;
        }

        /**
         * A panel showing a normalised 2-D density.
         *
         * @param name    the panel's title
         * @param density a 2-D density
         * @return this builder
         */
        public Builder density(String name, Density density) {
            return density(name, density, false);
        }

        /**
         * A panel showing a 2-D density; {@code normaliseOnBox} rescales it to integrate to 1 over the
         * box (for unnormalised models such as a raw DDE output exp f).
         *
         * @param name           the panel's title
         * @param density        a 2-D density
         * @param normaliseOnBox divide by its integral over the box
         * @return this builder
         */
        public Builder density(String name, Density density, boolean normaliseOnBox) {
            Objects.requireNonNull(density, "density");
            if (density.dimension() != 2) {
                throw new IllegalArgumentException("panel " + name + ": a density map needs a 2-D density, got dimension "
                        + density.dimension());
            }
            specs.add(new Object[] {name, density, normaliseOnBox, new ArrayList<Overlay>()});
            return this;
        }

        /**
         * A panel showing the (lightly smoothed) histogram density of 2-D samples.
         *
         * @param name    the panel's title
         * @param samples the rows (columns 0 and 1 are used)
         * @return this builder
         */
        public Builder samples(String name, double[][] samples) {
            Checks.requirePoints(samples, 2, "samples of panel " + name);
            specs.add(new Object[] {name, Checks.copy(samples), null, new ArrayList<Overlay>()});
            return this;
        }

        /**
         * Overlays points on the most recently added panel, in the next palette colour.
         *
         * @param label  the legend label
         * @param points the rows (columns 0 and 1 are used)
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public Builder points(String label, double[][] points) {
            if (specs.isEmpty()) {
                throw new IllegalStateException("add a panel before its points");
            }
            Checks.requirePoints(points, 2, "points " + label);
            List<Overlay> list = (List<Overlay>) specs.get(specs.size() - 1)[3];
            // orange-red and then cyan read well on every viridis colour
            Color c = list.isEmpty() ? new Color(0xFF5A36) : new Color(0x00E5FF);
            list.add(new Overlay(label, Checks.copy(points), c));
            return this;
        }

        /**
         * Draws {@code n} contour lines (0 for none) at n equally spaced levels of the shared scale.
         *
         * @param n the number of lines
         * @return this builder
         */
        public Builder contours(int n) {
            if (n < 0 || n > 30) {
                throw new IllegalArgumentException("contours must be in [0, 30], got " + n);
            }
            this.contours = n;
            return this;
        }

        /**
         * Colours by log10 density over {@code decades} decades below the maximum (0 for linear).
         *
         * @param decades the range shown, in decades
         * @return this builder
         */
        public Builder logScale(double decades) {
            if (!(decades >= 0 && decades <= 30)) {
                throw new IllegalArgumentException("decades must be in [0, 30], got " + decades);
            }
            this.decades = decades;
            return this;
        }

        /**
         * Grid points per axis for model panels (default 160).
         *
         * @param n grid points per axis
         * @return this builder
         */
        public Builder resolution(int n) {
            this.resolution = Checks.requireAtLeast(n, 4, "resolution");
            return this;
        }

        /**
         * Histogram bins per axis for sample panels (default 40) and their smoothing in bins (default 0.8).
         *
         * @param n          bins per axis
         * @param smoothBins smoothing, in bins
         * @return this builder
         */
        public Builder bins(int n, double smoothBins) {
            this.bins = Checks.requireAtLeast(n, 4, "bins");
            if (!(smoothBins >= 0 && smoothBins < 20)) {
                throw new IllegalArgumentException("smoothBins must be in [0, 20), got " + smoothBins);
            }
            this.smoothBins = smoothBins;
            return this;
        }

        /**
         * The colour scale of every panel.
         *
         * @param map the colour map
         * @return this builder
         */
        public Builder colorMap(ColorMap map) {
            this.map = Objects.requireNonNull(map, "map");
            return this;
        }

        /**
         * Figure size in pixels; default 340 px per panel plus margins, 440 px high.
         *
         * @param width  width in pixels
         * @param height height in pixels
         * @return this builder
         */
        public Builder size(int width, int height) {
            this.width = Checks.requireAtLeast(width, 100, "width");
            this.height = Checks.requireAtLeast(height, 100, "height");
            return this;
        }

        /**
         * Evaluates every panel's grid and returns the figure.
         *
         * @return the figure
         */
        @SuppressWarnings("unchecked")
        public DensityMap build() {
            if (specs.isEmpty()) {
                throw new IllegalStateException("a density map needs at least one panel");
            }
            List<Panel> panels = new ArrayList<>();
            for (Object[] s : specs) {
                String name = (String) s[0];
                List<Overlay> overlays = List.copyOf((List<Overlay>) s[3]);
                if (s[1] instanceof Density d) {
                    panels.add(new Panel(name, DensityGrid.evaluate(d, box, resolution, resolution, (Boolean) s[2]), true, overlays));
                } else {
                    panels.add(new Panel(name, DensityGrid.histogram((double[][]) s[1], box, bins, bins, smoothBins), false, overlays));
                }
            }
            return new DensityMap(this, List.copyOf(panels));
        }
    }
}
