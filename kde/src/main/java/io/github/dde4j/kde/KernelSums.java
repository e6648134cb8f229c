package io.github.dde4j.kde;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact engine behind {@link GaussianKde}: for a query q it computes
 *
 * <pre>
 *   log S(q) = log sum_j w_j exp(-||q - u_j||^2 / (2 c^2))
 * </pre>
 *
 * over points u_j held in a {@link KdTree} (already whitened, so the kernel is isotropic), and
 * optionally the unnormalised gradient direction sum_j pi_j (u_j - q) with
 * pi_j = w_j K_j / S. Results are exact to a relative error of at most {@code eps} in S, by the
 * following rigorous bound.
 *
 * <h2>Why pruning is exact</h2>
 * Let W = sum_j w_j and let S_cur be the part of S accumulated so far (S_cur only grows and never
 * exceeds the final computed sum S_fin). A set e of points (a tree node or a single point) with
 * weight W_e and squared distance at least D^2 from q contributes at most W_e exp(-D^2/(2c^2)). We
 * skip it only when
 * <pre>
 *   D^2 / (2 c^2) >= log(W / S_cur) + log(1/eps),   i.e.  W_e exp(-D^2/(2c^2)) <= eps (W_e / W) S_cur,
 * </pre>
 * so the skipped mass summed over all skipped sets is at most eps S_fin sum_e W_e / W <= eps S_fin.
 * For the score the factor ||u_j - q|| is included in the bound (see {@link #cutoff}). The
 * traversal visits the nearer child first, so S_cur becomes large after the first leaf and
 * nodes beyond the cut-off radius are skipped whole; nodes whose farthest corner is inside the
 * cut-off are summed without further descent; eps = 0 sums every point (blocked brute force).
 *
 * <h2>Numerical stability</h2>
 * Sums are kept as S = exp(-ref) * s with ref the smallest exponent seen so far (log-sum-exp with
 * a running maximum), so nothing underflows however far a query is from the data.
 *
 * <h2>Work and memory</h2>
 * Queries are ordered by the leaf they fall into (neighbouring queries touch the same memory),
 * cut into blocks of {@value #QUERY_BLOCK}, and the blocks are shared dynamically by
 * {@link #parallelism()} workers of a ForkJoinPool. Each worker holds O(leaf + depth) scratch
 * memory, so memory beyond the outputs is bounded for any number of points and queries.
 */
final class KernelSums {

    /** Points handled per inner block: fits L1 and is long enough for vectorised loops. */
    static final int CHUNK = 128;
    static final int QUERY_BLOCK = 32;

    private static final class PoolHolder {
        static final ForkJoinPool POOL = new ForkJoinPool(threads(),
                pool -> {
                    var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    t.setDaemon(true);
                    t.setName("dde4j-kde-" + t.getPoolIndex());
                    return t;
                }, null, false);
    }

    /** Development counters (-Ddde4j.kde.stats=true): distances, exps, nodes visited. */
    static final boolean STATS = Boolean.getBoolean("dde4j.kde.stats");
    static final java.util.concurrent.atomic.LongAdder DIST = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder EXPS = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder NODES = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder RESCALES = new java.util.concurrent.atomic.LongAdder();

    /** Worker threads: system property {@code dde4j.kde.threads}, default all available processors. */
    private static int threads() {
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        String p = System.getProperty("dde4j.kde.threads");
        if (p == null || p.isBlank()) {
            return cpus;
        }
        try {
            int t = Integer.parseInt(p.strip());
            return t >= 1 ? Math.min(t, 256) : cpus;
        } catch (NumberFormatException e) {
            return cpus;
        }
    }

    private final KdTree tree;
    /**
     * Log weights in tree order (-inf for weight 0), or null for equal weights (all 1). Working
     * with exponents log w_j - r_j^2/(2c^2) keeps the running maximum right even when weights
     * span hundreds of orders of magnitude or the nearest point has weight 0.
     */
    private final double[] logw;
    private final double logW;
    private final double logInvEps;

    KernelSums(KdTree tree, double[] weightsTreeOrder, double eps) {
        this.tree = tree;
        double total = 0;
        if (weightsTreeOrder == null) {
            this.logw = null;
            total = tree.n;
        } else {
            this.logw = new double[weightsTreeOrder.length];
            for (int i = 0; i < logw.length; i++) {
                total += weightsTreeOrder[i];
                logw[i] = Math.log(weightsTreeOrder[i]);
            }
        }
        this.logW = Math.log(total);
        this.logInvEps = eps > 0 ? -Math.log(eps) : Double.POSITIVE_INFINITY;
    }

    static int parallelism() {
        return PoolHolder.POOL.getParallelism();
    }

    /**
     * out[i] = log sum_j w_j exp(-||q_i - u_j||^2 / (2 c^2)) with {@code invC2 = 1/c^2}, leaving out
     * tree position {@code exclude[i]} when {@code exclude} is non-null (leave-one-out).
     * If grad is non-null (requires invC2 == 1), grad[i] receives sum_j pi_j (u_j - q_i).
     */
    void evaluate(double[][] q, double invC2, int[] exclude, double[] out, double[][] grad) {
        int m = q.length;
        if (m <= QUERY_BLOCK || parallelism() == 1) {
            Worker wk = new Worker(invC2, grad != null);
            for (int i = 0; i < m; i++) {
                out[i] = wk.run(q[i], exclude == null ? -1 : exclude[i], grad == null ? null : grad[i]);
            }
            return;
        }
        int[] perm = orderByLeaf(q);
        int blocks = (m + QUERY_BLOCK - 1) / QUERY_BLOCK;
        AtomicInteger next = new AtomicInteger();
        int tasks = Math.min(parallelism(), blocks);
        Runnable body = () -> {
            Worker wk = new Worker(invC2, grad != null);
            int b;
            while ((b = next.getAndIncrement()) < blocks) {
                int hiI = Math.min(m, (b + 1) * QUERY_BLOCK);
                for (int t = b * QUERY_BLOCK; t < hiI; t++) {
                    int i = perm[t];
                    out[i] = wk.run(q[i], exclude == null ? -1 : exclude[i], grad == null ? null : grad[i]);
                }
            }
        };
        List<ForkJoinTask<?>> running = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            running.add(PoolHolder.POOL.submit(body));
        }
        for (ForkJoinTask<?> t : running) {
            t.join();
        }
    }

    /** Query indices sorted by the tree leaf each query falls into (counting sort). */
    private int[] orderByLeaf(double[][] q) {
        int m = q.length;
        int[] leaf = new int[m];
        int[] count = new int[tree.nodeCount + 1];
        for (int i = 0; i < m; i++) {
            leaf[i] = tree.leafOf(q[i]);
            count[leaf[i] + 1]++;
        }
        for (int k = 0; k < tree.nodeCount; k++) {
            count[k + 1] += count[k];
        }
        int[] perm = new int[m];
        for (int i = 0; i < m; i++) {
            perm[count[leaf[i]]++] = i;
        }
        return perm;
    }

    /** Per-thread state for one query at a time; scratch memory O(CHUNK + tree depth + d). */
    private final class Worker {
        final double invC2;
        final double halfInvC2;
        final boolean withGrad;
        final double[] r2 = new double[CHUNK];
        final double[] e = new double[CHUNK];
        final int[] stackNode;
        final double[] stackDist;
        final double[] g;
        double[] q;
        int exclude;
        double ref;
        double sum;
        double cutR2;

        Worker(double invC2, boolean withGrad) {
            this.invC2 = invC2;
            this.halfInvC2 = 0.5 * invC2;
            this.withGrad = withGrad;
            this.stackNode = new int[2 * tree.depth + 4];
            this.stackDist = new double[2 * tree.depth + 4];
            this.g = new double[tree.d];
        }

        double run(double[] query, int excl, double[] gradOut) {
            this.q = query;
            this.exclude = excl;
            ref = Double.POSITIVE_INFINITY;
            sum = 0;
            cutR2 = Double.POSITIVE_INFINITY;
            Arrays.fill(g, 0.0);
            KdTree t = tree;
            int sp = 0;
            stackNode[sp] = 0;
            stackDist[sp] = t.minDist2(0, query);
            sp++;
            while (sp > 0) {
                sp--;
                int node = stackNode[sp];
                if (STATS) {
                    NODES.increment();
                }
                if (stackDist[sp] > cutR2) {
                    continue;
                }
                if (t.isLeaf(node) || (sum > 0 && t.maxDist2(node, query) <= cutR2)) {
                    range(t.start[node], t.end[node]);
                    continue;
                }
                int l = t.left[node];
                int r = t.right[node];
                double dl = t.minDist2(l, query);
                double dr = t.minDist2(r, query);
                // push the farther child first so the nearer one is summed first: S_cur grows fast
                if (dl <= dr) {
                    if (dr <= cutR2) {
                        stackNode[sp] = r;
                        stackDist[sp++] = dr;
                    }
                    stackNode[sp] = l;
                    stackDist[sp++] = dl;
                } else {
                    if (dl <= cutR2) {
                        stackNode[sp] = l;
                        stackDist[sp++] = dl;
                    }
                    stackNode[sp] = r;
                    stackDist[sp++] = dr;
                }
            }
            if (!(sum > 0)) {
                // only possible when every point was left out (leave-one-out with one point)
                if (gradOut != null) {
                    Arrays.fill(gradOut, Double.NaN);
                }
                return Double.NEGATIVE_INFINITY;
            }
            if (gradOut != null) {
                double inv = 1.0 / sum;
                for (int k = 0; k < g.length; k++) {
                    gradOut[k] = g[k] * inv;
                }
            }
            return Math.log(sum) - ref;
        }

        /** Adds the points [s, e) in tree order, CHUNK at a time. */
        private void range(int s, int en) {
            final KdTree t = tree;
            final int n = t.n;
            final int d = t.d;
            final double[] c = t.coords;
            final double[] rr = r2;
            final double[] ee = e;
            final double[] qq = q;
            for (int cs = s; cs < en; cs += CHUNK) {
                int len = Math.min(CHUNK, en - cs);
                double q0 = qq[0];
                for (int j = 0; j < len; j++) {
                    double v = c[cs + j] - q0;
                    rr[j] = v * v;
                }
                for (int k = 1; k < d; k++) {
                    int base = k * n + cs;
                    double qk = qq[k];
                    for (int j = 0; j < len; j++) {
                        double v = c[base + j] - qk;
                        rr[j] += v * v;
                    }
                }
                if (exclude >= cs && exclude < cs + len) {
                    rr[exclude - cs] = Double.POSITIVE_INFINITY;
                }
                if (ref == Double.POSITIVE_INFINITY) {
                    // first points of this query: the reference exponent is their smallest
                    ref = minExponent(cs, len);
                    if (ref == Double.POSITIVE_INFINITY) {
                        continue; // every point here left out or of weight 0
                    }
                }
                double acc = expSum(cs, len, ref);
                if (!(acc <= 1e200)) {
                    // a point far closer than the reference (rare: the nearer child is visited
                    // first): move the reference to this chunk's smallest exponent and redo it
                    if (STATS) {
                        RESCALES.increment();
                    }
                    double mnHalf = minExponent(cs, len);
                    double f = Math.exp(mnHalf - ref);
                    sum *= f;
                    for (int k = 0; k < d; k++) {
                        g[k] *= f;
                    }
                    ref = mnHalf;
                    acc = expSum(cs, len, ref);
                }
                sum += acc;
                if (STATS) {
                    DIST.add(len);
                    int cnt = 0;
                    for (int j = 0; j < len; j++) {
                        if (rr[j] <= cutR2) {
                            cnt++;
                        }
                    }
                    EXPS.add(cnt);
                }
                if (withGrad) {
                    for (int k = 0; k < d; k++) {
                        int base = k * n + cs;
                        double qk = qq[k];
                        double a = 0;
                        for (int j = 0; j < len; j++) {
                            a += ee[j] * (c[base + j] - qk);
                        }
                        g[k] += a;
                    }
                }
                cutR2 = cutoff();
            }
        }

        /** The smallest exponent r^2/(2c^2) - log w over r2[0..len) (+inf if none is finite). */
        private double minExponent(int cs, int len) {
            final double[] rr = r2;
            double mn = Double.POSITIVE_INFINITY;
            if (logw == null) {
                for (int j = 0; j < len; j++) {
                    mn = Math.min(mn, rr[j]);
                }
                return mn * halfInvC2;
            }
            for (int j = 0; j < len; j++) {
                mn = Math.min(mn, rr[j] * halfInvC2 - logw[cs + j]);
            }
            return mn;
        }

        /**
         * Fills e[j] = w_j exp(rf - r2[j]/(2c^2)) for the points inside the cut-off (0 for the
         * others) and returns their sum.
         */
        private double expSum(int cs, int len, double rf) {
            final double[] rr = r2;
            final double[] ee = e;
            final double cut = cutR2;
            final double hic = halfInvC2;
            double acc = 0;
            if (logw == null) {
                for (int j = 0; j < len; j++) {
                    double v = rr[j];
                    double x = 0;
                    if (v <= cut) {
                        x = Math.exp(rf - v * hic);
                    }
                    ee[j] = x;
                    acc += x;
                }
            } else {
                final double[] lw = logw;
                for (int j = 0; j < len; j++) {
                    double v = rr[j];
                    double x = 0;
                    if (v <= cut) {
                        x = Math.exp(rf - v * hic + lw[cs + j]);
                    }
                    ee[j] = x;
                    acc += x;
                }
            }
            return acc;
        }

        /**
         * Squared distance beyond which points may be skipped, from the bound in the class
         * comment: D^2 / (2c^2) >= ref + log W - log s + log(1/eps). For the score the skipped
         * terms carry a factor ||u_j - q|| (>= 1 there), so we require
         * D^2/2 - log D >= that right-hand side, solved by a short fixed-point iteration.
         */
        private double cutoff() {
            if (!(sum > 0) || logInvEps == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            double half = ref + logW - Math.log(sum) + logInvEps;
            if (half <= 0) {
                half = 0;
            }
            double r2cut = 2 * half / invC2;
            if (withGrad) {
                // f(x) = 2 half + log x; the iteration x <- f(x) started above the fixed point stays
                // above it (f is increasing), so the cut-off is never too small.
                // x0 = 2 half + 2 log(2 half + 2) + 2 satisfies x0 >= f(x0) because 2 log y <= y.
                double x = 2 * half + 2 * Math.log(2 * half + 2) + 2;
                for (int it = 0; it < 3; it++) {
                    x = 2 * half + Math.log(x) + 1e-12 * x;
                }
                r2cut = Math.max(x, 1.0);
            }
            return r2cut;
        }
    }
}
