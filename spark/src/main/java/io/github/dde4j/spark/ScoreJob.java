package io.github.dde4j.spark;

import io.github.dde4j.cli.ModelRows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * {@code score}: a table in, the same table out with a {@value #COLUMN} column, log p(x) of each
 * row under the model's normalised density (the values {@code dde4j evaluate} averages, through
 * the same code: {@link ModelRows#encode} then {@link ModelRows#logDensity}), and the average
 * log-likelihood with its standard error as {@code evaluate} reports them.
 */
final class ScoreJob {

    /** The added column. */
    static final String COLUMN = "log_density";
    /** Rows per density evaluation in a task. */
    private static final int CHUNK = 8192;

    private ScoreJob() {
    }

    record Options(java.nio.file.Path model, String data, Format dataFormat, String out, Format format) {
    }

    /** The summary: the number of rows, the average log-likelihood, its standard errors and log Z. */
    record Summary(long rows, double logLikelihood, double standardError, double standardErrorRows, double logZ,
                   double logZStandardError, boolean encoded) {
        String json() {
            return String.format(Locale.ROOT, "{\"rows\":%d,\"log_likelihood\":%s,%s\"log_likelihood_se\":%s,"
                            + "\"log_likelihood_se_rows\":%s,\"log_z\":%s,\"log_z_se\":%s}", rows, num(logLikelihood),
                    encoded ? "\"log_likelihood_units\":\"encoded\"," : "", num(standardError), num(standardErrorRows),
                    num(logZ), num(logZStandardError));
        }

        private static String num(double v) {
            return Double.isFinite(v) ? Double.toString(v) : "null";
        }
    }

    /** Writes the scored table and returns its summary; {@code driverCopy} is the model file read on the driver. */
    static Summary run(SparkSession spark, Options o, ModelRows driverCopy) throws IOException {
        ShippedModel shipped = ShippedModel.of(o.model());
        double[] logZ = driverCopy.logZ();
        Locations.requireExisting(spark, "--data", o.data());
        Locations.requireNew(spark, "--out", o.out());
        Dataset<Row> in = Format.reader(spark.read(), o.dataFormat()).load(o.data());
        StructType schema = in.schema();
        if (Arrays.asList(schema.fieldNames()).contains(COLUMN)) {
            throw ModelRows.userError("--data " + o.data() + " already has a column '" + COLUMN + "'");
        }
        List<String> header = Arrays.asList(schema.fieldNames());
        // the columns' check of the tasks, on no rows: a table without the model's columns fails here in one line
        driverCopy.encode(header, List.of(), "--data " + o.data(), 0);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ShippedModel> model = jsc.broadcast(shipped);
        String source = o.data();
        JavaRDD<Row> scored = in.javaRDD().mapPartitionsWithIndex((p, rows) ->
                new Scored(model.value().open(), rows, header, source + " (partition " + p + ")"), true);
        StructType outSchema = schema.add(COLUMN, DataTypes.DoubleType, false);
        Format.writer(spark.createDataFrame(scored, outSchema).write().mode(SaveMode.ErrorIfExists), o.format())
                .save(o.out());
        model.destroy();

        // the summary from the committed output: what was written, whatever retries ran
        Dataset<Row> written = Format.reader(spark.read(), o.format()).load(o.out());
        Row s = written.select(functions.col(COLUMN).cast(DataTypes.DoubleType).as("v"))
                .agg(functions.count("v"), functions.avg("v"), functions.stddev_samp("v")).first();
        long n = s.getLong(0);
        double mean = s.isNullAt(1) ? Double.NaN : s.getDouble(1);
        double sd = s.isNullAt(2) ? Double.NaN : s.getDouble(2);
        double seRows = sd / Math.sqrt(n);
        return new Summary(n, mean, driverCopy.standardError(seRows), seRows, logZ[0], logZ[1], driverCopy.typed());
    }

    /** A partition's rows with their log density appended, evaluated {@value #CHUNK} rows at a time. */
    private static final class Scored implements Iterator<Row> {
        private final ModelRows model;
        private final Iterator<Row> rows;
        private final List<String> header;
        private final String source;
        private final List<Row> chunk = new ArrayList<>(CHUNK);
        private double[] logP = new double[0];
        private int next;
        private long done;

        Scored(ModelRows model, Iterator<Row> rows, List<String> header, String source) {
            this.model = model;
            this.rows = rows;
            this.header = header;
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            if (next < chunk.size()) {
                return true;
            }
            if (!rows.hasNext()) {
                return false;
            }
            done += chunk.size();
            chunk.clear();
            next = 0;
            List<String[]> cells = new ArrayList<>(CHUNK);
            while (chunk.size() < CHUNK && rows.hasNext()) {
                Row r = rows.next();
                chunk.add(r);
                String[] c = new String[r.size()];
                for (int j = 0; j < c.length; j++) {
                    // the command reads every cell as text; an empty one is missing
                    c[j] = r.isNullAt(j) ? "" : String.valueOf(r.get(j));
                }
                cells.add(c);
            }
            logP = model.logDensity(model.encode(header, cells, source, done));
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = chunk.get(next);
            Object[] v = new Object[r.size() + 1];
            for (int j = 0; j < r.size(); j++) {
                v[j] = r.get(j);
            }
            v[r.size()] = logP[next++];
            return RowFactory.create(v);
        }
    }
}
