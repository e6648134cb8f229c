package io.github.dde4j.plots;

/**
 * What every builder of a figure with one pair of axes sets the same way: its title and axis
 * labels (default "x" and "y").
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class AxesBuilder<B extends AxesBuilder<B>> {
    String title;
    String xLabel = "x";
    String yLabel = "y";

    AxesBuilder(String title) {
        this.title = title;
    }

    /** This builder as its own type. */
    abstract B self();

    /**
     * The figure's title.
     *
     * @param title the title (null for none)
     * @return this builder
     */
    public B title(String title) {
        this.title = title;
        return self();
    }

    /**
     * Axis labels with units, e.g. "eruption time (min)".
     *
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @return this builder
     */
    public B axisLabels(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        return self();
    }
}
