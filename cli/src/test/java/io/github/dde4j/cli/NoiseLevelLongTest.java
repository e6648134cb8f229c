package io.github.dde4j.cli;

import io.github.dde4j.core.data.CsvReader;
import io.github.dde4j.core.data.Split;
import io.github.dde4j.core.data.Splits;
import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.core.progress.TrainingListener;
import io.github.dde4j.dde.Dde;
import io.github.dde4j.dde.normalize.ImportanceSamplingLogPartition;
import io.github.dde4j.dde.normalize.ProposalSpec;
import io.github.dde4j.kde.GaussianKde;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy bound of {@code --sigma auto}: on tables of 10 to 30 columns, the DDE that
 * {@code fit} trains (default settings, sigma auto) comes within 1 nat per held-out row of the
 * exact Gaussian KDE at the same leave-one-out bandwidth (2 nats from 20 columns up). Seeded 70/30
 * splits; both densities in the table's own units (the KDE works on the training-standardised
 * rows, as the DDE does, and gets the same log-Jacobian).
 */
@Tag("long")
class NoiseLevelLongTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"wine, 1.0", "breast-cancer, 2.0"})
    void ddeComesCloseToTheExactKdeAtTheLeaveOneOutBandwidth(String table, double bound) throws IOException {
        Path file = Cli.fixture("/tables/wide/" + table + ".csv", dir);
        double[][] rows = CsvReader.create().read(file).toArray();
        Split<double[][]> split = Splits.trainTest(rows, 0.3, 11);
        double[][] train = split.train();
        double[][] test = split.test();

        DdeSupport.Settings base = new DdeSupport.Settings(Map.of(), null, null, 5);
        NoiseLevel noise = NoiseLevel.choose(null, Map.of(), train, DdeSupport.config(base));
        DdeSupport.Settings settings = new DdeSupport.Settings(Map.of(), noise.sigma(), null, 5);
        Dde dde = DdeSupport.fit(train, settings, TrainingListener.none(), null, 1).dde();
        double ddeLl = mean(dde.logDensity(test));

        Standardizer s = Standardizer.fit(train);
        double logJacobian = Arrays.stream(s.scales()).map(Math::log).sum();
        double kdeLl = mean(GaussianKde.of(s.transform(train), noise.sigma()).logDensity(s.transform(test))) - logJacobian;
        // log Z again from a wide parametric proposal (no KDE part): importance sampling underestimates
        // log Z when its proposal misses mass, which would flatter the DDE
        double wideLogZ = ImportanceSamplingLogPartition.defaults().withProposal(ProposalSpec.gaussian(2.0))
                .estimate(dde.trainingUnitsField(), s.transform(train), dde.sigma(), 9).logZ();
        System.out.printf(Locale.ROOT, "%s (%d x %d, %d held out): sigma %.4f, held-out log-likelihood KDE %.3f, DDE %.3f,"
                + " gap %.3f nats/row; log Z %.3f +- %.3f (default proposal), %.3f (wide Gaussian proposal)%n", table,
                train.length, train[0].length, test.length, noise.sigma(), kdeLl, ddeLl, kdeLl - ddeLl,
                dde.logZ().orElseThrow().logZ(), dde.logZ().orElseThrow().standardError(), wideLogZ);
        assertTrue(kdeLl - ddeLl < bound, table + ": DDE " + ddeLl + " vs exact KDE " + kdeLl);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
