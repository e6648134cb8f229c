package io.github.dde4j.spark;

import io.github.dde4j.cli.ModelRows;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/**
 * Input and output locations of the jobs, on any file system Spark reaches (local paths, hdfs://,
 * s3a://...), checked on the driver before any task runs so that a wrong flag is one line.
 */
final class Locations {

    /** The marker Spark's output committer writes when a job's output is complete. */
    static final String SUCCESS = "_SUCCESS";

    private Locations() {
    }

    /**
     * Refuses an existing {@code --out}: a finished job's output is never overwritten or mixed with
     * another's. A folder without {@value #SUCCESS} is named as a stopped job's left-over.
     */
    static void requireNew(SparkSession spark, String flag, String out) throws IOException {
        Path p = new Path(out);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(p)) {
            boolean finished = fs.exists(new Path(p, SUCCESS));
            throw ModelRows.userError(flag + " " + out + " already exists" + (finished
                    ? " (a finished job's output): choose another --out, or delete it first"
                    : " without " + SUCCESS + " (a stopped or failed job's left-over): delete it and run again"));
        }
    }

    /** Refuses a missing input. */
    static void requireExisting(SparkSession spark, String flag, String in) throws IOException {
        Path p = new Path(in);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p)) {
            throw ModelRows.userError(flag + " " + in + ": file not found");
        }
    }
}
