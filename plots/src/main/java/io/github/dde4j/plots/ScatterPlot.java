package io.github.dde4j.plots;

import io.github.dde4j.core.Checks;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter plot of one or more point sets (for example data and generator samples), two chosen
 * columns against each other, one colour per set, with a legend giving each set's size.
 *
 * <pre>{@code
 * Figure f = ScatterPlot.builder().title("Generator samples").axisLabels("x1", "x2")
 *         .series("data", data).series("generated", samples).build();
 * }</pre>
 */
public final class ScatterPlot {

    private ScatterPlot() {
    }

    /**
     * A builder for a scatter plot.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the point sets and options. */
    public static final class Builder extends AxesBuilder<Builder> {
        private final List<String> names = new ArrayList<>();
        private final List<double[][]> sets = new ArrayList<>();
        private int cx = 0;
        private int cy = 1;
        private int width = 560;
        private int height = 480;
        private Box box;

        private Builder() {
            super("Samples");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The columns shown on the x and y axes (default 0 and 1).
         *
         * @param cx the column on the x axis
         * @param cy the column on the y axis
         * @return this builder
         */
        public Builder columns(int cx, int cy) {
            if (cx < 0 || cy < 0) {
                throw new IllegalArgumentException("columns must be >= 0, got " + cx + ", " + cy);
            }
            this.cx = cx;
            this.cy = cy;
            return this;
        }

        /**
         * Fixes the axis ranges (default: fitted to the points).
         *
         * @param box the region shown
         * @return this builder
         */
        public Builder box(Box box) {
            this.box = box;
            return this;
        }

        /**
         * Adds a point set; its rows need at least max(cx, cy) + 1 columns.
         *
         * @param name   the legend name
         * @param points the rows
         * @return this builder
         */
        public Builder series(String name, double[][] points) {
            Checks.requirePoints(points, -1, "points of " + name);
            names.add(name);
            sets.add(Checks.copy(points));
            return this;
        }

        /**
         * Figure size in pixels.
         *
         * @param width  width in pixels
         * @param height height in pixels
         * @return this builder
         */
        public Builder size(int width, int height) {
            this.width = Checks.requireAtLeast(width, 150, "width");
            this.height = Checks.requireAtLeast(height, 120, "height");
            return this;
        }

        /**
         * Builds the figure.
         *
         * @return the figure
         */
        public Figure build() {
            if (sets.isEmpty()) {
                throw new IllegalStateException("a scatter plot needs at least one series");
            }
            XYChart c = XCharts.xy(title, xLabel, yLabel, width, height);
            c.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            int total = sets.stream().mapToInt(s -> s.length).sum();
            c.getStyler().setMarkerSize(total > 3000 ? 3 : total > 800 ? 4 : 6);
            for (int k = 0; k < sets.size(); k++) {
                double[][] s = sets.get(k);
                double[] x = new double[s.length];
                double[] y = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    if (cx >= s[i].length || cy >= s[i].length) {
                        throw new IllegalArgumentException(names.get(k) + ", row " + i + " has " + s[i].length
                                + " columns, needs " + (Math.max(cx, cy) + 1));
                    }
                    x[i] = s[i][cx];
                    y[i] = s[i][cy];
                }
                XYSeries ser = c.addSeries(names.get(k) + " (n=" + s.length + ")", x, y);
                ser.setMarker(SeriesMarkers.CIRCLE);
                ser.setMarkerColor(Style.alpha(Style.palette(k), total > 800 ? 0.45 : 0.75));
            }
            if (box != null) {
                c.getStyler().setXAxisMin(box.xMin());
                c.getStyler().setXAxisMax(box.xMax());
                c.getStyler().setYAxisMin(box.yMin());
                c.getStyler().setYAxisMax(box.yMax());
            }
            return Figures.of(c);
        }
    }
}
