package io.github.dde4j.cli;

import io.github.dde4j.core.data.AtomicFiles;
import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.quality.QualityOptions;
import io.github.dde4j.core.quality.QualityReport;
import io.github.dde4j.plots.Figure;
import io.github.dde4j.plots.QualityFigures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The quality report as a page: the scores, a table per column and per pair, and pictures (real
 * against synthetic per column; the two correlation matrices). HTML is one self-contained file
 * (pictures inline as base64 PNG); Markdown refers to PNG files written beside it, named after it.
 */
final class QualityPage {

    /** The page formats, by file extension. */
    enum Format {
        HTML, MARKDOWN;

        static Format of(Path file) {
            String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".html") || n.endsWith(".htm") ? HTML : n.endsWith(".md") ? MARKDOWN : null;
        }
    }

    /** Where the tables came from, for the page's header. */
    record Sources(String real, String synthetic, String holdout) {
    }

    private record Picture(String title, Figure figure) {
    }

    private static final int WORST_PAIRS = 15;

    private final QualityReport report;
    private final Sources sources;
    private final int realRows;
    private final int syntheticRows;
    private final List<Picture> pictures = new ArrayList<>();
    private final Picture correlations; // null with fewer than two number columns

    QualityPage(QualityReport report, QualityOptions options, CsvReader.TextRecords real, CsvReader.TextRecords synthetic,
                Sources sources) {
        this.report = report;
        this.sources = sources;
        this.realRows = real.rows().size();
        this.syntheticRows = synthetic.rows().size();
        List<String> numerical = new ArrayList<>();
        for (Map.Entry<String, String> e : report.columnTypes().entrySet()) {
            String c = e.getKey();
            if (e.getValue().equals("numerical")) {
                numerical.add(c);
                pictures.add(new Picture(c, QualityFigures.histogram(c, QualityReport.numbers(real, c, options),
                        QualityReport.numbers(synthetic, c, options))));
            } else {
                pictures.add(new Picture(c, QualityFigures.bars(c, QualityReport.labels(real, c, options),
                        QualityReport.labels(synthetic, c, options))));
            }
        }
        correlations = numerical.size() < 2 ? null : new Picture("correlations", QualityFigures.correlations(numerical,
                QualityReport.correlations(real, numerical, options), QualityReport.correlations(synthetic, numerical, options)));
    }

    void write(Path file, Format format) throws IOException {
        if (format == Format.HTML) {
            AtomicFiles.writeString(file, html());
            return;
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        List<Picture> all = new ArrayList<>(pictures);
        if (correlations != null) {
            all.add(correlations);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            String name = stem + "-" + (k + 1) + "-" + all.get(k).title().replaceAll("[^A-Za-z0-9_.-]+", "_") + ".png";
            all.get(k).figure().writePng(file.resolveSibling(name));
            names.add(name);
        }
        AtomicFiles.writeString(file, markdown(names));
    }

    private List<String[]> scoreRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"overall score", f(report.overallScore()), "mean of the next two"});
        rows.add(new String[] {"column shapes", f(report.columnShapesScore()), "mean over columns"});
        rows.add(new String[] {"column pair trends", f(report.columnPairTrendsScore()), "mean over column pairs"});
        rows.add(new String[] {"detection", f(report.detectionScore()), "1 = a classifier cannot tell synthetic rows from real ones"});
        rows.add(new String[] {"DCR baseline protection", f(report.dcrBaselineProtection()),
            "1 = synthetic rows are as far from real rows as random rows are"});
        if (report.dcrOverfittingProtection() != null) {
            rows.add(new String[] {"DCR overfitting protection", f(report.dcrOverfittingProtection()),
                "1 = synthetic rows are no closer to training rows than to holdout rows"});
        }
        return rows;
    }

    private List<String[]> columnRows() {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : report.columnTypes().entrySet()) {
            Double m = report.missingValueSimilarity().get(e.getKey());
            rows.add(new String[] {e.getKey(), e.getValue(), f(report.columnShapes().get(e.getKey())), m == null ? "" : f(m)});
        }
        return rows;
    }

    private List<String[]> pairRows() {
        List<Map.Entry<String, Double>> pairs = new ArrayList<>(report.columnPairTrends().entrySet());
        pairs.sort(Comparator.comparingDouble(e -> Double.isNaN(e.getValue()) ? 2 : e.getValue()));
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : pairs.subList(0, Math.min(WORST_PAIRS, pairs.size()))) {
            rows.add(new String[] {e.getKey().replace("|", " / "), f(e.getValue())});
        }
        return rows;
    }

    private String intro() {
        return "Real: " + sources.real() + " (" + realRows + " rows). Synthetic: " + sources.synthetic() + " (" + syntheticRows
                + " rows)." + (sources.holdout() == null ? "" : " Holdout: " + sources.holdout() + ".")
                + " Every score lies in [0, 1]; higher means more alike.";
    }

    String html() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Synthetic data quality</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em auto;max-width:1300px;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:4px 12px;text-align:left}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}.grid{display:flex;flex-wrap:wrap;gap:8px}")
                .append("img{border:1px solid #eee}\n</style></head><body>\n<h1>Synthetic data quality</h1>\n<p>")
                .append(esc(intro())).append("</p>\n<h2>Scores</h2>\n");
        htmlTable(b, new String[] {"score", "value", "meaning"}, scoreRows(), 1);
        b.append("<h2>Columns</h2>\n");
        htmlTable(b, new String[] {"column", "type", "shape", "missing values"}, columnRows(), 2);
        b.append("<div class=\"grid\">\n");
        for (Picture p : pictures) {
            b.append(img(p)).append('\n');
        }
        b.append("</div>\n");
        if (correlations != null) {
            b.append("<h2>Correlations of the number columns</h2>\n").append(img(correlations)).append('\n');
        }
        b.append("<h2>Column pairs, least alike first</h2>\n");
        htmlTable(b, new String[] {"pair", "trend"}, pairRows(), 1);
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String img(Picture p) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(p.figure().toImage(), "png", png);
        return "<img alt=\"" + esc(p.title()) + "\" width=\"" + p.figure().width() + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png.toByteArray()) + "\">";
    }

    private static void htmlTable(StringBuilder b, String[] head, List<String[]> rows, int numberFrom) {
        b.append("<table><tr>");
        for (String h : head) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr>\n");
        for (String[] r : rows) {
            b.append("<tr>");
            for (int k = 0; k < r.length; k++) {
                boolean number = k >= numberFrom && (k < numberFrom + 2) && !r[k].isEmpty() && Character.isDigit(r[k].charAt(r[k].length() - 1));
                b.append(number ? "<td class=\"n\">" : "<td>").append(esc(r[k])).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    String markdown(List<String> pictureFiles) {
        StringBuilder b = new StringBuilder("# Synthetic data quality\n\n").append(intro()).append("\n\n## Scores\n\n");
        mdTable(b, new String[] {"score", "value", "meaning"}, scoreRows());
        b.append("\n## Columns\n\n");
        mdTable(b, new String[] {"column", "type", "shape", "missing values"}, columnRows());
        b.append('\n');
        for (int k = 0; k < pictureFiles.size(); k++) {
            String title = k < pictures.size() ? pictures.get(k).title() : "correlations of the number columns";
            b.append("![").append(title.replace("]", "")).append("](").append(pictureFiles.get(k)).append(")\n");
        }
        b.append("\n## Column pairs, least alike first\n\n");
        mdTable(b, new String[] {"pair", "trend"}, pairRows());
        return b.toString();
    }

    private static void mdTable(StringBuilder b, String[] head, List<String[]> rows) {
        b.append("| ").append(String.join(" | ", head)).append(" |\n|");
        b.append("---|".repeat(head.length)).append('\n');
        for (String[] r : rows) {
            b.append("| ").append(String.join(" | ", java.util.Arrays.stream(r).map(s -> s.replace("|", "\\|")).toList())).append(" |\n");
        }
    }

    private static String f(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
