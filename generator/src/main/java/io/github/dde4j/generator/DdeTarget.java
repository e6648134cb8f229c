package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.dde.ScalarField;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A frozen DDE. */
class DdeTarget extends MonteCarloSmoothed {
    private final ScalarField fp;

    DdeTarget(ScalarField fp, double sigmaP, int mc) {
        super(Checks.requirePositive(sigmaP, "sigmaP"), mc);
        this.fp = fp;
    }

    @Override
    INDArray baseValue(INDArray u) {
        return fp.value(u).castTo(u.dataType()).reshape(u.rows());
    }

    @Override
    INDArray baseScore(INDArray u) {
        return fp.inputGradient(u).castTo(u.dataType());
    }

    @Override
    ScalarField.ValueAndGradient baseValueAndScore(INDArray u) {
        ScalarField.ValueAndGradient vg = fp.valueAndGradient(u);
        return new ScalarField.ValueAndGradient(vg.value().castTo(u.dataType()).reshape(u.rows()),
                vg.gradient().castTo(u.dataType()));
    }

    @Override
    public int dimension() {
        return fp.dimension();
    }

    @Override
    public String describe() {
        return "dde(sigma=" + s0 + ", d=" + fp.dimension() + ")";
    }
}
