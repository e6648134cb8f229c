package io.github.dde4j.cli;

import io.github.dde4j.core.data.Standardizer;
import io.github.dde4j.dde.DdeConfig;
import io.github.dde4j.kde.Bandwidths;

import java.util.Locale;
import java.util.Map;

/**
 * The DDE's noise level as {@code fit} chooses it: given by {@code --sigma} (or the settings), or
 * {@code auto}, the default: the bandwidth h of the isotropic Gaussian kernel that maximises the
 * exact leave-one-out likelihood of the training rows as the DDE sees them (standardised, or the
 * encoded rows of a typed table), {@link Bandwidths#leaveOneOutIsotropic}. A DDE that learns its
 * KDE well then comes close to the best KDE's held-out likelihood; a fixed sigma such as 0.1 is
 * far off beyond a few columns (docs/tables.md).
 *
 * @param sigma           the noise level for the DDE settings; null when the settings' own "dde"
 *                        object states it
 * @param rule            how it was chosen: {@code auto}, {@code given} or {@code dde settings}
 * @param looLogLikelihood with {@code auto}: the mean leave-one-out log-likelihood at sigma (nats per
 *                        row, in the units of the rows as given: the standardisation's log-Jacobian
 *                        added, so that it compares with the DDE's held-out log-likelihood), else NaN
 * @param rows            the number of rows it was chosen on
 */
record NoiseLevel(Double sigma, String rule, double looLogLikelihood, int rows) {

    /** The value of {@code --sigma} (or the settings' "sigma"): a number > 0, or null for auto. */
    static Double parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UserException("--sigma must be a number > 0 or auto, got '" + FitChecks.shorten(text) + "'");
        }
    }

    /**
     * The noise level for training on {@code rows}: {@code given} when not null; the settings'
     * own when their "dde" object has a sigma; otherwise auto, on the rows as {@code config}
     * presents them to the DDE.
     */
    static NoiseLevel choose(Double given, Map<String, Object> ddeSettings, double[][] rows, DdeConfig config) {
        if (given != null) {
            return new NoiseLevel(given, "given", Double.NaN, rows.length);
        }
        if (ddeSettings.containsKey("sigma")) {
            return new NoiseLevel(null, "dde settings", Double.NaN, rows.length);
        }
        Standardizer standardizer = config.standardizer(rows);
        Bandwidths.LeaveOneOut loo = Bandwidths.leaveOneOutIsotropic(standardizer.transform(rows));
        return new NoiseLevel(loo.factor(), "auto", loo.meanLogLikelihood() + standardizer.logAbsDetJacobian(),
                rows.length);
    }

    /** The line {@code fit} prints. */
    String line(boolean encoded) {
        String units = encoded ? "encoded" : "standardised";
        if (!rule.equals("auto")) {
            return sigma == null ? "noise level: sigma from the dde settings"
                    : String.format(Locale.ROOT, "noise level: sigma %.4g (given, %s units)", sigma, units);
        }
        return String.format(Locale.ROOT, "noise level: sigma %.4f (auto: leave-one-out bandwidth of the exact KDE of the"
                + " %d %s training rows; leave-one-out log-likelihood %.3f nats/row in the %s rows' units)", sigma, rows, units,
                looLogLikelihood, encoded ? "encoded" : "table");
    }
}
