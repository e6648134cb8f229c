package io.github.dde4j.spark;

import io.github.dde4j.cli.ModelRows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code sample}: N rows of a model into a table of P partitions.
 *
 * <p><b>Blocks.</b> Row r of seed s is computed from random stream block {@code floor(r / 1024)},
 * whose generator is {@code RandomSources.stream(s, floor(r / 1024))} (the model's generator and
 * its Langevin sampler both draw this way, and so does {@code dde4j sample}). A task draws whole
 * job blocks of {@value #BLOCK_ROWS} rows (64 stream blocks): job block k is rows
 * {@code [k * 65,536, (k + 1) * 65,536)}, and the P partitions take contiguous runs of job blocks
 * in order. So the rows, and their order across the part files, do not depend on P or on the
 * executors, and equal {@code dde4j sample --rows N --seed S}'s.
 */
final class SampleJob {

    /** Rows per job block: whole stream blocks, and the generator's default batch. */
    static final int BLOCK_ROWS = 64 * ModelRows.BLOCK;

    private SampleJob() {
    }

    /** The options of one run. */
    record Options(java.nio.file.Path model, long rows, long seed, int partitions, Format format, String out, int digits) {
    }

    /** Writes the table; {@code driverCopy} is the model file read on the driver. Returns the number of rows written. */
    static long run(SparkSession spark, Options o, ModelRows driverCopy) throws IOException {
        ShippedModel shipped = ShippedModel.of(o.model());
        Locations.requireNew(spark, "--out", o.out());
        // a typed model's cells are text (labels, dates, empty cells); CSV holds the command's digits
        boolean text = driverCopy.typed() || o.format() == Format.CSV;
        DataType type = text ? DataTypes.StringType : DataTypes.DoubleType;
        List<StructField> fields = new ArrayList<>();
        for (String name : driverCopy.header()) {
            fields.add(DataTypes.createStructField(name, type, true));
        }
        StructType schema = DataTypes.createStructType(fields);

        long blocks = (o.rows() + BLOCK_ROWS - 1) / BLOCK_ROWS;
        List<Long> index = new ArrayList<>((int) Math.min(blocks, Integer.MAX_VALUE));
        for (long k = 0; k < blocks; k++) {
            index.add(k);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ShippedModel> model = jsc.broadcast(shipped);
        long rows = o.rows();
        long seed = o.seed();
        int digits = o.digits();
        // parallelize slices a list into contiguous runs, in order: partition p holds the p-th run
        JavaRDD<Row> table = jsc.parallelize(index, o.partitions())
                .mapPartitions(ks -> new BlockRows(model.value().open(), ks, rows, seed, text, digits));
        Format.writer(spark.createDataFrame(table, schema).write().mode(SaveMode.ErrorIfExists), o.format())
                .save(o.out());
        model.destroy();
        return rows;
    }

    /** The rows of a partition's job blocks, drawn one block at a time. */
    private static final class BlockRows implements Iterator<Row> {
        private final ModelRows model;
        private final Iterator<Long> blocks;
        private final long rows;
        private final long seed;
        private final boolean text;
        private final int digits;
        private List<Row> current = Collections.emptyList();
        private int next;

        BlockRows(ModelRows model, Iterator<Long> blocks, long rows, long seed, boolean text, int digits) {
            this.model = model;
            this.blocks = blocks;
            this.rows = rows;
            this.seed = seed;
            this.text = text;
            this.digits = digits;
        }

        @Override
        public boolean hasNext() {
            while (next == current.size() && blocks.hasNext()) {
                current = draw(blocks.next());
                next = 0;
            }
            return next < current.size();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.get(next++);
        }

        private List<Row> draw(long block) {
            long first = block * BLOCK_ROWS;
            int n = (int) Math.min(BLOCK_ROWS, rows - first);
            double[][] drawn = new double[n][];
            int[] k = {0};
            try {
                model.sample(first, n, seed, (batch, count) -> {
                    for (int i = 0; i < count; i++) {
                        drawn[k[0]++] = batch[i].clone();
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            List<Row> out = new ArrayList<>(n);
            if (text) {
                for (String[] cells : model.cells(drawn, n, first, digits)) {
                    out.add(RowFactory.create((Object[]) cells));
                }
            } else {
                for (double[] r : drawn) {
                    Object[] v = new Object[r.length];
                    for (int j = 0; j < r.length; j++) {
                        v[j] = r[j];
                    }
                    out.add(RowFactory.create(v));
                }
            }
            return out;
        }
    }
}
