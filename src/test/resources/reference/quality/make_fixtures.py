#!/usr/bin/env python3
"""Deterministic real / holdout / synthetic splits of the three tables in ../../tables, then
quality_reference.py's JSON on each. Run from this folder with /usr/bin/python3 (Debian's pandas,
SciPy, scikit-learn); the Java tests read the files it writes and never run Python.

real = the first 40% of a seeded permutation of the rows, holdout = the next 30%; synthetic =
the last 30%, perturbed cell by cell so that every score is below 1: numbers get Gaussian noise
of 0.15 column standard deviations (rounded to the column's decimals), 10% of the other cells take
another row's value, and 3% of all cells are emptied.
"""
import subprocess, sys
import numpy as np, pandas as pd

TABLES = {  # name: (categorical columns beyond text ones, ignored identifier columns)
    "penguins-full": ([], []),
    "cars": (["Cylinders"], ["Name"]),
    "seattle-weather": ([], []),
}


def decimals(cells):
    return max((len(c.split(".")[1]) if "." in c else 0) for c in cells)


def perturb(df, rng):
    out = df.copy()
    for c in df.columns:
        col = df[c]
        present = col.notna()
        nums = pd.to_numeric(col[present], errors="coerce")
        if nums.notna().all() and c not in ("Cylinders",):
            d = decimals(col[present].tolist())
            noisy = nums + rng.normal(0, 0.15 * nums.std(), len(nums))
            out.loc[present, c] = [f"{v:.{d}f}" for v in noisy]
        else:
            swap = rng.random(len(col)) < 0.10
            donors = rng.integers(0, len(col), len(col))
            vals = col.to_numpy(dtype=object).copy()
            vals[swap] = col.to_numpy(dtype=object)[donors[swap]]
            out[c] = vals
        empty = rng.random(len(col)) < 0.03
        out.loc[empty, c] = None
    return out


def main():
    for name, (categorical, ignore) in TABLES.items():
        df = pd.read_csv(f"../../tables/{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
        rng = np.random.default_rng(13)
        perm = rng.permutation(len(df))
        n_real, n_hold = int(0.4 * len(df)), int(0.3 * len(df))
        real = df.iloc[perm[:n_real]]
        hold = df.iloc[perm[n_real:n_real + n_hold]]
        syn = perturb(df.iloc[perm[n_real + n_hold:]].reset_index(drop=True), rng)
        for part, t in (("real", real), ("holdout", hold), ("synthetic", syn)):
            t.to_csv(f"{name}-{part}.csv", index=False)
        args = [sys.executable, "quality_reference.py", "--real", f"{name}-real.csv", "--synthetic",
                f"{name}-synthetic.csv", "--holdout", f"{name}-holdout.csv", "--seed", "0"]
        if categorical:
            args += ["--categorical", ",".join(categorical)]
        if ignore:
            args += ["--ignore", ",".join(ignore)]
        with open(f"{name}-expected.json", "w") as f:
            f.write(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


if __name__ == "__main__":
    main()
