package io.github.dde4j.dde.normalize;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * q(y) = sum_k a_k q_k(y). Sampling draws the component counts of a batch (multinomial, one
 * uniform per point) and then each component's points; the order of the rows does not matter to
 * an importance-sampling average.
 */
final class MixtureProposal extends CheckedProposal {

    private final double[] logWeights;
    private final double[] cumulative;
    private final List<Proposal> components;

    MixtureProposal(double[] weights, List<Proposal> components) {
        super(dimensionOf(weights, components));
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        this.logWeights = new double[weights.length];
        this.cumulative = new double[weights.length];
        double acc = 0;
        for (int k = 0; k < weights.length; k++) {
            logWeights[k] = Math.log(weights[k] / total);
            acc += weights[k] / total;
            cumulative[k] = acc;
        }
        cumulative[weights.length - 1] = 1.0;
        this.components = List.copyOf(components);
    }

    /** The components' common dimension, once the weights and components are checked. */
    private static int dimensionOf(double[] weights, List<Proposal> components) {
        if (weights == null || components == null || weights.length == 0 || weights.length != components.size()) {
            throw new IllegalArgumentException("need as many weights as components (at least one), got "
                    + (weights == null ? "null" : weights.length) + " and " + (components == null ? "null" : components.size()));
        }
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] >= 0 && weights[k] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weight " + k + " must be finite and >= 0, got " + weights[k]);
            }
            total += weights[k];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("mixture weights are all 0");
        }
        int d = components.get(0).dimension();
        for (int k = 0; k < weights.length; k++) {
            if (components.get(k) == null || components.get(k).dimension() != d) {
                throw new IllegalArgumentException("component " + k + " is null or not of dimension " + d);
            }
        }
        return d;
    }

    @Override
    double[][] draw(int n, UniformRandomProvider rng) {
        int[] counts = new int[components.size()];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (u >= cumulative[k] && k < counts.length - 1) {
                k++;
            }
            counts[k]++;
        }
        double[][] out = new double[n][];
        int pos = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                continue;
            }
            double[][] part = components.get(k).sample(counts[k], rng);
            System.arraycopy(part, 0, out, pos, counts[k]);
            pos += counts[k];
        }
        return out;
    }

    @Override
    public double[] logDensity(double[][] y) {
        int n = y.length;
        double[][] terms = new double[components.size()][];
        for (int k = 0; k < terms.length; k++) {
            terms[k] = components.get(k).logDensity(y);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < terms.length; k++) {
                max = Math.max(max, logWeights[k] + terms[k][i]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                out[i] = max;
                continue;
            }
            double s = 0;
            for (int k = 0; k < terms.length; k++) {
                s += Math.exp(logWeights[k] + terms[k][i] - max);
            }
            out[i] = max + Math.log(s);
        }
        return out;
    }

    @Override
    public String toString() {
        return "mixture proposal of " + components;
    }
}
