package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * KDE of a reference set of target samples, redrawn once per generator step: with M rows, the
 * same size as the generator's own KDE reference set, both smoothed scores carry the same
 * finite-sample bias, so at q = p the expected generator gradient is exactly zero.
 */
abstract class ReferenceTarget implements GeneratorTarget {
    final int d;
    final int size;
    private INDArray ref;
    private DataType refType;

    @Override
    public boolean sharesKdeBias() {
        return true;
    }

    ReferenceTarget(int d, int size) {
        this.d = d;
        this.size = Checks.requireAtLeast(size, 2, "referenceSize");
    }

    abstract double[][] draw(int n, UniformRandomProvider rng);

    @Override
    public void beforeGeneratorStep(long step, UniformRandomProvider rng) {
        ref = null;
        ref = Kernels.toNd(draw(size, rng), DataType.FLOAT);
        refType = DataType.FLOAT;
    }

    private synchronized INDArray reference(DataType dt, UniformRandomProvider rng) {
        if (ref == null) {
            ref = Kernels.toNd(draw(size, rng), dt);
            refType = dt;
        }
        if (refType != dt) {
            ref = ref.castTo(dt);
            refType = dt;
        }
        return ref;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double minimumSigma() {
        return 0;
    }

    @Override
    public INDArray smoothedScore(INDArray y, double s, UniformRandomProvider rng) {
        return Kernels.kde(y, reference(y.dataType(), rng), s).score();
    }

    @Override
    public INDArray smoothedLogDensity(INDArray y, double s, UniformRandomProvider rng) {
        return Kernels.kdeLogDensity(y, reference(y.dataType(), rng), s);
    }

    /** One pass over the reference set: the kernel weights give both (see {@link Kernels#kde}). */
    @Override
    public Smoothed smoothed(INDArray y, double s, UniformRandomProvider rng) {
        Kernels.KdeResult r = Kernels.kde(y, reference(y.dataType(), rng), s);
        return new Smoothed(r.score(), r.logDensity());
    }

    @Override
    public double[][] referenceSamples(int n, UniformRandomProvider rng) {
        return draw(n, rng);
    }
}
