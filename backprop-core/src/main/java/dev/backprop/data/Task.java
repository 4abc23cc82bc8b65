package dev.backprop.data;

import java.util.Locale;

/** What is learned: inferred from the target column by {@link TaskChoice} unless asked for. */
public enum Task {
    /** Predict a number. */
    REGRESSION("regression"),
    /** Predict a class: one output per class seen in training. */
    CLASSIFICATION("classification");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    /**
     * The name used on the command line, e.g. {@code "classification"}.
     *
     * @return the lower-case name; {@link #fromId} maps it back to this constant
     */
    public String id() {
        return id;
    }

    /**
     * The task named {@code id} (case-insensitive).
     *
     * @param id a task name; not null
     * @return the matching constant
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static Task fromId(String id) {
        for (Task t : values()) {
            if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "' (allowed: regression, classification)");
    }

    /**
     * How this task uses its target column.
     *
     * @return numeric for regression (values), categorical for classification (labels)
     */
    public ColumnType targetUse() {
        return this == REGRESSION ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
    }
}
