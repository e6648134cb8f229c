package io.github.dde4j.spark;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.quality.ColumnKinds;
import io.github.dde4j.core.quality.ColumnProfile;
import io.github.dde4j.core.quality.Dcr;
import io.github.dde4j.core.quality.Detection;
import io.github.dde4j.core.quality.KsGap;
import io.github.dde4j.core.quality.QualityOptions;
import io.github.dde4j.core.quality.QualityReport;
import io.github.dde4j.core.quality.ScoredTable;
import io.github.dde4j.core.quality.TableSummary;
import io.github.dde4j.core.table.TableMetadata;
import io.github.dde4j.core.table.TableSchema;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code quality}: the quality report of {@code dde4j quality} ({@link QualityReport}) on tables
 * too large for one machine, from summaries of the partitions merged on the driver with core's own
 * code, so the scores are the single-process report's:
 * <ul>
 *   <li>column kinds, label counts, missing counts, co-moments and joint label counts: a
 *       {@link ColumnProfile} and a {@link TableSummary} per table, aggregated over partitions;</li>
 *   <li>column shapes of numerical columns: exact two-sample KS statistics from the distinct values'
 *       counts, sorted by range over the partitions, each partition's run summarised as a
 *       {@link KsGap} and the runs appended in order;</li>
 *   <li>distances to closest records: exact, the smaller table of each comparison broadcast whole
 *       and the larger one's partitions compared with it; medians exact (a distributed sort);</li>
 *   <li>detection and the column types ({@link TableSchema#detect}) from a sample of at most
 *       {@code sampleRows} real rows (and as many synthetic ones) collected to the driver: all of
 *       them, hence the single-process values, when the real table has no more rows.</li>
 * </ul>
 * "The first n rows" (the holdout comparison, detection's synthetic rows) are in Spark's reading order.
 */
final class QualityJob {

    /** Rows per block compared with the broadcast table in a task. */
    private static final int CHUNK = 4096;

    private QualityJob() {
    }

    /** {@code partitions} 0 keeps the partitions Spark reads. */
    record Options(String real, String synthetic, String holdout, java.nio.file.Path metadata, long seed, int partitions,
                   int sampleRows) {
    }

    /** A table's rows as text cells with their index in reading order. */
    private record Table(List<String> header, JavaPairRDD<Long, String[]> rows, long count) {
    }

    static QualityReport run(SparkSession spark, Options o) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TableMetadata meta = o.metadata() == null ? TableMetadata.NONE : TableMetadata.read(o.metadata());
        List<Table> read = new ArrayList<>();
        try {
            Table real = read(spark, "--real", o.real(), o.partitions(), read);
            Table synthetic = read(spark, "--synthetic", o.synthetic(), o.partitions(), read);
            Table holdout = o.holdout() == null ? null : read(spark, "--holdout", o.holdout(), o.partitions(), read);
            // column types as the command detects them, on the rows detection uses
            boolean whole = real.count() <= o.sampleRows();
            List<String[]> realSample = sample(real, Math.min(real.count(), o.sampleRows()), whole, o.seed());
            TableSchema schema = TableSchema.detect(new CsvReader.TextRecords(real.header(), realSample), meta);
            QualityOptions options = QualityOptions.of(schema, o.seed());
            ColumnKinds columns = ColumnProfile.of(real.header(), options).kinds();
            int[] realAt = columns.positions(real.header(), "real");
            int[] synAt = columns.positions(synthetic.header(), "synthetic");
            JavaPairRDD<Long, String[]> r = scored(real, realAt);
            JavaPairRDD<Long, String[]> s = scored(synthetic, synAt);
            JavaPairRDD<Long, String[]> h = holdout == null ? null : scored(holdout, columns.positions(holdout.header(), "holdout"));

            ColumnProfile profile = r.values().treeAggregate(ColumnProfile.of(real.header(), options),
                    (p, row) -> {
                        p.add(row);
                        return p;
                    }, (a, b) -> {
                        a.merge(b);
                        return a;
                    });
            ColumnKinds kinds = profile.kinds();
            TableSummary realSummary = summary(r, kinds);
            TableSummary syntheticSummary = summary(s, kinds);
            double[] ks = ksComplements(spark, kinds, r, s, realSummary, syntheticSummary);

            // detection on the sample: the synthetic rows the command takes (its first ones) when the real table is whole
            long m = Math.min(synthetic.count(), realSample.size());
            List<String[]> syntheticSample = sample(synthetic, m, whole, o.seed() + 1);
            Detection.Result det = Detection.of(ScoredTable.of(kinds, cells(realSample, realAt)),
                    ScoredTable.of(kinds, cells(syntheticSample, synAt)), o.seed());

            double[] span = Dcr.spans(kinds);
            Side syn = Side.of(s.values(), synthetic.count());
            Side realSide = Side.of(r.values(), real.count());
            double medianSyn = closestMedian(jsc, kinds, span, syn, realSide);
            ScoredTable random = Dcr.randomRows(kinds, realSummary, Math.toIntExact(synthetic.count()), o.seed());
            double medianRandom = closestMedian(jsc, kinds, span, new Side(null, random, random.rows()), realSide);
            Double closer = null;
            if (h != null) {
                long n = Math.min(real.count(), holdout.count());
                closer = shareCloser(jsc, kinds, span, syn, Side.of(head(r, n), n), Side.of(head(h, n), n));
            }
            return QualityReport.of(kinds, realSummary, syntheticSummary, ks, det, new Dcr.Scores(medianSyn, medianRandom, closer));
        } finally {
            read.forEach(t -> t.rows().unpersist(false));
        }
    }

    /**
     * Every cell as text (null = missing), numbered in Spark's reading order, then spread over
     * {@code partitions} and cached (added to {@code cached}, to be released by the caller).
     */
    private static Table read(SparkSession spark, String flag, String location, int partitions, List<Table> cached)
            throws IOException {
        Locations.requireExisting(spark, flag, location);
        Dataset<Row> in = Format.reader(spark.read(), Format.ofName(location)).load(location);
        List<String> header = List.of(in.schema().fieldNames());
        JavaPairRDD<Long, String[]> rows = in.javaRDD().map(QualityJob::text).zipWithIndex().mapToPair(Tuple2::swap);
        if (partitions > 0) {
            rows = rows.repartition(partitions);
        }
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
        Table t = new Table(header, rows, rows.count());
        cached.add(t);
        if (t.count() == 0) {
            throw new IllegalArgumentException(flag + " " + location + ": no rows");
        }
        return t;
    }

    private static String[] text(Row r) {
        String[] c = new String[r.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = r.isNullAt(j) ? null : String.valueOf(r.get(j));
        }
        return c;
    }

    private static JavaPairRDD<Long, String[]> scored(Table t, int[] at) {
        return t.rows().mapValues(row -> ColumnKinds.cells(row, at));
    }

    private static List<String[]> cells(List<String[]> rows, int[] at) {
        return rows.stream().map(row -> ColumnKinds.cells(row, at)).toList();
    }

    /**
     * {@code m} rows of a table in reading order: its first ones if {@code first}, else each row
     * kept with probability m / count by a hash of (seed, row index), so whatever the partitions.
     */
    private static List<String[]> sample(Table t, long m, boolean first, long seed) {
        double p = (double) m / t.count();
        JavaPairRDD<Long, String[]> kept = first ? t.rows().filter(e -> e._1() < m)
                : t.rows().filter(e -> uniform(seed, e._1()) < p);
        List<Tuple2<Long, String[]>> rows = new ArrayList<>(kept.collect());
        rows.sort(Comparator.comparing(Tuple2::_1));
        return rows.stream().map(Tuple2::_2).toList();
    }

    /** A uniform number in [0, 1) from (seed, index): SplitMix64's finaliser. */
    private static double uniform(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    private static JavaRDD<String[]> head(JavaPairRDD<Long, String[]> rows, long n) {
        return rows.filter(e -> e._1() < n).values();
    }

    private static TableSummary summary(JavaPairRDD<Long, String[]> rows, ColumnKinds kinds) {
        return rows.values().treeAggregate(new TableSummary(kinds), (t, row) -> {
            t.add(row);
            return t;
        }, (a, b) -> {
            a.merge(b);
            return a;
        });
    }

    /**
     * 1 - KS of each numerical column: (column, value) counts of both tables, range-partitioned and
     * sorted, each partition's runs summarised and appended in partition order on the driver.
     */
    private static double[] ksComplements(SparkSession spark, ColumnKinds kinds, JavaPairRDD<Long, String[]> real,
                                          JavaPairRDD<Long, String[]> synthetic, TableSummary rs, TableSummary ss) {
        int cols = kinds.names().size();
        double[] out = new double[cols];
        Arrays.fill(out, Double.NaN);
        boolean[] numerical = new boolean[cols];
        long[] realTotal = new long[cols];
        long[] synTotal = new long[cols];
        boolean any = false;
        for (int a = 0; a < cols; a++) {
            numerical[a] = kinds.numerical(a);
            realTotal[a] = numerical[a] ? rs.numbers(a) : 0;
            synTotal[a] = numerical[a] ? ss.numbers(a) : 0;
            any |= numerical[a];
        }
        if (!any) {
            return out;
        }
        StructType schema = new StructType().add("c", DataTypes.IntegerType, false).add("v", DataTypes.DoubleType, false)
                .add("r", DataTypes.LongType, false).add("s", DataTypes.LongType, false);
        JavaRDD<Row> values = numbers(real.values(), kinds, true).union(numbers(synthetic.values(), kinds, false));
        Dataset<Row> counts = spark.createDataFrame(values, schema).groupBy("c", "v")
                .agg(functions.sum("r").as("r"), functions.sum("s").as("s"))
                .repartitionByRange(functions.col("c"), functions.col("v")).sortWithinPartitions("c", "v");
        List<Tuple2<Integer, KsGap>> runs = counts.javaRDD().mapPartitions((Iterator<Row> it) -> {
            List<Tuple2<Integer, KsGap>> part = new ArrayList<>();
            int column = -1;
            KsGap gap = null;
            while (it.hasNext()) {
                Row row = it.next();
                int c = row.getInt(0);
                if (c != column) {
                    column = c;
                    gap = new KsGap(realTotal[c], synTotal[c]);
                    part.add(new Tuple2<>(c, gap));
                }
                gap.add(row.getLong(2), row.getLong(3));
            }
            return part.iterator();
        }).collect(); // in partition order, so in value order per column
        Map<Integer, KsGap> whole = new HashMap<>();
        for (Tuple2<Integer, KsGap> run : runs) {
            whole.computeIfAbsent(run._1(), c -> new KsGap(realTotal[c], synTotal[c])).append(run._2());
        }
        for (int a = 0; a < cols; a++) {
            if (numerical[a]) {
                out[a] = whole.getOrDefault(a, new KsGap(realTotal[a], synTotal[a])).complement();
            }
        }
        return out;
    }

    /** (column, value, 1, 0) for a real cell read as a number, (column, value, 0, 1) for a synthetic one. */
    private static JavaRDD<Row> numbers(JavaRDD<String[]> rows, ColumnKinds kinds, boolean real) {
        return rows.flatMap(row -> {
            List<Row> out = new ArrayList<>();
            for (int a = 0; a < row.length; a++) {
                double v = kinds.numerical(a) ? kinds.number(row[a]) : Double.NaN;
                if (!Double.isNaN(v)) {
                    out.add(RowFactory.create(a, v, real ? 1L : 0L, real ? 0L : 1L));
                }
            }
            return out.iterator();
        });
    }

    /** A table in a comparison of distances: distributed rows, or rows on the driver. */
    private record Side(JavaRDD<String[]> rows, ScoredTable local, long count) {
        static Side of(JavaRDD<String[]> rows, long count) {
            return new Side(rows, null, count);
        }

        ScoredTable collect(ColumnKinds kinds) {
            return local != null ? local : ScoredTable.of(kinds, rows.collect());
        }

        /** The rows as blocks of {@value #CHUNK}, spread over the cluster. */
        JavaRDD<ScoredTable> blocks(JavaSparkContext jsc, ColumnKinds kinds) {
            if (local != null) {
                List<ScoredTable> parts = new ArrayList<>();
                for (int i = 0; i < local.rows(); i += CHUNK) {
                    parts.add(local.slice(i, Math.min(local.rows(), i + CHUNK)));
                }
                return jsc.parallelize(parts, Math.max(1, Math.min(parts.size(), jsc.defaultParallelism())));
            }
            return rows.mapPartitions((Iterator<String[]> it) -> {
                List<ScoredTable> out = new ArrayList<>();
                List<String[]> block = new ArrayList<>(CHUNK);
                while (it.hasNext()) {
                    block.add(it.next());
                    if (block.size() == CHUNK || !it.hasNext()) {
                        out.add(ScoredTable.of(kinds, block));
                        block = new ArrayList<>(CHUNK);
                    }
                }
                return out.iterator();
            });
        }
    }

    /** The median over rows of {@code a} of their distance to the closest row of {@code b}. */
    private static double closestMedian(JavaSparkContext jsc, ColumnKinds kinds, double[] span, Side a, Side b) {
        if (b.count() <= a.count()) {
            Broadcast<ScoredTable> whole = jsc.broadcast(b.collect(kinds));
            JavaRDD<Double> d = a.blocks(jsc, kinds).flatMap(block ->
                    Arrays.stream(Dcr.closest(block, whole.value(), span)).boxed().iterator());
            double median = exactMedian(d, a.count());
            whole.destroy();
            return median;
        }
        Broadcast<ScoredTable> whole = jsc.broadcast(a.collect(kinds));
        double[] min = b.blocks(jsc, kinds).map(block -> Dcr.closest(whole.value(), block, span)).treeReduce(QualityJob::lower);
        whole.destroy();
        return Dcr.median(min);
    }

    /** The share of synthetic rows closer to a training row than to a holdout row (as many of each). */
    private static double shareCloser(JavaSparkContext jsc, ColumnKinds kinds, double[] span, Side synthetic, Side training,
                                      Side holdout) {
        if (training.count() <= synthetic.count()) {
            Broadcast<ScoredTable> t = jsc.broadcast(training.collect(kinds));
            Broadcast<ScoredTable> h = jsc.broadcast(holdout.collect(kinds));
            long count = synthetic.blocks(jsc, kinds).map(block ->
                    Dcr.countCloser(Dcr.closest(block, t.value(), span), Dcr.closest(block, h.value(), span)))
                    .reduce(Long::sum);
            t.destroy();
            h.destroy();
            return (double) count / synthetic.count();
        }
        Broadcast<ScoredTable> s = jsc.broadcast(synthetic.collect(kinds));
        double[] toTraining = training.blocks(jsc, kinds).map(block -> Dcr.closest(s.value(), block, span)).treeReduce(QualityJob::lower);
        double[] toHoldout = holdout.blocks(jsc, kinds).map(block -> Dcr.closest(s.value(), block, span)).treeReduce(QualityJob::lower);
        s.destroy();
        return (double) Dcr.countCloser(toTraining, toHoldout) / synthetic.count();
    }

    /** Element-wise minimum, into {@code a}. */
    private static double[] lower(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.min(a[i], b[i]);
        }
        return a;
    }

    /**
     * The median of n values: a distributed sort, then the one or two middle ranks. The values are
     * cached first: the sort reads them twice (a sample for its ranges, then the shuffle), and
     * each is a distance computation.
     */
    private static double exactMedian(JavaRDD<Double> values, long n) {
        long lo = (n - 1) / 2;
        long hi = n / 2;
        JavaRDD<Double> cached = values.persist(StorageLevel.MEMORY_AND_DISK());
        Map<Long, Double> middle = new HashMap<>();
        try {
            cached.sortBy(v -> v, true, values.getNumPartitions()).zipWithIndex()
                    .filter(e -> e._2() == lo || e._2() == hi).collect()
                    .forEach(e -> middle.put(e._2(), e._1()));
        } finally {
            cached.unpersist(false);
        }
        return Dcr.medianOfSorted(n, k -> middle.get(k));
    }
}
