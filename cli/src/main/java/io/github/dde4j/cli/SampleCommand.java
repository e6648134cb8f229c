package io.github.dde4j.cli;

import io.github.dde4j.core.data.AsyncRowSink;
import io.github.dde4j.core.data.CsvWriter;
import io.github.dde4j.core.data.RowSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;

/**
 * {@code dde4j sample}: draws rows from a model file to CSV, streamed in batches, so the number of
 * rows is limited by disk, not memory. Generation and CSV formatting run on two threads.
 */
@Command(name = "sample", description = {"Draw rows from a model (its generator, or Langevin sampling "
        + "on its DDE when it has none) to a CSV file or standard output, with a header row.",
        "A typed table's model writes the training table's header, column order and formats (--digits does not apply).",
        "The same seed gives the same rows."})
final class SampleCommand extends Subcommand {

    @Mixin
    ModelOption model;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of rows to draw.")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "F.csv", description = "Output CSV file, or - for standard output.")
    String out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8192", description = "Rows generated per batch (default ${DEFAULT-VALUE}).")
    int batch;

    /** Significant digits of the numbers written unless --digits says otherwise. */
    static final String DEFAULT_DIGITS = "7";

    @Option(names = "--digits", paramLabel = "K", defaultValue = DEFAULT_DIGITS,
            description = "Significant digits per value, 1..17, or 0 for the shortest exact form (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--langevin-steps", paramLabel = "S", description = "Langevin steps per sample when the model has no generator.")
    Integer langevinSteps;

    @Option(names = "--refine", paramLabel = "K", defaultValue = "0",
            description = "Move each generated row by K Metropolis-adjusted Langevin steps on the model's DDE (sharper"
                    + " modes, fewer rows between them; about K DDE passes per row). Default ${DEFAULT-VALUE}.")
    int refine;

    @Option(names = "--no-generator", description = "Sample with Langevin dynamics on the DDE even if the model has a generator.")
    boolean noGenerator;

    @Override
    public Integer call() throws Exception {
        UserException.requireAtLeast("--rows", rows, 0);
        UserException.requireAtLeast("--batch", batch, 1);
        requireDigits(digits);
        Inputs.requireFile(model.path);
        Outputs.check("--out", out, model.path);
        Models.Loaded loaded = Models.load(model.path);
        RowSource source = loaded.rowSource(langevinSteps, noGenerator, common, refine);
        if (loaded.encoder() != null) {
            // a typed table's model: rows decoded to the training table's header, column order and formats
            writeData(out, o -> Tables.writeSample(loaded.encoder(), source, rows, seed, batch, o, common.quiet));
        } else {
            writeCsv(out, digits, w -> {
                w.writeHeader(source.columns());
                writeRows(source, rows, seed, batch, w, common.quiet);
            });
        }
        if (!isStandardOutput(out)) {
            say("wrote %d rows to %s%n", rows, out);
        }
        return 0;
    }

    /** Streams {@code n} rows of {@code source} to {@code writer}, formatting on a second thread. */
    static void writeRows(RowSource source, long n, long seed, int batch, CsvWriter writer) throws IOException {
        writeRows(source, n, seed, batch, writer, true);
    }

    /**
     * As {@link #writeRows(RowSource, long, long, int, CsvWriter)}, with a progress bar of the rows
     * written (on the writer's thread) on a terminal unless {@code quiet}.
     */
    static void writeRows(RowSource source, long n, long seed, int batch, RowSink writer, boolean quiet) throws IOException {
        RowSink sink = RowProgress.wrap(writer, n, quiet);
        try {
            try (AsyncRowSink async = new AsyncRowSink(sink)) {
                source.stream(n, seed, batch, async);
            }
        } finally {
            if (sink instanceof RowProgress p) {
                p.finish();
            }
        }
    }
}
