package io.github.dde4j.dde.nn;

/** The floating-point type a network computes in. */
public enum Precision {
    /** 32-bit floats: the default, about twice as fast. */
    FLOAT32,
    /** 64-bit floats: for gradient checks and when float32 rounding matters. */
    FLOAT64
}
