package io.github.dde4j.plots;

import java.awt.Color;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.AxesChartStyler;

/** XChart charts in the dde4j look (fonts, white background, light grid, palette). */
final class XCharts {

    private XCharts() {
    }

    /** A tick label: up to 4 significant digits without trailing zeros, scientific outside [1e-4, 1e6). */
    static String label(Double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 1e-4 || a >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.2g", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
        }
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    /** Step axes: integer labels without grouping commas, starting at 0. */
    static void stepAxis(XYChart c) {
        c.getStyler().setXAxisDecimalPattern("#");
        c.getStyler().setXAxisMin(0.0);
    }

    /**
     * A logarithmic y axis extended to whole decades: XChart labels only powers of ten, so a
     * range inside one decade would otherwise show a single label.
     */
    static void logY(XYChart c, double lo, double hi) {
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
        c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi))));
    }

    /** The dde4j look of any XChart axes chart (XY or category). */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Style.FRAME);
        s.setPlotGridLinesColor(Style.GRID);
        s.setChartTitleFont(Style.PANEL_TITLE);
        s.setChartTitleBoxVisible(false);
        s.setLegendFont(Style.LEGEND);
        s.setLegendBorderColor(Style.GRID);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setSeriesColors(Style.PALETTE);
        s.setAxisTitleFont(Style.LABEL);
        s.setAxisTickLabelsFont(Style.TICK);
        s.setAxisTickLabelsColor(Style.TEXT);
        s.setAntiAlias(true);
    }

    static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(c.getStyler());
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        // XChart's default pattern drops the leading zero (".025"); plain numbers read better.
        c.getStyler().setyAxisTickLabelsFormattingFunction(XCharts::label);
        c.getStyler().setYAxisTickMarkSpacingHint(60);
        return c;
    }
}
