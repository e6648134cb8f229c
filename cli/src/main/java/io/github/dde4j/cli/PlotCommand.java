package io.github.dde4j.cli;

import io.github.dde4j.core.Density;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.kde.BandwidthRule;
import io.github.dde4j.kde.GaussianKde;
import io.github.dde4j.plots.Box;
import io.github.dde4j.plots.DensityMap;
import io.github.dde4j.plots.Figure;
import io.github.dde4j.plots.PairPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code dde4j plot}: a density map (two columns: data, the model's normalised density, generated
 * rows, on one colour scale) or a pair plot (more columns: data against generated rows).
 */
@Command(name = "plot", description = {"Plot a model and/or data: a density map for 2 columns, a pair plot for more.",
        "Output format from the file name: .png or .svg."})
final class PlotCommand extends Subcommand {

    @Option(names = "--model", paramLabel = "M.zip", description = "Model file written by 'dde4j fit'.")
    Path model;

    @Option(names = "--data", paramLabel = "F.csv", description = "Data to show (CSV; the model's columns when --model is given).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.png|svg", description = "Image to write.")
    Path out;

    @Option(names = "--columns", split = ",", paramLabel = "a,b", description = "Columns of --data to plot (without --model).")
    List<String> columns;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "5000", description = "Generated rows to show (default ${DEFAULT-VALUE}).")
    int rows;

    @Mixin
    GeneratedRowsSeed seed;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title of the figure.")
    String title;

    @Override
    public Integer call() throws Exception {
        if (model == null && data == null) {
            throw new UserException("give --model, --data or both");
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new UserException("--out must end in .png or .svg, got " + out);
        }
        UserException.requireAtLeast("--rows", rows, 2);
        Outputs.check("--out", out, model, data);
        Models.Loaded m = model == null ? null : Models.load(model);
        if (m != null) {
            Models.requireHeapFor("--rows", rows, m.columns().size());
        }
        List<String> cols = m != null ? m.columns() : columns;
        Inputs.Table table = data == null ? null : Inputs.read(data, cols);
        if (cols == null) {
            cols = table.columns();
        }
        if (cols.size() < 2) {
            throw new UserException("plots need at least 2 columns, got " + cols);
        }
        double[][] generated = m == null ? null : m.rowSource(null, false, null).draw(rows, seed.value);
        String t = title != null ? title : (m != null ? model.getFileName().toString() : data.getFileName().toString());
        Figure fig = cols.size() == 2
                ? densityMap(t, cols, table == null ? null : table.rows(),
                        m == null || m.hasConstantColumns() ? Optional.empty() : m.density(), generated)
                : pairPlot(t, cols, table == null ? null : table.rows(), generated);
        fig.write(out);
        say("wrote %s%n", out);
        return 0;
    }

    /** Data, model density (or the data's KDE when there is no model) and generated rows on one scale. */
    static Figure densityMap(String title, List<String> cols, double[][] data, Optional<Density> density, double[][] generated) {
        List<double[][]> all = new ArrayList<>();
        if (data != null) {
            all.add(data);
        }
        if (generated != null) {
            all.add(generated);
        }
        Box box = null;
        for (double[][] pts : all) {
            Box b = Box.around(pts, 0.1);
            box = box == null ? b : box.union(b);
        }
        DensityMap.Builder b = DensityMap.builder(box).title(title).axisLabels(cols.get(0), cols.get(1)).contours(5);
        if (data != null) {
            b.samples("data", data);
        }
        if (density.isPresent()) {
            b.density("DDE (normalised)", density.get());
            if (data != null) {
                b.points("data", Splits.evenlySpaced(data, 1500));
            }
        } else if (data != null && generated == null) {
            b.density("KDE (Scott)", GaussianKde.of(data, BandwidthRule.SCOTT)).points("data", Splits.evenlySpaced(data, 1500));
        }
        if (generated != null) {
            b.samples("generated", generated);
        }
        return b.build();
    }

    static Figure pairPlot(String title, List<String> cols, double[][] data, double[][] generated) {
        PairPlot.Builder b = PairPlot.builder(cols).title(title);
        if (data != null) {
            b.series("data", data);
        }
        if (generated != null) {
            b.series("generated", generated);
        }
        return b.build();
    }

}
