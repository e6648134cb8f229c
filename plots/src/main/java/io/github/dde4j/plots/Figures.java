package io.github.dde4j.plots;

import io.github.dde4j.core.Checks;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.internal.chartpart.Chart;

/** Factories that turn XChart charts into {@link Figure}s and lay figures out in a grid. */
public final class Figures {

    private Figures() {
    }

    /**
     * Wraps any XChart chart (XYChart, CategoryChart, ...) at its own width and height.
     *
     * @param chart an XChart chart
     * @return the figure
     */
    public static Figure of(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        Headless.ensure();
        return new ChartFigure(chart);
    }

    /**
     * An XChart chart as a figure ({@link #of} returns one). The chart stays reachable, so that titles can be amended before
     * painting, and its size is read at paint time.
     */
    static final class ChartFigure implements Figure {
        final Chart<?, ?> chart;

        ChartFigure(Chart<?, ?> chart) {
            this.chart = chart;
        }

        @Override
        public int width() {
            return chart.getWidth();
        }

        @Override
        public int height() {
            return chart.getHeight();
        }

        @Override
        public void paint(Graphics2D g) {
            Graphics2D c = (Graphics2D) g.create();
            try {
                chart.paint(c, chart.getWidth(), chart.getHeight());
            } finally {
                c.dispose();
            }
        }
    }

    /** A figure of a fixed size drawn by {@code painter} on a white background. */
    static Figure painted(int width, int height, java.util.function.Consumer<Graphics2D> painter) {
        return new PaintedFigure(width, height) {
            @Override
            void draw(Graphics2D g) {
                painter.accept(g);
            }
        };
    }

    /**
     * Figures in rows of {@code columns} cells, each cell as large as the largest figure, under an
     * optional title (null for none).
     *
     * @param title   the title above the grid (null for none)
     * @param columns cells per row
     * @param figures the cells, in reading order
     * @return the figure
     */
    public static Figure grid(String title, int columns, List<? extends Figure> figures) {
        if (figures == null || figures.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one figure");
        }
        Checks.requireAtLeast(columns, 1, "columns");
        List<Figure> figs = List.copyOf(figures);
        int cols = Math.min(columns, figs.size());
        int rows = (figs.size() + cols - 1) / cols;
        int cw = figs.stream().mapToInt(Figure::width).max().orElseThrow();
        int ch = figs.stream().mapToInt(Figure::height).max().orElseThrow();
        int titleH = title == null ? 0 : 40;
        int w = cw * cols;
        int h = ch * rows + titleH;
        return painted(w, h, g -> {
            if (title != null) {
                FontMetrics fm = Style.text(g, Style.TITLE);
                g.drawString(title, (w - fm.stringWidth(title)) / 2f, 26f);
            }
            for (int k = 0; k < figs.size(); k++) {
                Graphics2D c = (Graphics2D) g.create();
                try {
                    c.translate((k % cols) * cw, titleH + (k / cols) * ch);
                    c.clipRect(0, 0, cw, ch);
                    figs.get(k).paint(c);
                } finally {
                    c.dispose();
                }
            }
        });
    }
}
