package io.github.dde4j.generator;

import io.github.dde4j.core.Checks;
import io.github.dde4j.dde.DdeLearner;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A DDE stepped on data batches before every generator step. */
final class AlongsideTarget extends DdeTarget {
    private final DdeLearner fp;
    private final double[][] data;
    private final int stepsPer;
    private final int batch;

    AlongsideTarget(DdeLearner fp, double[][] data, double sigmaP, int stepsPer, int batch) {
        super(fp, sigmaP, 16);
        Checks.requirePoints(data, fp.dimension(), "data");
        this.fp = fp;
        this.data = Checks.copy(data);
        this.stepsPer = Checks.requireAtLeast(stepsPer, 1, "stepsPerGeneratorStep");
        this.batch = Checks.requireAtLeast(batch, 1, "batchSize");
    }

    @Override
    public void beforeGeneratorStep(long step, UniformRandomProvider rng) {
        for (int i = 0; i < stepsPer; i++) {
            double[][] b = new double[batch][];
            for (int r = 0; r < batch; r++) {
                b[r] = data[rng.nextInt(data.length)];
            }
            fp.step(Nd4j.createFromArray(b).castTo(DataType.FLOAT), s0, rng);
        }
    }

    @Override
    public String describe() {
        return "dde-trained-alongside(sigma=" + s0 + ", " + data.length + " rows)";
    }
}
