/**
 * dde4j plots: figures of densities, samples and training runs (density maps, scatter and pair
 * plots, training curves), written as PNG or SVG. One package, the API.
 */
module io.github.dde4j.plots {
    requires transitive io.github.dde4j.core;
    requires transitive java.desktop;
    requires org.knowm.xchart;
    requires VectorGraphics2D;

    exports io.github.dde4j.plots;
}
