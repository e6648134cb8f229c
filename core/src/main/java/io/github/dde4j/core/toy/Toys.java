package io.github.dde4j.core.toy;

import io.github.dde4j.core.Checks;
import io.github.dde4j.core.dist.GaussianMixture;
import java.util.List;
import java.util.Locale;

/**
 * The registry of 2-D toy distributions by name, with their default parameters:
 * <ul>
 *   <li>{@code 8gaussians} ({@link EightGaussians}; aliases eight-gaussians, eightgaussians)</li>
 *   <li>{@code 2spirals} ({@link TwoSpirals}; aliases two-spirals, spirals)</li>
 *   <li>{@code checkerboard} ({@link Checkerboard})</li>
 *   <li>{@code rings} ({@link Rings})</li>
 *   <li>{@code moons} ({@link TwoMoons}; aliases two-moons, 2moons)</li>
 * </ul>
 * Names are matched case-insensitively, ignoring '-', '_' and spaces.
 */
public final class Toys {

    private static final List<String> NAMES = List.of("8gaussians", "2spirals", "checkerboard", "rings", "moons");

    private Toys() {
    }

    /** The canonical names, in a fixed order. */
    public static List<String> names() {
        return NAMES;
    }

    /** All toys with default parameters, in the order of {@link #names()}. */
    public static List<Toy> all() {
        return NAMES.stream().map(Toys::byName).toList();
    }

    /**
     * The toy with this name (defaults).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Toy byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("toy name is null; known toys: " + String.join(", ", NAMES));
        }
        String key = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
        switch (key) {
            case "8gaussians", "eightgaussians":
                return EightGaussians.standard();
            case "2spirals", "twospirals", "spirals":
                return TwoSpirals.standard();
            case "checkerboard":
                return Checkerboard.standard();
            case "rings":
                return Rings.standard();
            case "moons", "twomoons", "2moons":
                return TwoMoons.standard();
            default:
                throw new IllegalArgumentException("unknown toy '" + name + "'; known toys: " + String.join(", ", NAMES));
        }
    }

    /**
     * The share of {@code points} in each mode of {@code toy} ({@link Toy#mode(double[])}): a
     * generator that drops a mode shows a share near 0 there.
     *
     * @return toy.modeCount() fractions summing to 1
     */
    public static double[] modeShares(Toy toy, double[][] points) {
        Checks.requireNonNull(toy, "toy");
        Checks.requirePoints(points, 2, "points");
        double[] share = new double[toy.modeCount()];
        for (double[] p : points) {
            share[toy.mode(p)]++;
        }
        for (int k = 0; k < share.length; k++) {
            share[k] /= points.length;
        }
        return share;
    }

    /** The standard eight Gaussians (radius 2, sd 0.2) as a {@link GaussianMixture}. */
    public static GaussianMixture eightGaussians() {
        return EightGaussians.standard().mixture();
    }

    /**
     * The share of {@code points} whose nearest centre (Euclidean) is centre k, for each k: a
     * mode-coverage check for generators (a dropped mode shows as a share near 0; ties go to the
     * lower index).
     *
     * @param points  n x d, finite
     * @param centres k x d, finite
     * @return k fractions summing to 1
     */
    public static double[] modeShares(double[][] points, double[][] centres) {
        int d = Checks.requirePoints(centres, -1, "centres");
        Checks.requirePoints(points, d, "points");
        double[] share = new double[centres.length];
        for (double[] p : points) {
            int best = 0;
            double bestD2 = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centres.length; k++) {
                double d2 = 0;
                for (int j = 0; j < d; j++) {
                    double t = p[j] - centres[k][j];
                    d2 += t * t;
                }
                if (d2 < bestD2) {
                    bestD2 = d2;
                    best = k;
                }
            }
            share[best]++;
        }
        for (int k = 0; k < share.length; k++) {
            share[k] /= points.length;
        }
        return share;
    }
}
