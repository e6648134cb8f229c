package io.github.dde4j.dde.nn;

import io.github.dde4j.core.Checks;
import java.lang.reflect.Method;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one entry point to ND4J in dde4j: call {@link #ensureInitialized()} before touching
 * {@link Nd4j} or any {@code INDArray}. It is idempotent and thread safe, and it
 * <ul>
 *   <li>hands ND4J the class loader that loaded dde4j, so that ND4J's service lookups work
 *       under class loaders other than the system one (Jupyter kernels such as IJava load
 *       user jars through their own loader, IJava issue 65);</li>
 *   <li>sets a thread policy for small shared machines: a fixed number of OpenMP/BLAS threads
 *       (default: the cores the JVM has, {@code Runtime.availableProcessors()}; or
 *       {@code -Ddde4j.threads=N}, or {@code OMP_NUM_THREADS})
 *       and, where the environment does not say otherwise, passive waiting
 *       ({@code OMP_WAIT_POLICY=PASSIVE}, {@code GOMP_SPINCOUNT=0}, set in the process
 *       environment before ND4J loads its OpenMP runtime). Spinning OpenMP workers turn a 1 ms
 *       step into 100-200 ms as soon as another process wants the cores;</li>
 *   <li>keeps ND4J quiet: no version-check class-path scan, initialisation logging off, and
 *       ND4J's loggers at WARN where the binding is slf4j-simple. A training run prints only
 *       what its listener prints.</li>
 * </ul>
 * The environment of a running JVM cannot be changed from Java; the wait policy is put into
 * the C environment through libc {@code setenv} (via JNA, which ND4J already ships) and is a
 * best effort: where that fails, set {@code OMP_WAIT_POLICY=PASSIVE} before starting Java.
 */
public final class Nd4jRuntime {

    private static volatile boolean initialized;
    private static volatile int threads;

    private Nd4jRuntime() {
    }

    /** Initialises ND4J once, with the thread count from {@link #defaultThreads()}. */
    public static void ensureInitialized() {
        if (!initialized) {
            init(defaultThreads());
        }
    }

    /**
     * The thread count used by ND4J and its BLAS: {@code -Ddde4j.threads}, else
     * {@code OMP_NUM_THREADS}, else the available processors (a container's CPU limit included). With
     * passive waiting, idle OpenMP workers sleep instead of spinning, so a workstation's cores are
     * used without collapsing a busy small machine.
     */
    public static int defaultThreads() {
        Integer fromProperty = parse(System.getProperty("dde4j.threads"));
        if (fromProperty != null) {
            return fromProperty;
        }
        Integer fromEnv = parse(System.getenv("OMP_NUM_THREADS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The thread count ND4J was initialised with (initialising it if needed). */
    public static int threads() {
        ensureInitialized();
        return threads;
    }

    /**
     * Changes the number of threads ND4J's native operations and its BLAS use from now on.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static synchronized void setThreads(int n) {
        Checks.requireAtLeast(n, 1, "threads");
        ensureInitialized();
        if (sharers > 0) {
            // the new count holds once the shared computations are done; half of it until then
            unshared = n;
            applyThreads(Math.max(1, n / 2));
        } else {
            applyThreads(n);
        }
    }

    /** A hold on the shared thread count; closing it lets go (see {@link #shareThreads()}). */
    public interface SharedThreads extends AutoCloseable {
        @Override
        void close();
    }

    private static int sharers;
    private static int unshared;

    /**
     * Declares the calling thread's work one of two computations running at once, such as a fit on a
     * background thread while the caller's thread fits another model: while any hold is open, ND4J
     * and its BLAS use half the threads (at least one), so that the two together use the cores once
     * instead of oversubscribing them; at these model sizes one fit gains little from a second thread
     * (docs/generator.md, "Where the time goes"). The count changes only when the first hold opens
     * and the last one closes, so each computation runs at the one count from start to end: its
     * results do not depend on which of the two finishes first (ND4J's reductions are summed in
     * per-thread blocks, so the thread count shows in the last bits).
     */
    public static SharedThreads shareThreads() {
        ensureInitialized();
        synchronized (Nd4jRuntime.class) {
            if (sharers++ == 0) {
                unshared = threads;
                applyThreads(Math.max(1, unshared / 2));
            }
        }
        boolean[] open = {true};
        return () -> {
            synchronized (Nd4jRuntime.class) {
                if (open[0]) {
                    open[0] = false;
                    if (--sharers == 0) {
                        applyThreads(unshared);
                    }
                }
            }
        };
    }

    /** Runs {@code task} on the calling thread under a {@link #shareThreads()} hold. */
    public static <T> T sharingThreads(java.util.function.Supplier<T> task) {
        try (SharedThreads hold = shareThreads()) {
            return task.get();
        }
    }

    private static synchronized void init(int n) {
        if (initialized) {
            return;
        }
        // properties first: ND4J's classes open their SLF4J loggers in static initialisers
        setIfAbsent("org.nd4j.versioncheck", "false");
        setIfAbsent("org.nd4j.log.initialization", "false");
        // slf4j-simple reads these on first use; other bindings keep their own configuration
        setIfAbsent("org.slf4j.simpleLogger.log.org.nd4j", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.bytedeco", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.oshi", "warn");
        // "no SLF4J provider" notice: a library must not print it; users who want logs add a binding
        setIfAbsent("slf4j.internal.verbosity", "ERROR");
        setNativeEnvIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        setNativeEnvIfAbsent("GOMP_SPINCOUNT", "0");
        setNativeEnvIfAbsent("OMP_NUM_THREADS", Integer.toString(n));
        ND4JClassLoading.setNd4jClassloader(Nd4jRuntime.class.getClassLoader());
        Nd4j.getBackend(); // loads the native backend under the settings above
        applyThreads(n);
        initialized = true;
    }

    private static void applyThreads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.getEnvironment().setVerbose(false);
        Nd4j.getEnvironment().setDebug(false);
        Nd4j.factory().blas().setMaxThreads(n);
        threads = n;
    }

    private static Integer parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(s.trim());
            return v >= 1 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** libc setenv(key, value, 0) through JNA, by reflection so that JNA stays optional. */
    private static void setNativeEnvIfAbsent(String key, String value) {
        if (System.getenv(key) != null) {
            return;
        }
        try {
            Class<?> nativeLibrary = Class.forName("com.sun.jna.NativeLibrary");
            Object libc = nativeLibrary.getMethod("getInstance", String.class).invoke(null, "c");
            Object function = nativeLibrary.getMethod("getFunction", String.class).invoke(libc, "setenv");
            Method invoke = function.getClass().getMethod("invoke", Class.class, Object[].class);
            invoke.invoke(function, Integer.class, new Object[] {key, value, 0});
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // best effort: without JNA the OpenMP defaults stay in force
        }
    }
}
