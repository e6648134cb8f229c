package io.github.dde4j.core.data;

import java.io.IOException;

/**
 * Receives generated rows batch by batch, so that samplers can stream any number of rows (more
 * than fit in memory) to a file or socket. Batches are {@code rows x d}; the sink must not keep a
 * reference to the array after returning (the producer may reuse it).
 */
@FunctionalInterface
public interface RowSink {

    /** Consumes {@code count} rows: {@code rows[0 .. count-1]}, each of length d. */
    void accept(double[][] rows, int count) throws IOException;
}
