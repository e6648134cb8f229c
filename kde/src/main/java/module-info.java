/**
 * dde4j kde: the exact Gaussian kernel density estimator (bandwidth rules and selection, the
 * kd-tree, the pruned kernel-sum engine with its exactness bound, and its dense path for many dimensions
 * through a matrix product the caller supplies). Plain Java, no ND4J. One package, the API.
 */
module io.github.dde4j.kde {
    requires transitive io.github.dde4j.core;
    requires org.apache.commons.rng.sampling;

    exports io.github.dde4j.kde;

    // KdeConfig is a plain record: Jackson binds records through their public accessors and
    // canonical constructor, so the package need not be opened
}
