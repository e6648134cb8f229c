package io.github.dde4j.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The pictures of a synthetic-data quality report: per column, real against synthetic values
 * (histograms of numbers, bar charts of labels), and the real and synthetic correlation matrices
 * side by side. Real data is drawn in the first palette colour, synthetic in the second.
 */
public final class QualityFigures {

    /** Bins of a number column's histogram (whole numbers with a short range get one per value). */
    public static final int BINS = 20;
    /** Most labels a bar chart shows (the most frequent in both tables together). */
    public static final int MAX_LABELS = 20;
    /** The label bar charts give missing values. */
    public static final String MISSING = "(missing)";

    private static final int WIDTH = 420;
    private static final int HEIGHT = 280;

    private QualityFigures() {
    }

    /**
     * Histograms (as densities, on shared bins spanning both) of a number column's present values
     * (NaN = missing) in the real and the synthetic table.
     *
     * @param column    the column's name, the title
     * @param real      the real table's values of the column
     * @param synthetic the synthetic table's values of the column
     * @return the figure
     */
    public static Figure histogram(String column, double[] real, double[] synthetic) {
        double[] r = present(real);
        double[] s = present(synthetic);
        double lo = Math.min(min(r), min(s));
        double hi = Math.max(max(r), max(s));
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        XYChart c = XCharts.xy(column, column, "density", WIDTH, HEIGHT);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setxAxisTickLabelsFormattingFunction(XCharts::label);
        legendBelow(c.getStyler());
        double[] edges = edges(r, s, lo, hi);
        addHistogram(c, "real", r, edges, 0);
        addHistogram(c, "synthetic", s, edges, 1);
        return Figures.of(c);
    }

