package io.github.dde4j.core.table;

import io.github.dde4j.core.data.CsvReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Encodes typed table rows as points of R^d, where the KDE, DDE and generator work, and decodes
 * points back to rows with the input's header, column order and cell formats. Immutable; fitted
 * once on training rows by {@link #fit}; round-trips through Jackson (store it with a model).
 *
 * <p>Per column (see {@link ColumnCoding}; every dimension standardised with training moments):
 * <ul>
 *   <li>numbers and dates: one dimension (dates as days since 1970-01-01). Non-negative columns
 *       with skewness above {@value #SKEW_LIMIT} enter as log(1 + x / m), m the median positive
 *       value, when that lowers the skewness. With a random source, {@link #encode(CsvReader.TextRecords,
 *       UniformRandomProvider)} dequantises: adds uniform noise of one step (1 for integers,
 *       10^-decimals, a day, a datetime's finest field). Decoding inverts the transform, clips to
 *       the schema's bounds and rounds to the step.</li>
 *   <li>categorical and boolean: one dimension per training label (one-hot); decoding writes the
 *       label whose indicator is largest (after adding the per-label offsets {@link #calibratedOn}
 *       sets on a generator's rows), so only training labels come out.</li>
 *   <li>missing values: categorical columns treat missing as one more label; other columns that
 *       have missing cells get an indicator dimension, decoded as missing above one half (or the
 *       threshold {@link #calibratedOn} sets on a generator's rows). Missing cells of a number
 *       column encode as the column mean (0).</li>
 *   <li>0/1 dimensions (labels and indicators) are dequantised too, with uniform noise of width
 *       {@code labelNoise} ({@value #LABEL_NOISE} by default, measured: see docs/tables.md) around
 *       0 and 1, and standardised with that noise's variance included; decoding is unaffected
 *       (the largest label, or the indicator above one half, is the cell's for any width below
 *       1, and stays so after {@link #calibratedOn}). Without it, exact ties in these dimensions
 *       drive the leave-one-out bandwidth down and a KDE at that bandwidth copies training
 *       rows.</li>
 *   <li>constant columns (one training value): no dimension; written back exactly.</li>
 *   <li>identifiers: no dimension; decoded as fresh values {@code <column>-<row number>}, which
 *       name no training row.</li>
 * </ul>
 *
 * @param schema     the table schema
 * @param codings    one per schema column, in order
 * @param labelNoise width of the uniform noise that dequantises 0/1 dimensions, in [0, 1)
 */
public record TableEncoder(TableSchema schema, List<ColumnCoding> codings, double labelNoise) {

    /** Skewness above which a non-negative number column is tried with log1p. */
    public static final double SKEW_LIMIT = 1.0;
    /** The default width of the noise that dequantises 0/1 dimensions. */
    public static final double LABEL_NOISE = 0.5;

    /** Copies the list; checks that it matches the schema. */
    public TableEncoder {
        if (!(labelNoise >= 0 && labelNoise < 1)) {
            throw new IllegalArgumentException("labelNoise must be in [0, 1), got " + labelNoise);
        }
        codings = List.copyOf(codings);
        if (codings.size() != schema.columns().size()) {
            throw new IllegalArgumentException(codings.size() + " codings for " + schema.columns().size() + " columns");
        }
        for (ColumnCoding c : codings) {
            double[] o = c.labelOffsets();
            if (o != null) {
                double span = Arrays.stream(o).max().orElse(0) - Arrays.stream(o).min().orElse(0);
                if (!(span < 1 - labelNoise)) {
                    throw new IllegalArgumentException("column '" + c.name() + "': label offsets span " + span
                            + ", not below 1 - labelNoise = " + (1 - labelNoise) + " (training cells would decode to"
                            + " other labels)");
                }
            }
        }
    }

    /**
     * Fits the encoding to training rows.
     *
     * @throws IllegalArgumentException naming the row and column of a cell the schema rejects
     */
    public static TableEncoder fit(TableSchema schema, CsvReader.TextRecords training) {
        return fit(schema, training, LABEL_NOISE);
    }

    /** {@link #fit(TableSchema, CsvReader.TextRecords)} with another width of the 0/1 dimensions' noise. */
    public static TableEncoder fit(TableSchema schema, CsvReader.TextRecords training, double labelNoise) {
        int[] index = columnIndex(schema, training);
        List<ColumnCoding> out = new ArrayList<>();
        int offset = 0;
        for (int j = 0; j < index.length; j++) {
            ColumnCoding c = ColumnFit.fit(schema, schema.columns().get(j), training, index[j], offset, labelNoise);
            out.add(c);
            offset += c.width();
        }
        return new TableEncoder(schema, out, labelNoise);
    }

    /**
     * This encoder calibrated on {@code generated} (a model's encoded rows, many: the parameters
     * are quantiles of them) so that they decode to the training shares:
     * <ul>
     *   <li>each missing indicator's threshold: the (1 - p) quantile of the rows' indicator values
     *       (0/1 units), p the training share of missing cells, kept within [w/2, 1 - w/2] (w the
     *       {@link #labelNoise});</li>
     *   <li>each label column's offsets o_k (0/1 units, the smallest 0), decoding argmax_k(raw_k +
     *       o_k), so that each label (missing included) comes out at its training share, as nearly
     *       as the bound max o - min o &lt; 1 - w allows.</li>
     * </ul>
     * Invariant: within these bounds every dequantised training cell still decodes to itself (an
     * indicator at most w/2 from 0 or 1; a cell's own label dimension more than 1 - w above every
     * other).
     *
     * <p>Why: a generator smears a small separated cluster of rows (the rows with a missing cell,
     * the rows of a rare label) into a thin tail towards it that seldom wins at the plain rule
     * (cars' horsepower: 2.1% of the training rows missing, 0.0% of generated rows decoded at one
     * half; penguins' sex: missing in 2.9% of the training rows, 0.5 to 1.0% of generated rows by
     * the largest label); calibrated, the rows the generator places nearest to that cluster decode
     * to it, at the training rate (penguins' sex 2.7% missing in 3,000 rows the calibration did not
     * see; the quality scores unchanged within their noise: docs/tables.md, "Acceptance"). One
     * call sets both kinds of parameter on the same rows.
     *
     * @throws IllegalArgumentException if a row's width is not {@link #dimension()} or there are
     *                                  fewer than 100 rows
     */
    public TableEncoder calibratedOn(double[][] generated) {
        if (generated.length < 100) {
            throw new IllegalArgumentException("calibrating the decoding needs at least 100 generated rows, got "
                    + generated.length);
        }
        for (int i = 0; i < generated.length; i++) {
            if (generated[i].length != dimension()) {
                throw new IllegalArgumentException("generated row " + (i + 1) + " has " + generated[i].length
                        + " values, the encoding " + dimension());
            }
        }
        List<ColumnCoding> out = new ArrayList<>(codings.size());
        for (ColumnCoding c : codings) {
            if (c.kind() == ColumnCoding.Kind.LEVELS) {
                out.add(c.withLabelOffsets(DecodingCalibration.labelOffsets(c, generated, labelNoise)));
            } else if (c.hasMissing()) {
                out.add(c.withMissingThreshold(DecodingCalibration.missingThreshold(c, generated, labelNoise)));
            } else {
                out.add(c);
            }
        }
        return new TableEncoder(schema, out, labelNoise);
    }

    /** The number of encoded dimensions. */
    public int dimension() {
        int d = 0;
        for (ColumnCoding c : codings) {
            d = Math.max(d, c.offset() + c.width());
        }
        return d;
    }

    /** A name per encoded dimension: {@code col}, {@code col=label}, {@code col:missing}. */
    public List<String> encodedNames() {
        List<String> names = new ArrayList<>();
        for (ColumnCoding c : codings) {
            if (c.kind() == ColumnCoding.Kind.LEVELS) {
                c.levels().forEach(l -> names.add(c.name() + "=" + l));
                if (c.hasMissing()) {
                    names.add(c.name() + ":missing");
                }
            } else if (c.width() > 0) {
                if (c.kind() == ColumnCoding.Kind.ORDERED) {
                    names.add(c.name());
                }
                if (c.hasMissing()) {
                    names.add(c.name() + ":missing");
                }
            }
        }
        return names;
    }

    /** Encodes rows at their cells' values (no dequantisation), for example to evaluate a density. */
    public double[][] encode(CsvReader.TextRecords table) {
        return encode(table, null);
    }

    /**
     * Encodes rows; with a random source, every column is dequantised (uniform noise of one step
     * on numbers and dates, of width {@link #labelNoise} on 0/1 dimensions), which is how
     * training rows should be encoded for density estimation.
     *
     * @throws IllegalArgumentException naming the row and column of a cell that does not parse,
     *                                  a label the training rows did not have, or a missing cell in
     *                                  a column that had none in training
     */
    public double[][] encode(CsvReader.TextRecords table, UniformRandomProvider rng) {
        int[] index = columnIndex(schema, table);
        double[][] out = new double[table.rows().size()][dimension()];
        for (int j = 0; j < codings.size(); j++) {
            ColumnCodec.encode(schema, schema.columns().get(j), codings.get(j), table, index[j], rng, labelNoise, out);
        }
        return out;
    }

    /**
     * Decodes encoded rows to cells, in the schema's column order.
     *
     * @param firstRow the 0-based number of the first row in the whole output, so that fresh
     *                 identifiers continue across chunks
     */
    public List<String[]> decode(double[][] rows, long firstRow) {
        List<String[]> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dimension()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, the encoding "
                        + dimension());
            }
            String[] cells = new String[codings.size()];
            for (int j = 0; j < cells.length; j++) {
                cells[j] = ColumnCodec.decode(schema.columns().get(j), codings.get(j), rows[i], firstRow + i);
            }
            out.add(cells);
        }
        return out;
    }

    /** The header of decoded rows: the schema's column names. */
    public List<String> header() {
        return schema.names();
    }

    /** Position of each schema column in the table's header; fails naming a column the table lacks. */
    static int[] columnIndex(TableSchema schema, CsvReader.TextRecords table) {
        int[] index = new int[schema.columns().size()];
        for (int j = 0; j < index.length; j++) {
            String name = schema.columns().get(j).name();
            index[j] = table.header().indexOf(name);
            if (index[j] < 0) {
                throw new IllegalArgumentException("the table has no column '" + name + "'; its columns: "
                        + String.join(", ", table.header()));
            }
        }
        return index;
    }
}
