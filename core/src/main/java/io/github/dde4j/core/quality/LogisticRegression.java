package io.github.dde4j.core.quality;

/**
 * Binary logistic regression with penalty |w|^2 / 2 (intercept not penalised), solved to its
 * optimum by Newton's method: each step solves H s = -g with conjugate gradients on
 * Hessian-vector products (O(rows x features) each, so a one-hot feature per date is affordable),
 * then halves the step until the objective falls. The objective is strictly convex, so the
 * optimum, and hence the ranking of rows, does not depend on the solver.
 */
final class LogisticRegression {

    private static final int MAX_NEWTON = 100;
    private static final double GRADIENT_TOL = 1e-9;

    private LogisticRegression() {
    }

    /** Weights, the intercept last, for rows x and labels y in {0, 1}. */
    static double[] fit(double[][] x, double[] y) {
        int d = x[0].length;
        double[] w = new double[d + 1];
        double f = objective(x, y, w);
        for (int it = 0; it < MAX_NEWTON; it++) {
            double[] p = new double[x.length];
            double[] g = new double[d + 1];
            for (int i = 0; i < x.length; i++) {
                p[i] = sigmoid(margin(w, x[i]));
                double r = p[i] - y[i];
                for (int k = 0; k < d; k++) {
                    g[k] += r * x[i][k];
                }
                g[d] += r;
            }
            for (int k = 0; k < d; k++) {
                g[k] += w[k];
            }
            double gnorm = norm(g);
            if (gnorm < GRADIENT_TOL * Math.max(1, x.length)) {
                break;
            }
            double[] s = conjugateGradient(x, p, g, Math.min(0.5, Math.sqrt(gnorm)) * gnorm);
            double t = 1;
            double[] next = new double[d + 1];
            double fNext;
            do {
                for (int k = 0; k <= d; k++) {
                    next[k] = w[k] + t * s[k];
                }
                fNext = objective(x, y, next);
                t /= 2;
            } while (fNext > f && t > 1e-10);
            if (!(fNext <= f)) {
                break;
            }
            boolean moved = f - fNext > 1e-15 * Math.abs(f);
            w = next;
            f = fNext;
            if (!moved) {
                break;
            }
        }
        return w;
    }

    /** The log-odds of label 1 for one row. */
    static double margin(double[] w, double[] row) {
        double z = w[row.length];
        for (int k = 0; k < row.length; k++) {
            z += w[k] * row[k];
        }
        return z;
    }

    private static double objective(double[][] x, double[] y, double[] w) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double z = margin(w, x[i]);
            double signed = y[i] == 1 ? z : -z;
            f += signed > 0 ? Math.log1p(Math.exp(-signed)) : -signed + Math.log1p(Math.exp(signed));
        }
        for (int k = 0; k < w.length - 1; k++) {
            f += 0.5 * w[k] * w[k];
        }
        return f;
    }

    /** Solves H s = -g, H = X~' diag(p(1-p)) X~ + diag(1,..,1,0) with X~ = [X, 1]. */
    private static double[] conjugateGradient(double[][] x, double[] p, double[] g, double tol) {
        int m = g.length;
        double[] s = new double[m];
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            r[k] = -g[k];
        }
        double[] dir = r.clone();
        double rr = dot(r, r);
        for (int it = 0; it < 10 * m && Math.sqrt(rr) > tol; it++) {
            double[] hd = hessianTimes(x, p, dir);
            double alpha = rr / dot(dir, hd);
            for (int k = 0; k < m; k++) {
                s[k] += alpha * dir[k];
                r[k] -= alpha * hd[k];
            }
            double rrNew = dot(r, r);
            for (int k = 0; k < m; k++) {
                dir[k] = r[k] + rrNew / rr * dir[k];
            }
            rr = rrNew;
        }
        return s;
    }

    private static double[] hessianTimes(double[][] x, double[] p, double[] v) {
        int d = v.length - 1;
        double[] out = new double[d + 1];
        for (int i = 0; i < x.length; i++) {
            double xv = margin(v, x[i]);
            double c = p[i] * (1 - p[i]) * xv;
            for (int k = 0; k < d; k++) {
                out[k] += c * x[i][k];
            }
            out[d] += c;
        }
        for (int k = 0; k < d; k++) {
            out[k] += v[k];
        }
        return out;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
