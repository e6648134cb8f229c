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
}