    /**
     * {@link #BINS} equal bins from lo to hi; for whole numbers spanning fewer than 60 values, one
     * bin per value (equal bins would alias: some empty, some holding two values).
     */
    private static double[] edges(double[] r, double[] s, double lo, double hi) {
        boolean whole = Arrays.stream(r).allMatch(x -> x == Math.rint(x)) && Arrays.stream(s).allMatch(x -> x == Math.rint(x));
        int bins = whole && hi - lo < 60 ? (int) (hi - lo) + 1 : BINS;
        double start = whole && hi - lo < 60 ? lo - 0.5 : lo;
        double width = whole && hi - lo < 60 ? 1.0 : (hi - lo) / BINS;
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            edges[k] = start + width * k;
        }
        return edges;
    }

    private static void legendBelow(org.knowm.xchart.style.Styler s) {
        s.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        s.setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    }

    private static void addHistogram(XYChart c, String name, double[] v, double[] edges, int colour) {
        int bins = edges.length - 1;
        double[] y = new double[edges.length];
        double width = edges[1] - edges[0];
        for (double x : v) {
            int k = (int) Math.min(bins - 1, Math.max(0, Math.floor((x - edges[0]) / width)));
            y[k] += 1.0 / (v.length * width);
        }
        y[bins] = y[bins - 1]; // the step drawn over the last bin ends at the upper edge
        if (v.length == 0) {
            return;
        }
        XYSeries s = c.addSeries(name, edges, y);
        s.setLineColor(Style.palette(colour));
        s.setFillColor(Style.alpha(Style.palette(colour), 0.3));
        s.setLineStyle((BasicStroke) Style.MEDIUM);
    }

    /**
     * Label frequencies of a column in the real and the synthetic table, side by side; null
     * labels are missing values. At most {@link #MAX_LABELS} labels, the most frequent.
     *
     * @param column    the column's name, the title
     * @param real      the real table's labels of the column
     * @param synthetic the synthetic table's labels of the column
     * @return the figure
     */
    public static Figure bars(String column, String[] real, String[] synthetic) {
        Map<String, double[]> freq = new LinkedHashMap<>();
        for (String v : real) {
            freq.computeIfAbsent(v == null ? MISSING : v, k -> new double[2])[0] += 1.0 / real.length;
        }
        for (String v : synthetic) {
            freq.computeIfAbsent(v == null ? MISSING : v, k -> new double[2])[1] += 1.0 / synthetic.length;
        }
        List<String> labels = new ArrayList<>(freq.keySet());
        labels.sort(Comparator.comparingDouble((String l) -> -(freq.get(l)[0] + freq.get(l)[1])).thenComparing(l -> l));
        String title = column;
        if (labels.size() > MAX_LABELS) {
            title += " (" + MAX_LABELS + " most frequent of " + labels.size() + " labels)";
            labels = labels.subList(0, MAX_LABELS);
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle("share").build();
        var st = c.getStyler();
        XCharts.style(st);
        legendBelow(st);
        st.setAvailableSpaceFill(0.8);
        st.setyAxisTickLabelsFormattingFunction(XCharts::label);
        st.setXAxisLabelRotation(labels.size() > 6 ? 45 : 0);
        List<Double> r = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String l : labels) {
            shown.add(l.length() > 18 ? l.substring(0, 17) + "\u2026" : l);
            r.add(freq.get(l)[0]);
            s.add(freq.get(l)[1]);
        }
        c.addSeries("real", shown, r);
        c.addSeries("synthetic", shown, s);
        return Figures.of(c);
    }

    /**
     * Two correlation matrices side by side, coloured from blue (-1) through white (0) to red
     * (+1), with the value in each cell when there are at most 12 columns; NaN cells are grey.
     *
     * @param names     the columns, in the matrices' order
     * @param real      the real table's correlation matrix (names.size() square)
     * @param synthetic the synthetic table's correlation matrix (same shape)
     * @return the figure
     */
    public static Figure correlations(List<String> names, double[][] real, double[][] synthetic) {
        int n = names.size();
        int cell = Math.max(14, Math.min(44, 420 / Math.max(1, n)));
        int labelWidth = 140;
        int top = 40;
        int gap = 40;
        int panel = n * cell;
        int width = 2 * (labelWidth + panel) + gap + 20;
        int height = top + panel + labelWidth;
        return Figures.painted(width, height, g -> {
            paintMatrix(g, "real", names, real, labelWidth, top, cell);
            paintMatrix(g, "synthetic", names, synthetic, 2 * labelWidth + panel + gap, top, cell);
        });
    }

    private static void paintMatrix(Graphics2D g, String title, List<String> names, double[][] r, int x0, int y0, int cell) {
        int n = names.size();
        g.setFont(Style.PANEL_TITLE);
        g.setColor(Style.TEXT);
        g.drawString(title + " correlations", x0, y0 - 14);
        g.setFont(Style.TICK);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = r[i][j];
                g.setColor(Double.isNaN(v) ? new Color(0xBBBBBB) : diverging(v));
                g.fillRect(x0 + j * cell, y0 + i * cell, cell, cell);
                if (n <= 12 && !Double.isNaN(v)) {
                    String t = String.format(Locale.ROOT, "%.2f", v);
                    g.setColor(Math.abs(v) > 0.6 ? Color.WHITE : Style.TEXT);
                    g.drawString(t, x0 + j * cell + (cell - fm.stringWidth(t)) / 2, y0 + i * cell + (cell + fm.getAscent()) / 2 - 2);
                }
            }
            String label = shorten(names.get(i), 22);
            g.setColor(Style.TEXT);
            g.drawString(label, x0 - 6 - fm.stringWidth(label), y0 + i * cell + (cell + fm.getAscent()) / 2 - 2);
            AffineTransform saved = g.getTransform();
            g.translate(x0 + i * cell + cell / 2 + fm.getAscent() / 2, y0 + n * cell + 6);
            g.rotate(Math.PI / 2);
            g.drawString(label, 0, 0);
            g.setTransform(saved);
        }
        g.setColor(Style.FRAME);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, n * cell, n * cell);
    }

    private static Color diverging(double v) {
        double t = Math.max(-1, Math.min(1, v));
        Color end = t < 0 ? new Color(0x2166AC) : new Color(0xB2182B);
        double a = Math.abs(t);
        return new Color((int) Math.round(255 + (end.getRed() - 255) * a), (int) Math.round(255 + (end.getGreen() - 255) * a),
                (int) Math.round(255 + (end.getBlue() - 255) * a));
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "\u2026" : s;
    }

    private static double[] present(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static double min(double[] v) {
        return v.length == 0 ? Double.POSITIVE_INFINITY : Arrays.stream(v).min().getAsDouble();
    }

    private static double max(double[] v) {
        return v.length == 0 ? Double.NEGATIVE_INFINITY : Arrays.stream(v).max().getAsDouble();
    }
}
