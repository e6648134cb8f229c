package io.github.dde4j.cli;

import io.github.dde4j.core.progress.TrainingEvent;
import io.github.dde4j.core.progress.TrainingListener;
import java.util.Locale;
import java.util.Map;

/**
 * Listens to one training phase and says in one line how it ended: converged (at which step, with
 * which figures), ran through its whole schedule, or ran out of the time budget, and what to do then.
 */
final class ConvergenceReport implements TrainingListener {

    private final String phase;
    private Map<String, Double> lastMetrics = Map.of();
    private TrainingEvent.Finished finished;
    private long lastStep;

    ConvergenceReport(String phase) {
        this.phase = phase;
    }

    @Override
    public void onEvent(TrainingEvent e) {
        if (!phase.equals(e.phase())) {
            return;
        }
        if (e instanceof TrainingEvent.Evaluation ev) {
            lastMetrics = ev.metrics();
        } else if (e instanceof TrainingEvent.Step s) {
            lastStep = s.step();
        } else if (e instanceof TrainingEvent.Finished f) {
            finished = f;
        }
    }

    /** Whether the phase stopped because its convergence measure stopped improving. */
    boolean converged() {
        return finished != null && (finished.reason() == TrainingEvent.StopReason.PLATEAU
                || finished.reason() == TrainingEvent.StopReason.TARGET_REACHED);
    }

    /** The stop reason in the model file's words ("converged", "completed", "budget", ...). */
    String outcome() {
        if (finished == null) {
            return "unknown";
        }
        return switch (finished.reason()) {
            case PLATEAU, TARGET_REACHED -> "converged";
            case COMPLETED -> "completed";
            case BUDGET -> "budget";
            case CANCELLED -> "cancelled";
            case DIVERGED -> "diverged";
        };
    }

    /**
     * One line: {@code label: converged at step N (figures), T s}, or what stopped it and what to do.
     *
     * @param label   "DDE" or "generator"
     * @param seconds the phase's wall time
     * @param figures the figures to print, keyed by metric name, with their labels
     * @param advice  what to do when the phase did not converge
     */
    String line(String label, double seconds, Map<String, String> figures, String advice) {
        StringBuilder f = new StringBuilder();
        figures.forEach((key, name) -> {
            Double v = lastMetrics.get(key);
            if (v != null && Double.isFinite(v)) {
                f.append(f.length() == 0 ? "" : ", ").append(name).append(' ').append(format(v));
            }
        });
        String figs = f.length() == 0 ? "" : " (" + f + ")";
        long step = finished != null ? finished.step() : lastStep;
        String time = String.format(Locale.ROOT, ", %.1f s", seconds);
        return switch (outcome()) {
            case "converged" -> label + ": converged at step " + step + figs + time;
            case "completed" -> label + ": ran its whole schedule of " + step + " steps, still improving at the end"
                    + figs + time + (advice.isEmpty() ? "" : "; " + advice);
            case "budget" -> label + ": out of time budget at step " + step + ", before converging" + figs + time
                    + "; " + advice;
            default -> label + ": stopped at step " + step + " (" + outcome() + ")" + figs + time;
        };
    }

    private static String format(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
