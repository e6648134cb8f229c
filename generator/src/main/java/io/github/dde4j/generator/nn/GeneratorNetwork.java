package io.github.dde4j.generator.nn;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable map g_phi: R^k -> R^d from a latent z ~ N(0, I_k) to a sample y = g_phi(z).
 *
 * <p>The generator step (docs/method.md, "The generator loop") needs only first-order gradients: given the
 * external error e_i = dL/dy_i for a batch, {@link Pass#backward(INDArray)} returns
 * dL/dphi = sum_i (dy_i/dphi)^T e_i. Any architecture that can do this can be plugged into
 * {@code GeneratorTrainer}: implement this interface, flatten the parameters into one row
 * vector (the layout is the implementation's), and register a reader with
 * {@link GeneratorNetworks#register} so model files can be reloaded.
 *
 * <p><b>A Deeplearning4j network as a generator.</b> A {@code MultiLayerNetwork} whose output
 * layer is a plain (identity) layer can serve: {@code forward} is {@code output(z)};
 * {@code forwardForBackprop} runs {@code feedForward(z, true)}; {@code backward(e)} calls
 * {@code backpropGradient(e, workspaceMgr)} with the external error (DL4J's
 * "external errors" training mode) and returns {@code gradient().gradient()} flattened in the
 * network's own {@code params()} order. The trainer then applies its own Adam to the flat
 * vector and writes it back with {@code setParams}. dde4j does not depend on
 * deeplearning4j-core (about 800 MB); such an adapter lives in user code.
 *
 * <p>Implementations are immutable: {@link #withParameters(INDArray)} returns a new network.
 * Arrays returned are new and not attached to any workspace.
 */
public interface GeneratorNetwork {

    /** The latent dimension k. */
    int latentDimension();

    /** The output dimension d. */
    int dimension();

    /** Floating-point type of parameters and activations. */
    DataType dataType();

    /** Number of trainable parameters. */
    long parameterCount();

    /** A copy of the parameters as a {@code 1 x parameterCount()} row vector. */
    INDArray parameters();

    /** The same architecture with parameters {@code flat} (copied). */
    GeneratorNetwork withParameters(INDArray flat);

    /** y = g(z) for an {@code n x k} batch; returns {@code n x d}. */
    INDArray forward(INDArray z);

    /** Forward pass that keeps what the backward pass needs. */
    Pass forwardForBackprop(INDArray z);

    /** A short architecture name used in model files (e.g. {@code "mlp"}). */
    String architecture();

    /** The architecture's hyperparameters as a JSON-friendly map (saved in model files). */
    Map<String, Object> describe();

    /** One forward pass remembered for backpropagation. */
    interface Pass {
        /** The batch output y = g(z), {@code n x d}. */
        INDArray output();

        /**
         * Backpropagates the external error {@code dLdy} ({@code n x d}) to the parameters.
         *
         * @return dL/dphi as a {@code 1 x parameterCount()} row vector, same layout as {@link #parameters()}
         */
        INDArray backward(INDArray dLdy);
    }
}
