package io.github.dde4j.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A finished chart of a fixed size in pixels that can paint itself on any {@link Graphics2D}:
 * a raster ({@link #toImage()}, PNG) or a vector surface (SVG).
 *
 * <p>All dde4j charts render headless: the class sets {@code java.awt.headless=true} unless the
 * caller chose otherwise, so they work on servers, in CI and in Jupyter kernels.
 *
 * <p>In a notebook, {@code display(figure.toImage())} (IJava, JJava and rapaio all provide a
 * {@code display} function that renders a {@link java.awt.image.RenderedImage} as
 * {@code image/png}), or make {@code figure.toImage()} the last expression of a cell.
 */
public interface Figure {

    /**
     * Width in pixels (SVG user units).
     *
     * @return the width
     */
    int width();

    /**
     * Height in pixels (SVG user units).
     *
     * @return the height
     */
    int height();

    /**
     * Paints the whole figure into the rectangle (0, 0, width, height) of {@code g}. The
     * background is painted too, so the result does not depend on the surface's initial state.
     *
     * @param g the target, of at least width() x height()
     */
    void paint(Graphics2D g);

    /**
     * The figure as an RGB raster of {@link #width()} x {@link #height()} pixels.
     *
     * @return a new image
     */
    default BufferedImage toImage() {
        return toImage(1);
    }

    /**
     * The figure as an RGB raster scaled by {@code scale} (2 gives sharp pictures on high-density
     * screens): {@code round(scale * width) x round(scale * height)} pixels.
     *
     * @param scale the scale factor (positive)
     * @return a new image
     */
    default BufferedImage toImage(double scale) {
        if (!(scale > 0 && scale <= 8)) {
            throw new IllegalArgumentException("scale must be in (0, 8], got " + scale);
        }
        Headless.ensure();
        int w = (int) Math.round(width() * scale);
        int h = (int) Math.round(height() * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(scale, scale);
            paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Writes a PNG of {@link #width()} x {@link #height()} pixels, atomically (temp file + rename).
     *
     * @param file the target file
     * @throws IOException if the file cannot be written
     */
    default void writePng(Path file) throws IOException {
        FigureFiles.writePng(this, file, 1);
    }

    /**
     * Writes an SVG document whose width and height are {@link #width()} and {@link #height()}, atomically.
     *
     * @param file the target file
     * @throws IOException if the file cannot be written
     */
    default void writeSvg(Path file) throws IOException {
        FigureFiles.writeSvg(this, file);
    }

    /**
     * Writes the figure in the format named by the file's extension: {@code .png} or {@code .svg}.
     *
     * @param file the target file, ending in .png or .svg
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException for any other extension
     */
    default void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            writePng(file);
        } else if (name.endsWith(".svg")) {
            writeSvg(file);
        } else {
            throw new IllegalArgumentException("unknown image format of " + file + ": use .png or .svg");
        }
    }
}
