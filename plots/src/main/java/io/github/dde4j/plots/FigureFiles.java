package io.github.dde4j.plots;

import de.erichseifert.vectorgraphics2d.Document;
import io.github.dde4j.core.data.AtomicFiles;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/** PNG and SVG encoding with atomic writes ({@link AtomicFiles}): a reader never sees a half-written file. */
final class FigureFiles {

    private FigureFiles() {
    }

    static void writePng(Figure figure, Path file, double scale) throws IOException {
        Objects.requireNonNull(file, "file");
        var img = figure.toImage(scale);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        if (!ImageIO.write(img, "png", buf)) {
            throw new IOException("no PNG writer available");
        }
        writeAtomically(file, buf.toByteArray());
    }

    static void writeSvg(Figure figure, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        writeAtomically(file, svgBytes(figure));
    }

    /**
     * The SVG document. VectorGraphics2D records the Java2D calls; rasters drawn by the figure
     * (density maps) are embedded as base64 PNG images, lines and text stay vectors.
     */
    static byte[] svgBytes(Figure figure) throws IOException {
        Headless.ensure();
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, figure.width(), figure.height());
        figure.paint(g);
        g.dispose();
        Document doc = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, figure.width(), figure.height()));
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        doc.writeTo(buf);
        return fixSize(buf.toString(StandardCharsets.UTF_8), figure).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * VectorGraphics2D states the page size in millimetres; a chart is sized in pixels, so the
     * root element gets width and height in user units (= CSS pixels) matching the viewBox.
     */
    private static String fixSize(String svg, Figure figure) {
        int start = svg.indexOf("<svg");
        int end = svg.indexOf('>', start);
        if (start < 0 || end < 0) {
            return svg;
        }
        String head = svg.substring(start, end);
        String fixed = head.replaceFirst("\\swidth=\"[^\"]*\"", " width=\"" + figure.width() + "\"")
                .replaceFirst("\\sheight=\"[^\"]*\"", " height=\"" + figure.height() + "\"");
        return svg.substring(0, start) + fixed + svg.substring(end);
    }

    /** Through core's one atomic writer (links followed, FIFOs streamed into, no half-written file). */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicFiles.writeBytes(file, bytes);
    }
}
