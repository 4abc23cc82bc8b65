package dev.backprop.linalg;

import java.util.Locale;

/**
 * The floating-point format a network trains and predicts in: IEEE 754 binary64 ({@code double}, the default, which
 * every result before float32 existed was computed in) or binary32 ({@code float}: half the bytes to move and twice the
 * numbers per vector instruction, with about 7 significant digits instead of 16).
 */
public enum Precision {
    /** binary64: 53-bit significand, unit roundoff 2⁻⁵³ ≈ 1.1e-16. */
    FLOAT64("float64"),
    /** binary32: 24-bit significand, unit roundoff 2⁻²⁴ ≈ 6.0e-8. */
    FLOAT32("float32");

    private final String id;

    Precision(String id) {
        this.id = id;
    }

    /**
     * The name used in options and files.
     *
     * @return {@code "float64"} or {@code "float32"}
     */
    public String id() {
        return id;
    }

    /**
     * The precision with this {@link #id()}.
     *
     * @param id {@code float64} or {@code float32} (also {@code double}, {@code float}, {@code f64}, {@code f32}),
     *           any case
     * @return the precision
     * @throws IllegalArgumentException for any other word, naming the accepted ones
     */
    public static Precision fromId(String id) {
        switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "float64", "double", "f64", "fp64":
                return FLOAT64;
            case "float32", "float", "f32", "fp32":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("unknown precision '" + id + "' (choose float64 or float32)");
        }
    }

    /**
     * {@code value} as this precision stores it: itself for float64, rounded to the nearest float for float32.
     *
     * @param value any double
     * @return the value this precision holds for it
     */
    public double round(double value) {
        return this == FLOAT32 ? (float) value : value;
    }
}
