package io.github.dde4j.core.data;

/**
 * A train/test partition produced by {@link Splits}. The index arrays give, for each returned row,
 * its row number in the original data, so a split can be reproduced or applied to other columns.
 *
 * @param <T>       the data type ({@code double[][]} or {@link DataTable})
 * @param train     the training rows
 * @param test      the test rows
 * @param trainRows original indices of the training rows (sorted ascending)
 * @param testRows  original indices of the test rows (sorted ascending)
 */
public record Split<T>(T train, T test, int[] trainRows, int[] testRows) {

    /** Copies the index arrays. */
    public Split {
        trainRows = trainRows.clone();
        testRows = testRows.clone();
    }

    @Override
    public int[] trainRows() {
        return trainRows.clone();
    }

    @Override
    public int[] testRows() {
        return testRows.clone();
    }
}
