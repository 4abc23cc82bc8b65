package dev.backprop.data;

import java.util.Locale;

/** What to do with missing cells (an empty CSV cell, {@code ?}, {@code NA}), fitted on training data. */
public enum MissingPolicy {
    /** Refuse the data, naming the column, the number of missing cells and their first lines. The default. */
    ERROR("error"),
    /**
     * Fill numeric inputs with the training mean and categorical inputs with the training mode (most frequent
     * category); rows whose target is missing are dropped, since a target is never invented.
     */
    MEAN("mean"),
    /** Drop every row with a missing cell in an input or the target. */
    DROP("drop");

    private final String id;

    MissingPolicy(String id) {
        this.id = id;
    }

    /**
     * The name used on the command line, e.g. {@code "drop"}.
     *
     * @return the lower-case name; {@link #fromId} maps it back to this constant
     */
    public String id() {
        return id;
    }

    /**
     * The policy named {@code id} (case-insensitive).
     *
     * @param id a policy name; not null
     * @return the matching constant
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static MissingPolicy fromId(String id) {
        for (MissingPolicy p : values()) {
            if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown missing-value policy '" + id + "' (allowed: error, mean, drop)");
    }
}
