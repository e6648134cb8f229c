package io.github.dde4j.generator;

import io.github.dde4j.core.RandomSources;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures {@link Kernels#kdeFused} against {@link Kernels#kdeGemm} (score and log density, float32,
 * n query rows, M reference rows) for several d: the basis of {@link Kernels#FUSED_MAX_DIMENSION}.
 * Not a test; run by hand: {@code java -cp <test-classes:classes:deps> io.github.dde4j.generator.KernelsCrossover [n M reps]}.
 */
public final class KernelsCrossover {

    private KernelsCrossover() {
    }

    public static void main(String[] args) {
        io.github.dde4j.dde.nn.Nd4jRuntime.ensureInitialized();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomSources.seeded(1));
        for (int d : new int[] {1, 2, 5, 8, 16, 24, 32, 48, 64, 128}) {
            INDArray y = GeneratorTrainer.normal(n, d, DataType.FLOAT, g);
            INDArray r = GeneratorTrainer.normal(m, d, DataType.FLOAT, g);
            double s = 0.3;
            for (int w = 0; w < 3; w++) {
                Kernels.kdeFused(y, r, s, true);
                Kernels.kdeGemm(y, r, s);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Kernels.kdeFused(y, r, s, true);
            }
            double fused = (System.nanoTime() - t0) / 1e6 / reps;
            t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Kernels.kdeGemm(y, r, s);
            }
            double gemm = (System.nanoTime() - t0) / 1e6 / reps;
            System.out.printf(Locale.ROOT, "{\"d\":%d,\"n\":%d,\"M\":%d,\"fused_ms\":%.2f,\"gemm_ms\":%.2f}%n", d, n, m, fused, gemm);
        }
    }
}
