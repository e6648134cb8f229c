package io.github.dde4j.dde.normalize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dde4j.core.RandomSources;
import io.github.dde4j.core.dist.GaussianMixture;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long statistical checks (run with {@code mvn -Plong verify}): the default estimator on the
 * densities a DDE learns, exact Gaussian KDEs of mixture data, in d = 2..40, and the calibration
 * of its standard error there.
 */
@Tag("long")
class ImportanceSamplingLongTest {

    /** Exact KDE (normalised) of 1000 points from a 6-mode mixture, bandwidth sigma, plus a shift. */
    private static UnnormalizedLogDensity kdeTarget(int d, double sigma, double shift, double[][][] trainOut) {
        UniformRandomProvider rng = RandomSources.seeded(500 + d);
        double[][] means = new double[6][d];
        for (double[] m : means) {
            for (int j = 0; j < d; j++) {
                m[j] = 4 * rng.nextDouble() - 2;
            }
        }
        double[][] train = GaussianMixture.isotropic(new double[] {3, 1, 1, 1, 2, 2}, means, 0.4).sample(1000, rng);
        trainOut[0] = train;
        Proposal exact = Proposal.kde(train, sigma);
        return UnnormalizedLogDensity.of(d, exact::logDensity).shifted(shift);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6, 20, 40})
    void defaultEstimatorOnSmoothedDataDensities(int d) {
        double[][][] train = new double[1][][];
        double sigma = 0.25;
        UnnormalizedLogDensity f = kdeTarget(d, sigma, -3.0, train);
        LogZEstimate est = ImportanceSamplingLogPartition.defaults().estimate(f, train[0], sigma, 3);
        double err = Math.abs(est.logZ() + 3.0);
        assertTrue(est.standardError() < 0.05, est.toString());
        assertTrue(err < 4 * est.standardError() + 1e-9, est + " error " + err);
        assertTrue(err < 0.1 * 0.5 * d * Math.log(2 - 1.0 / d), est + " vs the published bias");
    }

    @org.junit.jupiter.api.Test
    void standardErrorIsCalibratedWithTheDefaultProposal() {
        double[][][] train = new double[1][][];
        UnnormalizedLogDensity f = kdeTarget(6, 0.25, 0.0, train);
        Proposal q = Proposal.fitted(train[0], 0.25, ProposalSpec.defaults());
        ImportanceSamplingLogPartition is = new ImportanceSamplingLogPartition(2000, 1, 2000, ProposalSpec.defaults());
        int covered = 0;
        for (int r = 0; r < 200; r++) {
            LogZEstimate est = is.estimate(f, q, 7000 + r);
            if (Math.abs(est.logZ()) <= 2 * est.standardError()) {
                covered++;
            }
        }
        assertTrue(covered > 176 && covered < 199, "coverage " + covered + " / 200");
    }
}
