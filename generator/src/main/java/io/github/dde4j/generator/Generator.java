package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.Sampler;
import io.github.dde4j.core.data.RowSink;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.generator.nn.GeneratorNetwork;
import io.github.dde4j.generator.nn.MlpGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained generator: x = T^-1(g(z)), z ~ N(0, I_k), where g is the network (in the trainer's
 * working units) and T^-1 the inverse standardisation back to the caller's units. Immutable and
 * safe to share between threads.
 *
 * <p><b>Reproducible streams.</b> Latents are drawn in blocks of {@link #BLOCK} rows; block b of
 * seed s uses its own generator {@code RandomSources.stream(s, b)}. So the rows for a seed do not
 * depend on the batch size used to stream them, {@code sample(n, s)} is a prefix of
 * {@code sample(n + m, s)}, and blocks can be drawn in parallel. The network maps each row
 * independently; the values are equal to the last bit for any batch size on this machine's BLAS
 * in float64, and within float32 rounding of the matrix products otherwise (tested).
 *
 * <p><b>Speed.</b> An {@link MlpGenerator} is sampled through its {@link MlpGenerator#inference
 * inference workspace} (BLAS products into preallocated Java arrays, fused activation loops), one
 * block at a time, the blocks shared out over the cores; the latent draws, the forward pass and
 * the inverse standardisation of a block run back to back on one thread while its buffers are
 * in cache. Other networks go through their INDArray {@code forward}.
 */
public final class Generator implements Sampler {

    /** Latent rows per random stream block. */
    public static final int BLOCK = 1024;
    /** Default rows per streamed batch. */
    public static final int DEFAULT_BATCH = 64 * BLOCK;

    private final GeneratorNetwork network;
    private final Standardizer standardizer;
    private final GeneratorConfig config;
    private final Map<String, Object> provenance;
    private final Dde dataDde;

    /**
     * @param network      g in working units
     * @param standardizer maps caller units to working units (its inverse is applied to samples)
     * @param config       the training configuration (may be null for a hand-built generator)
     * @param provenance   JSON-friendly facts about the run (copied)
     * @param dataDde      the data DDE f_p to embed in model files, or null
     */
    public Generator(GeneratorNetwork network, Standardizer standardizer, GeneratorConfig config,
                     Map<String, Object> provenance, Dde dataDde) {
        this.network = Objects.requireNonNull(network, "network");
        this.standardizer = standardizer == null ? Standardizer.identity(network.dimension()) : standardizer;
        if (this.standardizer.dimension() != network.dimension()) {
            throw new IllegalArgumentException("standardizer has dimension " + this.standardizer.dimension()
                    + ", network " + network.dimension());
        }
        this.config = config;
        this.provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        this.dataDde = dataDde;
    }

    /** The output dimension d. */
    @Override
    public int dimension() {
        return network.dimension();
    }

    /** The latent dimension k. */
    public int latentDimension() {
        return network.latentDimension();
    }

    /** The network g (working units). */
    public GeneratorNetwork network() {
        return network;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** The training configuration, if known. */
    public Optional<GeneratorConfig> config() {
        return Optional.ofNullable(config);
    }

    /** Facts about the training run (steps, stop reason, final metrics, target). */
    public Map<String, Object> provenance() {
        return provenance;
    }

    /** The embedded data DDE f_p, if the generator was trained against one. */
    public Optional<Dde> dataDde() {
        return Optional.ofNullable(dataDde);
    }

    /** The same generator with a data DDE attached (for single-file models). */
    public Generator withDataDde(Dde dde) {
        return new Generator(network, standardizer, config, provenance, dde);
    }

    /** n rows in the caller's units from the stream of {@code seed}. */
    @Override
    public double[][] sample(int n, long seed) {
        Checks.requireAtLeast(n, 0, "n");
        if (network instanceof MlpGenerator mlp) {
            // rows are written straight into the result: no per-row copies
            double[][] out = new double[n][network.dimension()];
            Worker[] workers = workers(mlp, (n + BLOCK - 1) / BLOCK);
            for (int done = 0; done < n; done += DEFAULT_BATCH) {
                int count = Math.min(DEFAULT_BATCH, n - done);
                fill(workers, seed, done / BLOCK, count, out, done);
            }
            return out;
        }
        double[][] out = new double[n][];
        int[] filled = {0};
        try {
            sample(n, seed, (rows, count) -> {
                for (int i = 0; i < count; i++) {
                    out[filled[0]++] = rows[i].clone();
                }
            }, DEFAULT_BATCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * n rows as {@link #sample(int, long)}, each then moved by {@code refinement}'s MALA steps on the
     * embedded data DDE ({@link Refinement}); the same seed gives the same rows for any thread count.
     *
     * @throws IllegalStateException if the refinement has steps and the generator has no data DDE
     */
    public double[][] sample(int n, long seed, Refinement refinement) {
        double[][] out = sample(n, seed);
        refine(out, 0, n, seed, 0, refinement);
        return out;
    }

    /**
     * Streams n rows as {@link #sample(long, long, RowSink, int)}, refined by {@code refinement}
     * before they reach the sink (a prefix of the unrefined rows' order: row i comes from latent i).
     *
     * @throws IllegalStateException if the refinement has steps and the generator has no data DDE
     */
    public void sample(long n, long seed, RowSink sink, int batchRows, Refinement refinement) throws IOException {
        sample(0, n, seed, sink, batchRows, refinement);
    }

    /**
     * Streams rows {@code [firstRow, firstRow + n)} of the stream of {@code seed}, refined by
     * {@code refinement}: the same values as those rows of {@code sample(firstRow + n, seed, ...)},
     * since each block of {@link #BLOCK} rows draws from its own random stream. This is how a
     * distributed job draws its part of one long sample.
     *
     * @param firstRow a multiple of {@link #BLOCK}
     * @throws IllegalStateException if the refinement has steps and the generator has no data DDE
     */
    public void sample(long firstRow, long n, long seed, RowSink sink, int batchRows, Refinement refinement)
            throws IOException {
        Objects.requireNonNull(refinement, "refinement");
        if (firstRow < 0 || firstRow % BLOCK != 0) {
            throw new IllegalArgumentException("firstRow must be a non-negative multiple of " + BLOCK + ", got " + firstRow);
        }
        if (refinement.steps() == 0) {
            sampleBlocks(firstRow / BLOCK, n, seed, sink, batchRows);
            return;
        }
        requireDdeFor(refinement);
        Objects.requireNonNull(sink, "sink");
        long[] done = {0};
        // batches hold whole sampling blocks, so a batch's first row starts block done / BLOCK
        sampleBlocks(firstRow / BLOCK, n, seed, (rows, count) -> {
            refine(rows, 0, count, seed, firstRow / BLOCK + done[0] / BLOCK, refinement);
            done[0] += count;
            sink.accept(rows, count);
        }, batchRows);
    }

    private void requireDdeFor(Refinement refinement) {
        if (refinement.steps() > 0 && dataDde == null) {
            throw new IllegalStateException("refinement needs the generator's data DDE, and this generator has none"
                    + " (train it with trainOnData or trainOnDde, or attach one with withDataDde)");
        }
    }

    private void refine(double[][] rows, int offset, int count, long seed, long firstBlock, Refinement refinement) {
        Objects.requireNonNull(refinement, "refinement");
        if (refinement.steps() == 0 || count == 0) {
            return;
        }
        requireDdeFor(refinement);
        enterSingleThreadedBlas();
        try {
            new MalaRefiner(dataDde, refinement).refine(rows, offset, count, seed, firstBlock, BLOCK,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            leaveSingleThreadedBlas();
        }
    }

    /** n rows drawn with a seed taken from {@code rng}. */
    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        return sample(n, RandomSources.nextSeed(rng));
    }

    /** Streams n rows (any number) to {@code sink} in batches of {@link #DEFAULT_BATCH} rows. */
    public void sample(long n, long seed, RowSink sink) throws IOException {
        sample(n, seed, sink, DEFAULT_BATCH);
    }

    /**
     * Streams n rows in the caller's units to {@code sink} in batches of at most {@code batchRows}
     * rows (rounded up to a multiple of {@link #BLOCK}); the rows passed to the sink are reused
     * between batches. Memory is O(batchRows * (d + widest layer)) whatever n is.
     */
    public void sample(long n, long seed, RowSink sink, int batchRows) throws IOException {
        sampleBlocks(0, n, seed, sink, batchRows);
    }

    /** As {@link #sample(long, long, RowSink, int)}, the rows starting at block {@code firstBlock}. */
    private void sampleBlocks(long firstBlock0, long n, long seed, RowSink sink, int batchRows) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        Objects.requireNonNull(sink, "sink");
        Checks.requireAtLeast(batchRows, 1, "batchRows");
        int batch = (int) Math.min(((batchRows + BLOCK - 1L) / BLOCK) * BLOCK,
                ((n + BLOCK - 1) / BLOCK) * BLOCK);
        if (n == 0) {
            return;
        }
        io.github.dde4j.dde.nn.Nd4jRuntime.ensureInitialized();
        if (network instanceof MlpGenerator fast) {
            double[][] rows = new double[batch][network.dimension()];
            Worker[] workers = workers(fast, batch / BLOCK);
            long done = 0;
            while (done < n) {
                int count = (int) Math.min(batch, n - done);
                fill(workers, seed, firstBlock0 + done / BLOCK, count, rows, 0);
                sink.accept(rows, count);
                done += count;
            }
            return;
        }
        int k = network.latentDimension();
        int d = network.dimension();
        DataType dt = network.dataType();
        double[] mean = standardizer.means();
        double[] scale = standardizer.scales();
        double[][] rows = new double[batch][d];
        float[] zf = dt == DataType.FLOAT ? new float[batch * k] : null;
        double[] zd = dt == DataType.DOUBLE ? new double[batch * k] : null;
        INDArray outFull = Nd4j.create(dt, batch, d);
        MlpGenerator mlp = network instanceof MlpGenerator m ? m : null;
        long firstBlock = firstBlock0;
        long done = 0;
        while (done < n) {
            int count = (int) Math.min(batch, n - done);
            int blocks = (count + BLOCK - 1) / BLOCK;
            int rowsZ = blocks * BLOCK;
            long b0 = firstBlock;
            // each block is independent: draw them in parallel
            IntStream.range(0, blocks).parallel().forEach(b -> {
                ZigguratSampler.NormalizedGaussian g =
                        ZigguratSampler.NormalizedGaussian.of(RandomSources.stream(seed, b0 + b));
                int from = b * BLOCK * k;
                int to = from + BLOCK * k;
                if (zf != null) {
                    for (int i = from; i < to; i++) {
                        zf[i] = (float) g.sample();
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        zd[i] = g.sample();
                    }
                }
            });
            INDArray z = zf != null
                    ? Nd4j.create(rowsZ == batch ? zf : java.util.Arrays.copyOf(zf, rowsZ * k), new long[] {rowsZ, k}, 'c')
                    : Nd4j.create(rowsZ == batch ? zd : java.util.Arrays.copyOf(zd, rowsZ * k), new long[] {rowsZ, k}, 'c');
            INDArray y;
            if (mlp != null) {
                y = rowsZ == batch ? outFull : Nd4j.create(dt, rowsZ, d);
                mlp.forwardInto(z, y);
            } else {
                y = network.forward(z);
            }
            if (dt == DataType.FLOAT) {
                float[] v = y.data().asFloat();
                for (int i = 0; i < count; i++) {
                    double[] r = rows[i];
                    int o = i * d;
                    for (int j = 0; j < d; j++) {
                        r[j] = mean[j] + scale[j] * v[o + j];
                    }
                }
            } else {
                double[] v = y.data().asDouble();
                for (int i = 0; i < count; i++) {
                    double[] r = rows[i];
                    int o = i * d;
                    for (int j = 0; j < d; j++) {
                        r[j] = mean[j] + scale[j] * v[o + j];
                    }
                }
            }
            sink.accept(rows, count);
            done += count;
            firstBlock += blocks;
        }
    }

    /** One thread's buffers: a forward workspace for one block, its latents and outputs. */
    private static final class Worker {
        final MlpGenerator.Inference inference;
        final float[] zf;
        final float[] yf;
        final double[] zd;
        final double[] yd;

        Worker(MlpGenerator net) {
            inference = net.inference(BLOCK);
            boolean f32 = net.dataType() == DataType.FLOAT;
            zf = f32 ? new float[BLOCK * net.latentDimension()] : null;
            yf = f32 ? new float[BLOCK * net.dimension()] : null;
            zd = f32 ? null : new double[BLOCK * net.latentDimension()];
            yd = f32 ? null : new double[BLOCK * net.dimension()];
        }
    }

    private static Worker[] workers(MlpGenerator net, int blocks) {
        io.github.dde4j.dde.nn.Nd4jRuntime.ensureInitialized();
        int p = Math.max(1, Math.min(blocks, Runtime.getRuntime().availableProcessors()));
        Worker[] w = new Worker[p];
        for (int i = 0; i < p; i++) {
            w[i] = new Worker(net);
        }
        return w;
    }

    /**
     * Rows [0, count) of the batch starting at block {@code firstBlock} into
     * target[offset + i]: latents of block b from {@code RandomSources.stream(seed, b)} (only the
     * rows needed: a block's rows are a prefix of its stream), one forward pass per block, and
     * the inverse standardisation x = mean + scale * y in the same loop that copies the row out.
     * The blocks are handed out one at a time to one worker per core.
     */
    private void fill(Worker[] workers, long seed, long firstBlock, int count, double[][] target, int offset) {
        int blocks = (count + BLOCK - 1) / BLOCK;
        int p = Math.min(workers.length, blocks);
        enterSingleThreadedBlas();
        try {
            if (p == 1) {
                fillBlocks(workers[0], seed, firstBlock, 0, blocks, count, target, offset);
            } else {
                // workers take the next block as they finish one: on a loaded machine a contiguous
                // split waited for whichever thread had been descheduled
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
                IntStream.range(0, p).parallel().forEach(w -> {
                    for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                        fillBlocks(workers[w], seed, firstBlock, b, b + 1, count, target, offset);
                    }
                });
            }
        } finally {
            leaveSingleThreadedBlas();
        }
    }

    private static final Object BLAS_LOCK = new Object();
    private static int blasUsers;
    private static int savedBlasThreads;

    /**
     * The parallelism of sampling is over blocks, so each block's small GEMMs should run on the
     * calling thread: with ND4J's default of 2 BLAS threads (passive OpenMP waits) every
     * 1,024 x 64 x 64 product paid a thread wake-up, and sampling at d = 4, hidden 64 x 2 ran at
     * 1.25M rows/s against 2.9M rows/s with one BLAS thread (measured at load average ~8). The
     * thread count is process-wide, so it is lowered while any sampling call is filling a batch
     * (reference counted) and restored afterwards through {@link
     * io.github.dde4j.dde.nn.Nd4jRuntime#setThreads}; the sink runs with the normal setting.
     */
    private static void enterSingleThreadedBlas() {
        synchronized (BLAS_LOCK) {
            if (blasUsers++ == 0) {
                savedBlasThreads = io.github.dde4j.dde.nn.Nd4jRuntime.threads();
                if (savedBlasThreads != 1) {
                    io.github.dde4j.dde.nn.Nd4jRuntime.setThreads(1);
                }
            }
        }
    }

    private static void leaveSingleThreadedBlas() {
        synchronized (BLAS_LOCK) {
            if (--blasUsers == 0 && savedBlasThreads != 1) {
                io.github.dde4j.dde.nn.Nd4jRuntime.setThreads(savedBlasThreads);
            }
        }
    }

    private void fillBlocks(Worker w, long seed, long firstBlock, int fromBlock, int toBlock, int count,
                            double[][] target, int offset) {
        int k = network.latentDimension();
        int d = network.dimension();
        double[] mean = standardizer.means();
        double[] scale = standardizer.scales();
        for (int b = fromBlock; b < toBlock; b++) {
            int row0 = b * BLOCK;
            int rows = Math.min(BLOCK, count - row0);
            ZigguratSampler.NormalizedGaussian g =
                    ZigguratSampler.NormalizedGaussian.of(RandomSources.stream(seed, firstBlock + b));
            int nz = rows * k;
            if (w.zf != null) {
                float[] z = w.zf;
                for (int i = 0; i < nz; i++) {
                    z[i] = (float) g.sample();
                }
                w.inference.forward(z, rows, w.yf);
                float[] y = w.yf;
                for (int i = 0; i < rows; i++) {
                    double[] r = target[offset + row0 + i];
                    int o = i * d;
                    for (int j = 0; j < d; j++) {
                        r[j] = mean[j] + scale[j] * y[o + j];
                    }
                }
            } else {
                double[] z = w.zd;
                for (int i = 0; i < nz; i++) {
                    z[i] = g.sample();
                }
                w.inference.forward(z, rows, w.yd);
                double[] y = w.yd;
                for (int i = 0; i < rows; i++) {
                    double[] r = target[offset + row0 + i];
                    int o = i * d;
                    for (int j = 0; j < d; j++) {
                        r[j] = mean[j] + scale[j] * y[o + j];
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Generator(" + network + ")";
    }
}
