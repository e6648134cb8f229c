package io.github.dde4j.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import io.github.dde4j.core.dist.MultivariateGaussian;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class DensityMapTest {

    private static final double[][] MEANS = {{-2, 0}, {2, 0}, {0, 2.5}};
    private static final GaussianMixture MIX = GaussianMixture.equalWeights(MEANS, 0.6);

    @Test
    void gridOfNormalisedDensityHoldsItsMass() {
        // A standard normal on [-6, 6]^2 has mass 1 - 2e-9: the midpoint rule error is O(h^2).
        DensityGrid g = DensityGrid.evaluate(MultivariateGaussian.standard(2), new Box(-6, 6, -6, 6), 120, 120, false);
        assertEquals(1.0, g.mass(), 1e-3);
        assertEquals(1 / (2 * Math.PI), g.max(), 1e-3);
    }

    @Test
    void normaliseOnBoxTurnsAScaledDensityIntoAProbability() {
        // log p + 7 is the shape of a DDE output exp f with an unknown constant.
        var shifted = new io.github.dde4j.core.Density() {
            public int dimension() {
                return 2;
            }

            public double logDensity(double[] x) {
                return MIX.logDensity(x) + 7;
            }
        };
        Box box = new Box(-5, 5, -3, 6);
        DensityGrid g = DensityGrid.evaluate(shifted, box, 100, 100, true);
        DensityGrid ref = DensityGrid.evaluate(MIX, box, 100, 100, false);
        assertEquals(1.0, g.mass(), 1e-12);
        assertEquals(ref.value(30, 40) / ref.mass(), g.value(30, 40), 1e-12);
    }

    @Test
    void histogramIsADensity() {
        double[][] s = MIX.sample(5000, RandomSources.seeded(3));
        DensityGrid h = DensityGrid.histogram(s, new Box(-8, 8, -8, 8), 32, 32, 0);
        assertEquals(1.0, h.mass(), 1e-12);
    }

    @Test
    void contoursOfAGaussianAreCircles() {
        // Level set of N(0, I) at density c is the circle r^2 = -2 log(2 pi c).
        DensityGrid g = DensityGrid.evaluate(MultivariateGaussian.standard(2), new Box(-4, 4, -4, 4), 200, 200, false);
        double level = 0.05;
        double r = Math.sqrt(-2 * Math.log(2 * Math.PI * level));
        var segs = MarchingSquares.segments(g, level);
        assertTrue(segs.size() > 100);
        for (double[] s : segs) {
            // linear interpolation between cells 0.04 apart: error well below 1e-2
            assertEquals(r, Math.hypot(s[0], s[1]), 1e-2);
            assertEquals(r, Math.hypot(s[2], s[3]), 1e-2);
        }
    }

    @Test
    void sharedScaleIsTheModelMaximum() {
        Box box = new Box(-5, 5, -3, 6);
        double[][] data = MIX.sample(400, RandomSources.seeded(1));
        DensityMap m = DensityMap.builder(box)
                .samples("data", data)
                .density("true", MIX)
                .density("smoothed", MIX.smoothedDensity(0.5))
                .build();
        assertEquals(m.grid(1).max(), m.colourMax(), 0);
        assertTrue(m.grid(2).max() < m.colourMax());
    }

    @Test
    void rejectsA3dDensity() {
        assertThrows(IllegalArgumentException.class,
                () -> DensityMap.builder(new Box(0, 1, 0, 1)).density("3d", MultivariateGaussian.standard(3)));
        assertThrows(IllegalArgumentException.class, () -> new Box(1, 0, 0, 1));
    }

    @Test
    void rendersSinglePanelWithContoursAndPoints() throws Exception {
        double[][] data = MIX.sample(300, RandomSources.seeded(7));
        DensityMap m = DensityMap.builder(Box.around(data, 0.15))
                .title("Three Gaussians").axisLabels("x1 (m)", "x2 (m)")
                .density("exact density", MIX).points("samples", data)
                .contours(6)
                .size(640, 520)
                .build();
        BufferedImage img = Rendered.check(m, "density-map", 200, 0.9, new double[] {0.2, 0.2, 0.7, 0.8});
        assertEquals(640, img.getWidth());
    }

    @Test
    void rendersSideBySidePanelsWithSharedScale() throws Exception {
        double[][] data = MIX.sample(500, RandomSources.seeded(8));
        double[][] gen = MIX.smoothedDensity(0.3).sample(500, RandomSources.seeded(9));
        Box box = Box.around(data, 0.15);
        DensityMap m = DensityMap.builder(box)
                .title("data vs models vs generator").axisLabels("x1 (m)", "x2 (m)")
                .samples("data", data)
                .density("exact", MIX).points("data", data)
                .density("smoothed (sigma 0.5)", MIX.smoothedDensity(0.5))
                .samples("generator", gen)
                .contours(4)
                .build();
        Rendered.check(m, "density-panels", 200, 0.8, new double[] {0.1, 0.2, 0.85, 0.8});
        DensityMap log = DensityMap.builder(box).title("log scale").axisLabels("x1 (m)", "x2 (m)")
                .density("exact", MIX).logScale(4).contours(4).build();
        Rendered.check(log, "density-map-log", 200, 0.9, new double[] {0.2, 0.2, 0.7, 0.8});
    }
}
