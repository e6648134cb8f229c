package io.github.dde4j.dde;

/**
 * The regression target for grad f at a noisy point y = x + eta, eta ~ N(0, sigma^2 I).
 * Both have the same minimiser, grad log p~ (the score of the smoothed density); they differ in
 * variance.
 */
public enum Objective {
    /**
     * The paper's denoising target -eta / sigma^2. Unbiased but its variance, d / sigma^2, dwarfs
     * the signal at small sigma.
     */
    DENOISING,
    /**
     * The score of a Gaussian KDE over a reference set that contains the clean point x:
     * w_j = softmax_j(-||y - x_j||^2 / (2 sigma^2)), target = (sum_j w_j x_j - y) / sigma^2
     * ("stable target field", Xu et al. 2023). With the whole training set as reference it is the
     * exact KDE score, which is what a DDE of that set should learn.
     */
    LOW_VARIANCE
}
