package io.github.dde4j.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.table.TableMetadata;
import io.github.dde4j.core.table.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report's summaries merged from parts, however the rows are split, equal the one-pass
 * summary: co-moments against a direct two-pass computation, KS runs against the empirical CDFs
 * compared value by value, and whole-table summaries of row parts against {@link QualityReport#compute}.
 */
class MergedSummariesTest {

    /** Splits 0..n into k runs at random cut points (empty runs allowed). */
    private static int[] cuts(SplittableRandom rng, int n, int k) {
        int[] c = new int[k + 1];
        for (int i = 1; i < k; i++) {
            c[i] = rng.nextInt(n + 1);
        }
        c[k] = n;
        Arrays.sort(c);
        return c;
    }

    /** Summaries of runs, merged in a random tree order (pairs of neighbours, or anything against anything). */
    private static <T> T mergeRandomly(List<T> parts, BiConsumer<T, T> merge, SplittableRandom rng) {
        List<T> left = new ArrayList<>(parts);
        Collections.shuffle(left, new java.util.Random(rng.nextLong()));
        while (left.size() > 1) {
            T b = left.remove(left.size() - 1);
            merge.accept(left.get(rng.nextInt(left.size())), b);
        }
        return left.get(0);
    }

    @Test
    void coMomentsOfAnySplitEqualTheTwoPassOnes() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + rng.nextInt(2000);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                // a large offset: sum-of-squares formulas lose every digit here, Chan's merge does not
                a[i] = rng.nextDouble() < 0.05 ? Double.NaN : 1e4 + rng.nextGaussian();
                b[i] = 3e3 - 0.7 * (Double.isNaN(a[i]) ? 0 : a[i] - 1e4) + 0.5 * rng.nextGaussian();
            }
            int[] c = cuts(rng, n, 1 + rng.nextInt(8));
            List<CoMoments> parts = new ArrayList<>();
            for (int p = 0; p + 1 < c.length; p++) {
                CoMoments m = new CoMoments();
                for (int i = c[p]; i < c[p + 1]; i++) {
                    m.add(a[i], b[i]);
                }
                parts.add(m);
            }
            CoMoments merged = mergeRandomly(parts, CoMoments::merge, rng);
            CoMoments onePass = new CoMoments();
            for (int i = 0; i < n; i++) {
                onePass.add(a[i], b[i]);
            }
            // two passes over the pairwise-present rows, in exact decimal arithmetic
            MathContext mc = MathContext.DECIMAL128;
            BigDecimal sa = BigDecimal.ZERO;
            BigDecimal sb = BigDecimal.ZERO;
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(a[i])) {
                    sa = sa.add(new BigDecimal(a[i]));
                    sb = sb.add(new BigDecimal(b[i]));
                    k++;
                }
            }
            BigDecimal ma = sa.divide(BigDecimal.valueOf(k), mc);
            BigDecimal mb = sb.divide(BigDecimal.valueOf(k), mc);
            BigDecimal saa = BigDecimal.ZERO;
            BigDecimal sab = BigDecimal.ZERO;
            BigDecimal sbb = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(a[i])) {
                    BigDecimal da = new BigDecimal(a[i]).subtract(ma);
                    BigDecimal db = new BigDecimal(b[i]).subtract(mb);
                    saa = saa.add(da.multiply(da, mc), mc);
                    sab = sab.add(da.multiply(db, mc), mc);
                    sbb = sbb.add(db.multiply(db, mc), mc);
                }
            }
            double r = saa.signum() == 0 ? Double.NaN
                    : sab.divide(saa.multiply(sbb, mc).sqrt(mc), mc).doubleValue();
            assertEquals(k, merged.count());
            // Welford's and Chan's updates lose about n * eps * (offset / spread) relative: 1e-9 is ample
            assertEquals(saa.doubleValue(), merged.m2a(), 1e-9 * saa.doubleValue(), "trial " + trial);
            assertEquals(sab.doubleValue(), merged.coMoment(), 1e-9 * saa.doubleValue(), "trial " + trial);
            assertEquals(r, merged.pearson(), 1e-9, "trial " + trial);
            assertEquals(onePass.pearson(), merged.pearson(), 1e-9, "trial " + trial);
        }
    }

    @Test
    void ksRunsOfAnySplitEqualTheStatisticOfTheWholeSamples() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int distinct = 1 + rng.nextInt(300);
            long[] rc = new long[distinct];
            long[] sc = new long[distinct];
            long rt = 0;
            long st = 0;
            for (int v = 0; v < distinct; v++) {
                rc[v] = rng.nextInt(4);
                sc[v] = rng.nextDouble() < 0.3 ? 0 : rng.nextInt(5);
                rt += rc[v];
                st += sc[v];
            }
            if (rt == 0 || st == 0) {
                continue;
            }
            // the definition: the largest gap of the two empirical CDFs over the values
            double d = 0;
            long cr = 0;
            long cs = 0;
            for (int v = 0; v < distinct; v++) {
                cr += rc[v];
                cs += sc[v];
                d = Math.max(d, Math.abs((double) cr / rt - (double) cs / st));
            }
            int[] c = cuts(rng, distinct, 1 + rng.nextInt(6));
            KsGap whole = new KsGap(rt, st);
            for (int p = 0; p + 1 < c.length; p++) {
                KsGap run = new KsGap(rt, st);
                for (int v = c[p]; v < c[p + 1]; v++) {
                    run.add(rc[v], sc[v]);
                }
                whole.append(run);
            }
            assertEquals(1 - d, whole.complement(), 1e-14, "trial " + trial);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"penguins-full", "cars", "seattle-weather"})
    void summariesOfRowPartsGiveTheReportsScores(String table) throws IOException {
        String base = "/reference/quality/" + table;
        CsvReader.TextRecords real = QualityReportReferenceTest.resource(base + "-real.csv");
        CsvReader.TextRecords synthetic = QualityReportReferenceTest.resource(base + "-synthetic.csv");
        QualityOptions o = QualityOptions.of(TableSchema.detect(real, TableMetadata.NONE), 0);
        QualityReport want = QualityReport.compute(real, synthetic, null, o);
        SplittableRandom rng = new SplittableRandom(table.hashCode());

        int[] realAt = ColumnProfile.of(real.header(), o).kinds().positions(real.header(), "real");
        ColumnProfile profile = mergeRandomly(parts(real, realAt, 4, rng, () -> ColumnProfile.of(real.header(), o),
                ColumnProfile::add), ColumnProfile::merge, rng);
        ColumnKinds kinds = profile.kinds();
        TableSummary r = mergeRandomly(parts(real, realAt, 4, rng, () -> new TableSummary(kinds), TableSummary::add),
                TableSummary::merge, rng);
        int[] synAt = kinds.positions(synthetic.header(), "synthetic");
        TableSummary s = mergeRandomly(parts(synthetic, synAt, 3, rng, () -> new TableSummary(kinds), TableSummary::add),
                TableSummary::merge, rng);
        double[] ks = new double[kinds.size()];
        for (int a = 0; a < ks.length; a++) {
            ks[a] = want.columnShapes().get(kinds.names().get(a));
        }
        QualityReport got = QualityReport.of(kinds, r, s, ks,
                new Detection.Result(want.detectionScore(), want.detectionFoldAucs().stream().mapToDouble(x -> x).toArray()),
                new Dcr.Scores(want.dcrMedianSynthetic(), want.dcrMedianRandom(), null));
        assertEquals(want.columnTypes(), got.columnTypes());
        assertMapEquals(want.columnShapes(), got.columnShapes());
        assertMapEquals(want.columnPairTrends(), got.columnPairTrends());
        assertMapEquals(want.missingValueSimilarity(), got.missingValueSimilarity());
        assertEquals(want.overallScore(), got.overallScore(), 1e-12);
        // the random rows of the DCR baseline come from the summary: the same rows, the same median
        ScoredTable fromSummary = Dcr.randomRows(kinds, r, 50, 3);
        ScoredTable fromTable = Dcr.randomRows(kinds, summaryOf(real, realAt, kinds), 50, 3);
        for (int a = 0; a < kinds.size(); a++) {
            assertEquals(Arrays.asList(fromTable.labels[a]), Arrays.asList(fromSummary.labels[a]));
        }
    }

    private static TableSummary summaryOf(CsvReader.TextRecords t, int[] at, ColumnKinds kinds) {
        TableSummary s = new TableSummary(kinds);
        t.rows().forEach(row -> s.add(ColumnKinds.cells(row, at)));
        return s;
    }

    /** The rows dealt at random into k summaries (any row to any part, as a shuffle spreads them). */
    private static <T> List<T> parts(CsvReader.TextRecords t, int[] at, int k, SplittableRandom rng, Supplier<T> empty,
                                     BiConsumer<T, String[]> add) {
        List<T> parts = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            parts.add(empty.get());
        }
        for (String[] row : t.rows()) {
            add.accept(parts.get(rng.nextInt(k)), ColumnKinds.cells(row, at));
        }
        return parts;
    }

    private static void assertMapEquals(Map<String, Double> want, Map<String, Double> got) {
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertEquals(v, got.get(k), 1e-12, k));
    }
}
