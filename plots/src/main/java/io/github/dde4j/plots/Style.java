package io.github.dde4j.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/** The shared look of dde4j charts: fonts, the categorical palette, strokes. */
final class Style {

    private Style() {
    }

    /**
     * Sets {@code font} in the text colour on g: the set-up of every title and label.
     *
     * @return the font's metrics, for placing the text
     */
    static java.awt.FontMetrics text(java.awt.Graphics2D g, Font font) {
        g.setFont(font);
        g.setColor(TEXT);
        return g.getFontMetrics();
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color TEXT = new Color(0x222222);
    static final Color FRAME = new Color(0x555555);
    static final Color GRID = new Color(0xE6E6E6);
    static final Stroke THIN = new BasicStroke(1f);
    static final Stroke MEDIUM = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    /** Categorical colours (Tableau 10): real data first, then generated, then models. */
    static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF)};

    static Color palette(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static Color alpha(Color c, double a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * a));
    }
}
