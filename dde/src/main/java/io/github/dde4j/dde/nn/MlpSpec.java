package io.github.dde4j.dde.nn;

import io.github.dde4j.core.Checks;
import java.util.List;

/**
 * The shape of a scalar MLP f: R^d -> R: {@code inputDim} inputs, hidden layers of the given
 * widths with a smooth {@code activation}, one linear output. With {@code residual}, every
 * hidden layer whose width equals the previous one adds its input: h_l = act(z_l) + h_{l-1}.
 *
 * @param inputDim     d >= 1
 * @param hiddenWidths at least one hidden layer, each width >= 1
 * @param activation   the smooth activation
 * @param residual     identity skips between hidden layers of equal width
 * @param precision    float32 (default) or float64
 */
public record MlpSpec(int inputDim, List<Integer> hiddenWidths, Activation activation, boolean residual,
                      Precision precision) {

    public MlpSpec {
        Checks.requireAtLeast(inputDim, 1, "inputDim");
        if (hiddenWidths == null || hiddenWidths.isEmpty()) {
            throw new IllegalArgumentException("hiddenWidths must name at least one hidden layer");
        }
        for (int i = 0; i < hiddenWidths.size(); i++) {
            Integer w = hiddenWidths.get(i);
            if (w == null || w < 1) {
                throw new IllegalArgumentException("hiddenWidths[" + i + "] must be >= 1, got " + w);
            }
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        Checks.requireNonNull(activation, "activation");
        if (!activation.isSmooth()) {
            // the DDE's training gradient contains sigma'', which is zero almost everywhere for ReLU
            throw new IllegalArgumentException("activation " + activation + " is not smooth; a DDE needs sigma'' "
                    + "(use SOFTPLUS, TANH or SILU)");
        }
        Checks.requireNonNull(precision, "precision");
    }

    /** Number of hidden layers. */
    public int depth() {
        return hiddenWidths.size();
    }

    /** Width of layer l: l = 0 is the input, 1..depth() the hidden layers. */
    public int width(int l) {
        return l == 0 ? inputDim : hiddenWidths.get(l - 1);
    }

    /** Whether hidden layer l (1-based) has an identity skip. */
    public boolean skip(int l) {
        return residual && l >= 2 && width(l) == width(l - 1);
    }

    /** Total number of trainable parameters. */
    public int parameterCount() {
        int n = 0;
        for (int l = 1; l <= depth(); l++) {
            n += width(l - 1) * width(l) + width(l);
        }
        return n + width(depth()) + 1;
    }
}
