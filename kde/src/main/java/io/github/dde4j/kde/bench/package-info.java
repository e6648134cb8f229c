/**
 * A programmatic benchmark of the exact KDE ({@link io.github.dde4j.kde.bench.KdeBenchmark}),
 * used by the command line's {@code bench kde} and by {@code benchmarks/kde-side-by-side.sh}.
 */
package io.github.dde4j.kde.bench;
