package io.github.dde4j.cli;

import io.github.dde4j.core.data.RowSink;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for {@code dde4j sample}: rows written of the total, rows per second
 * and elapsed time, redrawn at most ten times a second on standard error. Like the training bar
 * ({@link io.github.dde4j.core.progress.ConsoleProgressBar#forTerminal()}) it is off when standard
 * error is not a terminal, with {@code --quiet}, or when {@code DDE4J_NO_PROGRESS} is set; it
 * also stays silent for the first second, so short jobs print nothing.
 */
final class RowProgress implements RowSink {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long QUIET_START_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final RowSink downstream;
    private final long total;
    private final PrintStream out;
    private final long quietStartNanos;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private boolean lineOpen;

    RowProgress(RowSink downstream, long total, PrintStream out, long quietStartNanos) {
        this.downstream = downstream;
        this.total = total;
        this.out = out;
        this.quietStartNanos = quietStartNanos;
    }

    /** A bar around {@code downstream} on a terminal unless {@code quiet}; else {@code downstream} itself. */
    static RowSink wrap(RowSink downstream, long total, boolean quiet) {
        if (quiet || System.console() == null || System.getenv("DDE4J_NO_PROGRESS") != null) {
            return downstream;
        }
        return new RowProgress(downstream, total, System.err, QUIET_START_NANOS);
    }

    @Override
    public void accept(double[][] rows, int count) throws IOException {
        downstream.accept(rows, count);
        done += count;
        long now = System.nanoTime();
        if (now - start >= quietStartNanos && (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS)) {
            lastDraw = now;
            draw(now);
        }
    }

    /** Draws the final state (when a bar was shown) and ends its line. */
    void finish() {
        if (lineOpen) {
            draw(System.nanoTime());
            out.println();
            out.flush();
            lineOpen = false;
        }
    }

    private void draw(long now) {
        double frac = total > 0 ? Math.min(1.0, (double) done / total) : 1;
        int filled = (int) Math.round(frac * WIDTH);
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : '-');
        }
        double seconds = (now - start) / 1e9;
        out.printf(Locale.ROOT, "\r%-10s [%s] %d/%d rows %.3g rows/s %.1f s ", "sample", bar, done, total,
                seconds > 0 ? done / seconds : 0.0, seconds);
        out.flush();
        lineOpen = true;
    }
}
