package io.github.dde4j.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/** Writes a figure as PNG and SVG and checks that both are real, non-blank images of the right size. */
final class Rendered {

    private Rendered() {
    }

    static Path outDir() throws IOException {
        Path dir = Path.of(System.getProperty("dde4j.plots.out", "target/plots-out"));
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Writes {@code name}.png and .svg, re-reads them and checks: PNG signature and decodable at the
     * requested size; at least {@code minColours} distinct colours; at least {@code minInkFraction}
     * of the pixels in {@code region} (fractions of width/height: x0, y0, x1, y1) differ from white;
     * SVG parses as XML with an svg root of the requested width and height and contains drawing.
     */
    static BufferedImage check(Figure fig, String name, int minColours, double minInkFraction, double[] region)
            throws Exception {
        Path dir = outDir();
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        fig.writePng(png);
        fig.writeSvg(svg);

        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(png)) {
            assertEquals(8, in.read(head));
        }
        assertEquals(0x89, head[0] & 0xFF, "PNG signature");
        assertEquals('P', head[1]);
        assertEquals('N', head[2]);
        assertEquals('G', head[3]);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(fig.width(), img.getWidth(), "PNG width");
        assertEquals(fig.height(), img.getHeight(), "PNG height");

        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.size() >= minColours, name + ": only " + colours.size() + " distinct colours, want >= " + minColours);

        int x0 = (int) (region[0] * img.getWidth());
        int y0 = (int) (region[1] * img.getHeight());
        int x1 = (int) (region[2] * img.getWidth());
        int y1 = (int) (region[3] * img.getHeight());
        long ink = 0;
        long all = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                all++;
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        double frac = (double) ink / all;
        assertTrue(frac >= minInkFraction, name + ": only " + frac + " of the plot region is drawn, want >= " + minInkFraction);

        String text = Files.readString(svg, StandardCharsets.UTF_8);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // the document declares the SVG 1.1 DTD; do not fetch it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = factory.newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
        assertEquals("svg", root.getLocalName(), "SVG root element");
        assertEquals(String.valueOf(fig.width()), root.getAttribute("width"), "SVG width");
        assertEquals(String.valueOf(fig.height()), root.getAttribute("height"), "SVG height");
        Matcher m = Pattern.compile("<(path|line|rect|polyline|polygon|ellipse|circle|image|text)\\b").matcher(text);
        int elements = 0;
        while (m.find()) {
            elements++;
        }
        assertTrue(elements >= 20, name + ".svg has only " + elements + " drawing elements");
        return img;
    }
}
