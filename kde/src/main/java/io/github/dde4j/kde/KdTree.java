package io.github.dde4j.kde;

/**
 * A kd-tree over n points in R^d, built once and never changed.
 *
 * <p>Points are stored in tree order, column by column ({@code coords[k * n + i]} is coordinate k
 * of the i-th point in tree order), so that the inner loops over the points of a leaf run over
 * contiguous memory and the JIT can vectorise them. Every node covers a contiguous range
 * {@code [start, end)} of tree order and keeps the tight bounding box of its points, from which
 * the squared distance of a query to the nearest and to the farthest corner is a lower and an
 * upper bound on its squared distance to any point of the node.
 *
 * <p>Splits are on the widest side of the bounding box at the median, so the tree is balanced;
 * a node whose points all coincide is a leaf whatever its size.
 */
final class KdTree {

    final int n;
    final int d;
    /** Coordinates in tree order, column-major: {@code coords[k * n + i]}. */
    final double[] coords;
    /** {@code order[i]} is the caller's row index of the i-th point in tree order. */
    final int[] order;

    final int[] start;
    final int[] end;
    /** Left child, or -1 for a leaf; the right child is {@code right[node]}. */
    final int[] left;
    final int[] right;
    /** Bounding boxes, {@code lo[node * d + k]} and {@code hi[node * d + k]}. */
    final double[] lo;
    final double[] hi;
    final int nodeCount;
    final int depth;

    /**
     * Builds the tree over the rows of {@code points} (n x d; not modified).
     *
     * @param leafSize the largest number of points in a leaf (at least 1)
     */
    KdTree(double[][] points, int leafSize) {
        this.n = points.length;
        this.d = points[0].length;
        int maxNodes = 2 * Math.max(1, (n + leafSize - 1) / leafSize) * 2 + 1;
        int[] st = new int[maxNodes];
        int[] en = new int[maxNodes];
        int[] le = new int[maxNodes];
        int[] ri = new int[maxNodes];
        double[] l = new double[maxNodes * d];
        double[] h = new double[maxNodes * d];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Builder b = new Builder(points, idx, leafSize, st, en, le, ri, l, h);
        b.build(0, n, 0);
        this.nodeCount = b.count;
        this.depth = b.maxDepth;
        this.start = java.util.Arrays.copyOf(b.st, nodeCount);
        this.end = java.util.Arrays.copyOf(b.en, nodeCount);
        this.left = java.util.Arrays.copyOf(b.le, nodeCount);
        this.right = java.util.Arrays.copyOf(b.ri, nodeCount);
        this.lo = java.util.Arrays.copyOf(b.lo, nodeCount * d);
        this.hi = java.util.Arrays.copyOf(b.hi, nodeCount * d);
        this.order = idx;
        this.coords = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] row = points[idx[i]];
            for (int k = 0; k < d; k++) {
                coords[k * n + i] = row[k];
            }
        }
    }

    boolean isLeaf(int node) {
        return left[node] < 0;
    }

    /** Squared distance from q to the nearest point of the node's box (0 inside it). */
    double minDist2(int node, double[] q) {
        int o = node * d;
        double s = 0;
        for (int k = 0; k < d; k++) {
            double qk = q[k];
            double a = lo[o + k] - qk;
            double b = qk - hi[o + k];
            double g = Math.max(0.0, Math.max(a, b));
            s += g * g;
        }
        return s;
    }

    /** Squared distance from q to the farthest corner of the node's box. */
    double maxDist2(int node, double[] q) {
        int o = node * d;
        double s = 0;
        for (int k = 0; k < d; k++) {
            double qk = q[k];
            double g = Math.max(Math.abs(qk - lo[o + k]), Math.abs(hi[o + k] - qk));
            s += g * g;
        }
        return s;
    }

    /** The leaf that q falls into when descending by the split boxes (used to order queries). */
    int leafOf(double[] q) {
        int node = 0;
        while (!isLeaf(node)) {
            int l = left[node];
            int r = right[node];
            node = minDist2(l, q) <= minDist2(r, q) ? l : r;
        }
        return node;
    }

    private static final class Builder {
        final double[][] p;
        final int[] idx;
        final int leafSize;
        int[] st;
        int[] en;
        int[] le;
        int[] ri;
        double[] lo;
        double[] hi;
        int count;
        int maxDepth;
        final int d;

        Builder(double[][] p, int[] idx, int leafSize, int[] st, int[] en, int[] le, int[] ri, double[] lo, double[] hi) {
            this.p = p;
            this.idx = idx;
            this.leafSize = leafSize;
            this.st = st;
            this.en = en;
            this.le = le;
            this.ri = ri;
            this.lo = lo;
            this.hi = hi;
            this.d = p[0].length;
        }

        int build(int s, int e, int depthNow) {
            int node = count++;
            ensureCapacity(count);
            maxDepth = Math.max(maxDepth, depthNow);
            st[node] = s;
            en[node] = e;
            int o = node * d;
            for (int k = 0; k < d; k++) {
                lo[o + k] = Double.POSITIVE_INFINITY;
                hi[o + k] = Double.NEGATIVE_INFINITY;
            }
            for (int i = s; i < e; i++) {
                double[] row = p[idx[i]];
                for (int k = 0; k < d; k++) {
                    double v = row[k];
                    if (v < lo[o + k]) {
                        lo[o + k] = v;
                    }
                    if (v > hi[o + k]) {
                        hi[o + k] = v;
                    }
                }
            }
            int dim = 0;
            double widest = -1;
            for (int k = 0; k < d; k++) {
                double w = hi[o + k] - lo[o + k];
                if (w > widest) {
                    widest = w;
                    dim = k;
                }
            }
            if (e - s <= leafSize || !(widest > 0)) {
                le[node] = -1;
                ri[node] = -1;
                return node;
            }
            int mid = (s + e) >>> 1;
            select(s, e - 1, mid, dim);
            int l = build(s, mid, depthNow + 1);
            int r = build(mid, e, depthNow + 1);
            le[node] = l;
            ri[node] = r;
            return node;
        }

        private void ensureCapacity(int nodes) {
            if (nodes <= st.length) {
                return;
            }
            int cap = Math.max(nodes, st.length * 2);
            st = java.util.Arrays.copyOf(st, cap);
            en = java.util.Arrays.copyOf(en, cap);
            le = java.util.Arrays.copyOf(le, cap);
            ri = java.util.Arrays.copyOf(ri, cap);
            lo = java.util.Arrays.copyOf(lo, cap * d);
            hi = java.util.Arrays.copyOf(hi, cap * d);
        }

        /** Quickselect on idx[a..b] (inclusive) by coordinate dim so that idx[k] is in place. */
        private void select(int a, int b, int k, int dim) {
            while (b > a) {
                // median of three as pivot keeps sorted or clustered inputs from going quadratic
                int m = (a + b) >>> 1;
                double va = p[idx[a]][dim];
                double vm = p[idx[m]][dim];
                double vb = p[idx[b]][dim];
                double pivot = Math.max(Math.min(va, vm), Math.min(Math.max(va, vm), vb));
                int i = a;
                int j = b;
                while (i <= j) {
                    while (p[idx[i]][dim] < pivot) {
                        i++;
                    }
                    while (p[idx[j]][dim] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        int t = idx[i];
                        idx[i] = idx[j];
                        idx[j] = t;
                        i++;
                        j--;
                    }
                }
                if (k <= j) {
                    b = j;
                } else if (k >= i) {
                    a = i;
                } else {
                    return;
                }
            }
        }
    }
}
