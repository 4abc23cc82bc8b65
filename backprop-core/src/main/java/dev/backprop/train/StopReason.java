package dev.backprop.train;

/** Why training stopped. */
public enum StopReason {
    /** The largest absolute parameter change of an iteration fell below the tolerance: the weights stopped changing. */
    CONVERGED("converged"),
    /** The epoch limit was reached first. */
    MAX_EPOCHS("max-epochs");

    private final String id;

    StopReason(String id) {
        this.id = id;
    }

    /** The name printed by the CLI, e.g. {@code "converged"}. */
    public String id() {
        return id;
    }
}
