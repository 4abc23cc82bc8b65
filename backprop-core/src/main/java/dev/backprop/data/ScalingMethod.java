package dev.backprop.data;

import java.util.Locale;

/** How a column is mapped before it reaches the network; see {@link Scaling}. */
public enum ScalingMethod {
    /** x' = (x - min) / (max - min): each column onto [0, 1], the seed's normalisation. The default. */
    MINMAX("minmax"),
    /** x' = x / max|x|: the seed's source material divides by the column maximum (the same for data ≥ 0). */
    MAX("max"),
    /** x' = (x - mean) / sd: each column to mean 0 and standard deviation 1 over the training rows (z-scores). */
    STANDARD("standard"),
    /** x' = x: the data is already scaled. */
    NONE("none");

    private final String id;

    ScalingMethod(String id) {
        this.id = id;
    }

    /**
     * The name used on the command line, e.g. {@code "minmax"}.
     *
     * @return the lower-case name; {@link #fromId} maps it back to this constant
     */
    public String id() {
        return id;
    }

    /**
     * The method named {@code id} (case-insensitive).
     *
     * @param id a method name; not null
     * @return the matching constant
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static ScalingMethod fromId(String id) {
        for (ScalingMethod m : values()) {
            if (m.id.equals(id.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown scaling '" + id + "' (allowed: minmax, max, standard, none)");
    }
}
