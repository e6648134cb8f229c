package io.github.dde4j.dde.sampling;

/**
 * What a Langevin run reports besides its samples.
 *
 * @param chains           the number of chains run (= samples produced)
 * @param steps            steps per chain (all levels)
 * @param scoreEvaluations rows passed to the score in total
 * @param acceptanceRate   the fraction of accepted MALA moves, NaN without the Metropolis adjustment
 */
public record LangevinStats(long chains, long steps, long scoreEvaluations, double acceptanceRate) {
}
