package io.github.dde4j.dde.normalize;

import io.github.dde4j.core.Checks;
import io.github.dde4j.kde.GaussianKde;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The Gaussian kernel density q(y) = (1/m) sum_i N(y; c_i, h^2 I) on m centres:
 * <pre>
 *   log q(y) = logsumexp_i ( -||y - c_i||^2 / (2 h^2) ) - log m - (d/2) log(2 pi h^2)
 *   y = c_I + h z,  I uniform on 1..m,  z ~ N(0, I_d)
 * </pre>
 * A DDE's target exp f is (close to) the KDE of its training data with bandwidth sigma, which
 * is spiky in high dimension when sigma is small against the spread of the data; a single
 * Gaussian fitted to the data then overlaps it badly, while this proposal with h slightly above
 * sigma matches it (for an exact KDE target with the same centres, E_q[w^2]/E_q[w]^2 is at most
 * (r / sqrt(2 - 1/r^2))^d with r = h / sigma: 1.07^d at r = 1.25).
 */
final class KdeProposal extends CheckedProposal {

    private final double[][] centres;
    private final double h;
    private final GaussianKde kde;

    KdeProposal(double[][] centres, double bandwidth) {
        super(Checks.requirePoints(centres, -1, "centres"));
        this.h = Checks.requirePositive(bandwidth, "bandwidth");
        this.centres = Checks.copy(centres);
        this.kde = GaussianKde.of(this.centres, h);
    }

    @Override
    double[][] draw(int n, UniformRandomProvider rng) {
        // the KDE draws a uniform centre, then centre + h * N(0, I): the same stream as a hand loop
        return kde.sample(n, rng);
    }

    /** Exact (the kde module's engine, relative 1e-15), parallel over the rows. */
    @Override
    public double[] logDensity(double[][] y) {
        Checks.requirePoints(y, d, "points");
        return kde.logDensity(y);
    }

    @Override
    public String toString() {
        return "KDE proposal (" + centres.length + " centres, h=" + h + ")";
    }
}
