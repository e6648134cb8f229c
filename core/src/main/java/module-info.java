/**
 * dde4j core: the shared vocabulary (densities, samplers, seeded random sources, argument checks),
 * tables and their files, closed-form distributions, two-sample metrics, toys, training events and
 * quality scores. Every package is API; the packages whose records Jackson binds (configs, schemas,
 * reports) are opened to it.
 */
module io.github.dde4j.core {
    // UniformRandomProvider and the Jackson annotations appear in public signatures
    requires transitive org.apache.commons.rng.api;
    requires transitive com.fasterxml.jackson.annotation;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.apache.commons.rng.simple;
    requires org.apache.commons.rng.sampling;
    requires org.apache.commons.numbers.gamma;
    requires org.slf4j;

    exports io.github.dde4j.core;
    exports io.github.dde4j.core.data;
    exports io.github.dde4j.core.dist;
    exports io.github.dde4j.core.metrics;
    exports io.github.dde4j.core.progress;
    exports io.github.dde4j.core.quality;
    exports io.github.dde4j.core.table;
    exports io.github.dde4j.core.toy;

    opens io.github.dde4j.core.data to com.fasterxml.jackson.databind;
    opens io.github.dde4j.core.dist to com.fasterxml.jackson.databind;
    opens io.github.dde4j.core.progress to com.fasterxml.jackson.databind;
    opens io.github.dde4j.core.quality to com.fasterxml.jackson.databind;
    opens io.github.dde4j.core.table to com.fasterxml.jackson.databind;
}
