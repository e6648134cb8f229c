package io.github.dde4j.plots;

import java.awt.Color;
import java.awt.Graphics2D;

/**
 * A figure of a fixed size that paints itself on a white background. The size accessors and the
 * paint frame (a private copy of the graphics, so that colours, fonts and clips set while drawing
 * never reach the caller's surface) live here; a figure only says what it draws.
 */
abstract class PaintedFigure implements Figure {

    final int width;
    final int height;

    PaintedFigure(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public final int width() {
        return width;
    }

    @Override
    public final int height() {
        return height;
    }

    @Override
    public final void paint(Graphics2D g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            draw(g);
        } finally {
            g.dispose();
        }
    }

    /** Draws the figure on {@code g}, whose background is already white. */
    abstract void draw(Graphics2D g);
}
