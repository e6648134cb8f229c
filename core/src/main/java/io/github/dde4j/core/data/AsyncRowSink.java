package io.github.dde4j.core.data;


import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands batches to another sink on a second thread, so that producing rows (a network's forward
 * pass) and formatting them (CSV text) run on two cores at once. Batches are copied into one of
 * a few recycled buffers, so memory stays bounded and the producer may reuse its arrays as the
 * {@link RowSink} contract allows. Order is preserved. A failure of the downstream sink is
 * rethrown to the producer on its next {@link #accept} or on {@link #close()}.
 */
public final class AsyncRowSink implements RowSink, AutoCloseable {

    private static final int BUFFERS = 3;

    private static final class Chunk {
        double[][] rows;
        int count;
    }

    private static final Chunk END = new Chunk();

    private final RowSink downstream;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread worker;
    private volatile Throwable failure;
    private boolean closed;
    private boolean reported;

    /** Starts the writer thread that hands batches to {@code downstream}. */
    public AsyncRowSink(RowSink downstream) {
        this.downstream = downstream;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Chunk());
        }
        worker = new Thread(this::drain, "dde4j-writer");
        worker.setDaemon(true);
        worker.start();
    }

    private void drain() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) {
                    return;
                }
                if (failure == null) {
                    downstream.accept(c.rows, c.count);
                }
                free.put(c);
            }
        } catch (Throwable t) {
            failure = t;
            // keep the producer from blocking forever on a free buffer
            free.offer(new Chunk());
            drainAfterFailure();
        }
    }

    private void drainAfterFailure() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) {
                    return;
                }
                free.offer(c);
            }
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void accept(double[][] rows, int count) throws IOException {
        rethrow();
        Chunk c;
        try {
            c = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing rows");
        }
        rethrow();
        if (c.rows == null || c.rows.length < count || (count > 0 && c.rows[0].length != rows[0].length)) {
            c.rows = new double[Math.max(count, 1)][count > 0 ? rows[0].length : 0];
        }
        for (int i = 0; i < count; i++) {
            System.arraycopy(rows[i], 0, c.rows[i], 0, rows[i].length);
        }
        c.count = count;
        try {
            full.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing rows");
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t != null && !reported) {
            reported = true; // thrown once: try-with-resources would otherwise suppress it into itself
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IOException(t);
        }
    }

    /** Waits until every batch has been written, then rethrows a downstream failure if any. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            full.put(END);
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the output");
        }
        rethrow();
    }
}
