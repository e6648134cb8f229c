package io.github.dde4j.core.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal: phase, bar, step, loss, sigma, rate. It redraws at most
 * ten times a second. {@link #forTerminal()} gives a silent listener when standard error is not a
 * terminal or the environment variable {@code DDE4J_NO_PROGRESS} is set, so logs and CI output
 * stay clean.
 */
public final class ConsoleProgressBar implements TrainingListener {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;
    private final PrintStream out;
    private long lastDraw = Long.MIN_VALUE;
    private boolean lineOpen;

    public ConsoleProgressBar(PrintStream out) {
        this.out = out;
    }

    /** A bar on standard error when it is an interactive terminal, otherwise a silent listener. */
    public static TrainingListener forTerminal() {
        if (System.console() == null || System.getenv("DDE4J_NO_PROGRESS") != null) {
            return TrainingListener.none();
        }
        return new ConsoleProgressBar(System.err);
    }

    @Override
    public synchronized void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Step s) {
            long now = System.nanoTime();
            boolean last = s.step() >= s.totalSteps();
            if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            draw(s);
        } else if (event instanceof TrainingEvent.Evaluation e) {
            endLine();
            out.printf(Locale.ROOT, "%s step %d: %s%n", e.phase(), e.step(), format(e));
        } else if (event instanceof TrainingEvent.Finished f) {
            endLine();
            out.printf(Locale.ROOT, "%s: %s at step %d (%.1f s)%n", f.phase(),
                    f.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.step(), f.elapsedNanos() / 1e9);
        }
    }

    private void draw(TrainingEvent.Step s) {
        double frac = s.totalSteps() > 0 ? Math.min(1.0, (double) s.step() / s.totalSteps()) : 0;
        int filled = (int) Math.round(frac * WIDTH);
        double seconds = s.elapsedNanos() / 1e9;
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : '-');
        }
        String sigma = Double.isNaN(s.sigma()) ? "" : String.format(Locale.ROOT, " sigma %.3g", s.sigma());
        out.printf(Locale.ROOT, "\r%-10s [%s] %d/%d loss %.4g%s %.1f s ", s.phase(), bar, s.step(), s.totalSteps(),
                s.loss(), sigma, seconds);
        out.flush();
        lineOpen = true;
    }

    private static String format(TrainingEvent.Evaluation e) {
        StringBuilder b = new StringBuilder();
        e.metrics().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(m -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(m.getKey()).append(' ').append(String.format(Locale.ROOT, "%.4g", m.getValue()));
        });
        return b.toString();
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}
