package io.github.dde4j.core.table;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How one column occupies the encoded space: dimensions {@code offset .. offset + width - 1}.
 * Fitted on training rows by {@link TableEncoder#fit}; every encoded dimension is standardised
 * (minus its training mean, over its training standard deviation).
 *
 * @param name         the column
 * @param kind         how it is encoded
 * @param offset       its first encoded dimension
 * @param width        its number of encoded dimensions (0 for identifiers and constants)
 * @param transform    ordered columns: {@code "none"}, or {@code "log1p"} for heavy-tailed
 *                     non-negative columns (the value enters as log(1 + x / transformScale))
 * @param transformScale the divisor inside log1p (the median of the positive training values)
 * @param step         ordered columns: the spacing of representable values (dequantisation width
 *                     and rounding unit), 0 if unknown
 * @param min          ordered columns: the lower clip of decoded values (schema bound, in the
 *                     column's numeric units)
 * @param max          ordered columns: the upper clip
 * @param levels       categorical columns: the training labels, one dimension each; a missing
 *                     value is the extra last dimension when {@code missingShare > 0}
 * @param means        per encoded dimension, the training mean subtracted
 * @param scales       per encoded dimension, the training standard deviation divided by
 * @param missingShare the training share of missing cells; for ordered and constant columns an
 *                     indicator dimension (the last) carries it when positive
 * @param constant     constant columns: the single training value, written back as it is
 * @param missingThreshold ordered and constant columns with an indicator: the indicator's value
 *                     (in 0/1 units) above which a cell decodes as missing; null for one half.
 *                     {@link TableEncoder#calibratedOn} sets it so that a generator's rows
 *                     decode to the training share of missing cells.
 * @param labelOffsets label columns: per encoded dimension (label, then missing), an offset in
 *                     0/1 units added to the dimension's value before the largest is taken; null
 *                     for none (zero offsets, as model files written before them decode).
 *                     {@link TableEncoder#calibratedOn} sets them so that a generator's rows
 *                     decode to the training shares of the labels ({@link #labelShares}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnCoding(String name, Kind kind, int offset, int width, String transform, double transformScale,
                           double step, double min, double max, List<String> levels, double[] means, double[] scales,
                           double missingShare, String constant, Double missingThreshold,
                           double[] labelOffsets) {

    /** How a column is encoded. */
    public enum Kind {
        /** Not modelled; decoded as fresh values. */
        IDENTIFIER,
        /** One training value (perhaps with missing cells): written back exactly. */
        CONSTANT,
        /** A number (dates as days): one dimension. */
        ORDERED,
        /** Labels: one dimension per training label (one-hot), decoded by the largest. */
        LEVELS
    }

    /** Copies the arrays and list; checks that label offsets belong to a label column, one per dimension, finite. */
    public ColumnCoding {
        if (labelOffsets != null) {
            if (kind != Kind.LEVELS) {
                throw new IllegalArgumentException("column '" + name + "': label offsets, but the column is " + kind
                        + ", not labels");
            }
            if (labelOffsets.length != width) {
                throw new IllegalArgumentException("column '" + name + "': " + labelOffsets.length + " label offsets for "
                        + width + " label dimensions");
            }
            labelOffsets = labelOffsets.clone();
            for (double o : labelOffsets) {
                if (!Double.isFinite(o)) {
                    throw new IllegalArgumentException("column '" + name + "': label offset " + o);
                }
            }
        }
        if (missingThreshold != null && !(missingThreshold > 0 && missingThreshold < 1)) {
            throw new IllegalArgumentException("column '" + name + "': missing threshold must lie in (0, 1), got "
                    + missingThreshold);
        }
        levels = levels == null ? null : List.copyOf(levels);
        means = means.clone();
        scales = scales.clone();
        if (means.length != width || scales.length != width) {
            throw new IllegalArgumentException("column '" + name + "': " + width + " dimensions but " + means.length
                    + " means and " + scales.length + " scales");
        }
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public double[] labelOffsets() {
        return labelOffsets == null ? null : labelOffsets.clone();
    }

    /** The offset added to label dimension {@code k} before decoding: {@link #labelOffsets}, or 0. */
    public double labelOffset(int k) {
        return labelOffsets == null ? 0 : labelOffsets[k];
    }

    /**
     * Label columns: the training share of each label, in dimension order (the missing label
     * last), which are the dimensions' training means; they sum to 1.
     */
    public double[] labelShares() {
        if (kind != Kind.LEVELS) {
            throw new IllegalStateException("column '" + name + "' is " + kind + ", not labels");
        }
        return means.clone();
    }

    /**
     * Label columns: the share of {@code encodedRows} (rows of the whole encoding) that decode to
     * each label, in dimension order (the missing label last), with this coding's offsets, as
     * decoding does; without decoding the other columns.
     */
    public double[] decodedLabelShares(double[][] encodedRows) {
        if (kind != Kind.LEVELS) {
            throw new IllegalStateException("column '" + name + "' is " + kind + ", not labels");
        }
        return DecodingCalibration.decodedShares(this, encodedRows);
    }

    /** The indicator value above which a cell decodes as missing: {@link #missingThreshold}, or one half. */
    public double threshold() {
        return missingThreshold == null ? 0.5 : missingThreshold;
    }

    /** This coding with another missing threshold. */
    public ColumnCoding withMissingThreshold(Double threshold) {
        return new ColumnCoding(name, kind, offset, width, transform, transformScale, step, min, max, levels, means, scales,
                missingShare, constant, threshold, labelOffsets);
    }

    /** This coding with other label offsets (null for none). */
    public ColumnCoding withLabelOffsets(double[] offsets) {
        return new ColumnCoding(name, kind, offset, width, transform, transformScale, step, min, max, levels, means, scales,
                missingShare, constant, missingThreshold, offsets);
    }

    /** True if the last encoded dimension is a missing-value indicator (or the missing label). */
    public boolean hasMissing() {
        return missingShare > 0;
    }
}
