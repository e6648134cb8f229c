package io.github.dde4j.plots;

import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.progress.TrainingHistory;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves from a {@link TrainingHistory} (or any list of {@link TrainingEvent}s): one
 * panel for the minibatch loss, one for the noise level sigma, and one per evaluation metric
 * ({@code kl}, {@code mmd2}, ...), each with one line per phase ({@code dde}, {@code dde-q},
 * {@code generator}, ...).
 *
 * <p>Minibatch losses are noisy, so each phase's loss is drawn twice: the raw values as a faint
 * line and a centred moving average (window about 1/50 of the run) in full colour. Axes are
 * logarithmic where every value is positive and the values span more than a factor of 20 (loss,
 * sigma, MMD^2); a phase whose loss can be negative (the generator's f_q - f_p) gets its own
 * linear panel so that its scale does not flatten the others.
 */
public final class TrainingCurves {

    private TrainingCurves() {
    }

    /**
     * The curves of everything {@code history} recorded, in a grid of 480 x 300 panels.
     *
     * @param history the recorded events
     * @return the figure
     */
    public static Figure of(TrainingHistory history) {
        return of(history.events(), "Training curves", 480, 300);
    }

    /**
     * The curves of {@code events} in panels of {@code panelWidth x panelHeight} pixels, two per row.
     *
     * @param events      the events, in order
     * @param title       the title (null for none)
     * @param panelWidth  width of one panel in pixels
     * @param panelHeight height of one panel in pixels
     * @return the figure
     * @throws IllegalArgumentException if there are no step or evaluation events
     */
    public static Figure of(List<TrainingEvent> events, String title, int panelWidth, int panelHeight) {
        Objects.requireNonNull(events, "events");
        if (panelWidth < 150 || panelHeight < 120) {
            throw new IllegalArgumentException("panels must be at least 150 x 120, got " + panelWidth + " x " + panelHeight);
        }
        Map<String, List<TrainingEvent.Step>> steps = new LinkedHashMap<>();
        Map<String, List<TrainingEvent.Evaluation>> evals = new LinkedHashMap<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.Step s) {
                steps.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s);
            } else if (e instanceof TrainingEvent.Evaluation ev && !ev.metrics().containsKey("best_step")) {
                // (an event with best_step repeats an earlier check's figures: the generator a run returned)
                evals.computeIfAbsent(ev.phase(), k -> new ArrayList<>()).add(ev);
                // a run's floor is one number, not a curve
                ev.metrics().keySet().stream().filter(k -> !k.equals("energy_floor")).sorted().forEach(metrics::add);
            }
        }
        if (steps.isEmpty() && evals.isEmpty()) {
            throw new IllegalArgumentException("no training steps or evaluations to plot");
        }
        List<String> phases = new ArrayList<>(steps.keySet());
        for (String p : evals.keySet()) {
            if (!phases.contains(p)) {
                phases.add(p);
            }
        }
        List<Figure> panels = new ArrayList<>();

        // Loss: phases with positive losses share a log panel; the others get a linear one each.
        List<String> positive = new ArrayList<>();
        List<String> signed = new ArrayList<>();
        for (var en : steps.entrySet()) {
            boolean allPos = en.getValue().stream().allMatch(s -> s.loss() > 0 && Double.isFinite(s.loss()));
            (allPos ? positive : signed).add(en.getKey());
        }
        if (!positive.isEmpty()) {
            XYChart c = XCharts.xy(positive.size() == 1 ? "Loss: " + positive.get(0) : "Loss", "step",
                    "minibatch loss", panelWidth, panelHeight);
            for (String p : positive) {
                addLoss(c, p, steps.get(p), phases.indexOf(p));
            }
            logIfWide(c, steps, positive, TrainingEvent.Step::loss);
            panels.add(Figures.of(c));
        }
        for (String p : signed) {
            XYChart c = XCharts.xy("Loss: " + p, "step", "minibatch loss", panelWidth, panelHeight);
            addLoss(c, p, steps.get(p), phases.indexOf(p));
            panels.add(Figures.of(c));
        }

        // Noise level: a panel only when it changes; a constant sigma goes into the loss titles.
        List<String> withSigma = new ArrayList<>();
        double firstSigma = Double.NaN;
        boolean constant = true;
        for (var en : steps.entrySet()) {
            for (TrainingEvent.Step s : en.getValue()) {
                if (s.sigma() > 0) {
                    if (!withSigma.contains(en.getKey())) {
                        withSigma.add(en.getKey());
                    }
                    if (Double.isNaN(firstSigma)) {
                        firstSigma = s.sigma();
                    } else if (s.sigma() != firstSigma) {
                        constant = false;
                    }
                }
            }
        }
        if (!withSigma.isEmpty() && constant) {
            String note = String.format(java.util.Locale.ROOT, " (sigma %.3g)", firstSigma);
            for (Figure f : panels) {
                if (f instanceof Figures.ChartFigure xf && xf.chart.getTitle().startsWith("Loss")) {
                    xf.chart.setTitle(xf.chart.getTitle() + note);
                }
            }
        }
        if (!withSigma.isEmpty() && !constant) {
            XYChart c = XCharts.xy("Noise level", "step", "sigma (standardised units)", panelWidth, panelHeight);
            // Phases usually share one schedule: draw it once, named after all of them.
            Map<List<Double>, List<String>> schedules = new LinkedHashMap<>();
            Map<List<Double>, List<double[]>> points = new LinkedHashMap<>();
            for (String p : withSigma) {
                List<double[]> xy = new ArrayList<>();
                List<Double> key = new ArrayList<>();
                for (TrainingEvent.Step s : steps.get(p)) {
                    if (s.sigma() > 0) {
                        xy.add(new double[] {s.step(), s.sigma()});
                        key.add((double) s.step());
                        key.add(s.sigma());
                    }
                }
                schedules.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
                points.putIfAbsent(key, xy);
            }
            for (var en : schedules.entrySet()) {
                String first = en.getValue().get(0);
                line(c, String.join(", ", en.getValue()), points.get(en.getKey()), phases.indexOf(first), 2f, 1.0, true);
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (String p : withSigma) {
                for (TrainingEvent.Step s : steps.get(p)) {
                    if (s.sigma() > 0) {
                        lo = Math.min(lo, s.sigma());
                        hi = Math.max(hi, s.sigma());
                    }
                }
            }
            if (hi / lo > 3) {
                XCharts.logY(c, lo, hi);
            }
            panels.add(Figures.of(c));
        }

        // One panel per evaluation metric.
        for (String m : metrics) {
            XYChart c = XCharts.xy(metricTitle(m), "step", m, panelWidth, panelHeight);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (var en : evals.entrySet()) {
                List<double[]> xy = new ArrayList<>();
                for (TrainingEvent.Evaluation ev : en.getValue()) {
                    Double v = ev.metrics().get(m);
                    if (v != null && Double.isFinite(v)) {
                        xy.add(new double[] {ev.step(), v});
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                if (!xy.isEmpty()) {
                    line(c, en.getKey(), xy, phases.indexOf(en.getKey()), 2f, 1.0, true);
                }
            }
            if (c.getSeriesMap().isEmpty()) {
                continue;
            }
            // A constant noise level or learning rate reported with the checks carries no curve.
            if (lo == hi && (m.equals("sigma") || m.equals("lr") || m.equals("learning_rate"))) {
                continue;
            }
            if (lo > 0 && hi / lo > 20) {
                XCharts.logY(c, lo, hi);
            }
            panels.add(Figures.of(c));
        }
        return Figures.grid(title, panels.size() == 1 ? 1 : 2, panels);
    }

    private static String metricTitle(String m) {
        return switch (m) {
            case "kl" -> "KL estimate";
            case "mmd2" -> "MMD^2, generated vs data";
            case "energy" -> "Energy distance";
            case "val_loss" -> "Validation loss";
            default -> m;
        };
    }

    private static void addLoss(XYChart c, String phase, List<TrainingEvent.Step> s, int colour) {
        List<double[]> raw = new ArrayList<>();
        for (TrainingEvent.Step e : s) {
            if (Double.isFinite(e.loss())) {
                raw.add(new double[] {e.step(), e.loss()});
            }
        }
        if (raw.isEmpty()) {
            return;
        }
        line(c, phase + " (raw)", raw, colour, 0.8f, 0.25, false);
        line(c, phase, movingAverage(raw, Math.max(1, raw.size() / 50)), colour, 2f, 1.0, true);
    }

    private static void logIfWide(XYChart c, Map<String, List<TrainingEvent.Step>> steps, List<String> phases,
                                  java.util.function.ToDoubleFunction<TrainingEvent.Step> f) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (String p : phases) {
            for (TrainingEvent.Step s : steps.get(p)) {
                double v = f.applyAsDouble(s);
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi / lo > 20) {
            XCharts.logY(c, lo, hi);
        }
    }

    /** A centred moving average over {@code 2 * half + 1} points (shorter at the ends). */
    static List<double[]> movingAverage(List<double[]> xy, int half) {
        int n = xy.size();
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + xy.get(i)[1];
        }
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - half);
            int b = Math.min(n, i + half + 1);
            out.add(new double[] {xy.get(i)[0], (prefix[b] - prefix[a]) / (b - a)});
        }
        return out;
    }

    private static void line(XYChart c, String name, List<double[]> xy, int colour, float width, double alpha,
                             boolean legend) {
        // Thin long runs to at most ~1500 points: the picture is the same, the SVG far smaller.
        int stride = Math.max(1, xy.size() / 1500);
        int m = (xy.size() + stride - 1) / stride;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0, k = 0; i < xy.size(); i += stride, k++) {
            x[k] = xy.get(i)[0];
            y[k] = xy.get(i)[1];
        }
        XCharts.stepAxis(c);
        if (!c.getSeriesMap().containsKey(" ")) {
            // XChart puts ticks at multiples of the data spacing when all x values are equally
            // spaced (steps 1, 2, 3...: ticks at 134, 268...). A hidden series with one off-grid
            // x value restores its ordinary "nice" ticks.
            XYSeries h = c.addSeries(" ", new double[] {0.5, x[m - 1]}, new double[] {y[0], y[0]});
            h.setMarker(SeriesMarkers.NONE);
            h.setLineColor(new Color(0, 0, 0, 0));
            h.setShowInLegend(false);
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(xy.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        Color col = Style.palette(colour);
        s.setLineColor(Style.alpha(col, alpha));
        s.setMarkerColor(col);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        s.setShowInLegend(legend);
    }
}
