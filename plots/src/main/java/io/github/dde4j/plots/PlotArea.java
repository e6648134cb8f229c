package io.github.dde4j.plots;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * A rectangle on the canvas mapped to a data range [x0, x1] x [y0, y1] (y grows upwards), with
 * helpers to draw the frame, ticks and axis labels around it.
 */
final class PlotArea {

    final double left;
    final double top;
    final double w;
    final double h;
    final double x0;
    final double x1;
    final double y0;
    final double y1;

    PlotArea(double left, double top, double w, double h, double x0, double x1, double y0, double y1) {
        this.left = left;
        this.top = top;
        this.w = w;
        this.h = h;
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
    }

    double px(double x) {
        return left + (x - x0) / (x1 - x0) * w;
    }

    double py(double y) {
        return top + h - (y - y0) / (y1 - y0) * h;
    }

    Rectangle2D rect() {
        return new Rectangle2D.Double(left, top, w, h);
    }

    /** Restricts drawing to the plot rectangle; returns the previous clip to restore. */
    Shape clip(Graphics2D g) {
        Shape old = g.getClip();
        g.clip(rect());
        return old;
    }

    void frame(Graphics2D g) {
        g.setColor(Style.FRAME);
        g.setStroke(Style.THIN);
        g.draw(rect());
    }

    void gridLines(Graphics2D g, int xTarget, int yTarget) {
        g.setColor(Style.GRID);
        g.setStroke(Style.THIN);
        for (double v : Ticks.of(x0, x1, xTarget).values) {
            g.draw(new Line2D.Double(px(v), top, px(v), top + h));
        }
        for (double v : Ticks.of(y0, y1, yTarget).values) {
            g.draw(new Line2D.Double(left, py(v), left + w, py(v)));
        }
    }

    /** Tick marks and labels below the rectangle; returns the height used. */
    double xTicks(Graphics2D g, int target) {
        Ticks t = Ticks.of(x0, x1, target);
        g.setFont(Style.TICK);
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(Style.THIN);
        double lastRight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.values.length; i++) {
            double x = px(t.values[i]);
            g.setColor(Style.FRAME);
            g.draw(new Line2D.Double(x, top + h, x, top + h + 4));
            int sw = fm.stringWidth(t.labels[i]);
            // Skip a label that would overlap its left neighbour.
            if (x - sw / 2.0 < lastRight + 4) {
                continue;
            }
            g.setColor(Style.TEXT);
            g.drawString(t.labels[i], (float) (x - sw / 2.0), (float) (top + h + 5 + fm.getAscent()));
            lastRight = x + sw / 2.0;
        }
        return 6 + fm.getHeight();
    }

    /** Tick marks and labels left of the rectangle; returns the width used. */
    double yTicks(Graphics2D g, int target) {
        Ticks t = Ticks.of(y0, y1, target);
        g.setFont(Style.TICK);
        FontMetrics fm = g.getFontMetrics();
        int maxW = 0;
        for (int i = 0; i < t.values.length; i++) {
            double y = py(t.values[i]);
            g.setColor(Style.FRAME);
            g.draw(new Line2D.Double(left - 4, y, left, y));
            int sw = fm.stringWidth(t.labels[i]);
            maxW = Math.max(maxW, sw);
            g.setColor(Style.TEXT);
            g.drawString(t.labels[i], (float) (left - 6 - sw), (float) (y + fm.getAscent() / 2.0 - 1));
        }
        return 8 + maxW;
    }

    /** The label centred below the x tick labels. */
    void xLabel(Graphics2D g, String label, double offset) {
        if (label == null || label.isEmpty()) {
            return;
        }
        FontMetrics fm = Style.text(g, Style.LABEL);
        g.drawString(label, (float) (left + w / 2 - fm.stringWidth(label) / 2.0),
                (float) (top + h + offset + fm.getAscent()));
    }

    /** The label rotated by -90 degrees, left of the y tick labels. */
    void yLabel(Graphics2D g, String label, double offset) {
        if (label == null || label.isEmpty()) {
            return;
        }
        FontMetrics fm = Style.text(g, Style.LABEL);
        AffineTransform old = g.getTransform();
        g.translate(left - offset - fm.getDescent(), top + h / 2);
        g.rotate(-Math.PI / 2);
        g.drawString(label, (float) (-fm.stringWidth(label) / 2.0), 0f);
        g.setTransform(old);
    }

    /** A title centred above the rectangle. */
    void title(Graphics2D g, String title) {
        if (title == null || title.isEmpty()) {
            return;
        }
        FontMetrics fm = Style.text(g, Style.PANEL_TITLE);
        g.drawString(title, (float) (left + w / 2 - fm.stringWidth(title) / 2.0), (float) (top - 6));
    }

    /** Filled circles of radius {@code r} at columns cx, cy of the points, clipped to the area. */
    void scatter(Graphics2D g, double[][] pts, int cx, int cy, double r, java.awt.Color fill, java.awt.Color edge) {
        Shape old = clip(g);
        Ellipse2D.Double e = new Ellipse2D.Double();
        for (double[] p : pts) {
            e.setFrame(px(p[cx]) - r, py(p[cy]) - r, 2 * r, 2 * r);
            g.setColor(fill);
            g.fill(e);
            if (edge != null) {
                g.setColor(edge);
                g.setStroke(Style.THIN);
                g.draw(e);
            }
        }
        g.setClip(old);
    }
}
