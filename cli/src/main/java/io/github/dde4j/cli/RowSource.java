package io.github.dde4j.cli;

import io.github.dde4j.core.data.RowSink;

import java.io.IOException;
import java.util.List;

/** Something {@code sample} can draw rows from: a generator, Langevin sampling on a DDE, ... */
interface RowSource {

    /** Names of the columns of the rows produced. */
    List<String> columns();

    /** A short description for reports. */
    String description();

    /**
     * Streams {@code n} rows to {@code sink} in batches of at most {@code batch} rows. The rows are a
     * deterministic function of {@code seed} and {@code n} (and the batch size).
     */
    void stream(long n, long seed, int batch, RowSink sink) throws IOException;

    /**
     * Rows {@code [firstRow, firstRow + n)} of the rows {@link #stream(long, long, int, RowSink)}
     * gives for {@code seed}: the model sources draw in blocks of 1,024 rows, block b from its own
     * random stream {@code RandomSources.stream(seed, b)}, so a part of a sample can be drawn on its
     * own (the spark module's partitions). {@code firstRow} is a multiple of 1,024; sources that
     * cannot start elsewhere than row 0 refuse other starts.
     */
    default void stream(long firstRow, long n, long seed, int batch, RowSink sink) throws IOException {
        if (firstRow != 0) {
            throw new UnsupportedOperationException(description() + " streams from row 0 only");
        }
        stream(n, seed, batch, sink);
    }
}
