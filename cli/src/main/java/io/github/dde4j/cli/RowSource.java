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

    /** The {@code n} rows {@link #stream(long, long, int, RowSink)} gives for {@code seed}, in memory. */
    default double[][] draw(int n, long seed) throws IOException {
        double[][] rows = new double[n][];
        int[] filled = {0};
        stream(n, seed, 4096, (batch, count) -> {
            for (int i = 0; i < count; i++) {
                rows[filled[0]++] = batch[i].clone();
            }
        });
        return rows;
    }

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

    /** How a source streams its rows from row 0: {@link #stream(long, long, int, RowSink)}. */
    @FunctionalInterface
    interface Rows {
        void stream(long n, long seed, int batch, RowSink sink) throws IOException;
    }

    /** How a source streams its rows from any block's first row: {@link #stream(long, long, long, int, RowSink)}. */
    @FunctionalInterface
    interface Blocks {
        void stream(long firstRow, long n, long seed, int batch, RowSink sink) throws IOException;
    }

    /** A source that streams from row 0 only. */
    record FromStart(List<String> columns, String description, Rows rows) implements RowSource {
        @Override
        public void stream(long n, long seed, int batch, RowSink sink) throws IOException {
            rows.stream(n, seed, batch, sink);
        }
    }

    /** A source that can start at any block's first row (a part of a sample drawn on its own). */
    record Blockwise(List<String> columns, String description, Blocks blocks) implements RowSource {
        @Override
        public void stream(long n, long seed, int batch, RowSink sink) throws IOException {
            blocks.stream(0, n, seed, batch, sink);
        }

        @Override
        public void stream(long firstRow, long n, long seed, int batch, RowSink sink) throws IOException {
            blocks.stream(firstRow, n, seed, batch, sink);
        }
    }
}
