package dev.backprop.train;

/** Why training stopped. */
public enum StopReason {
    /**
     * The largest absolute parameter change of an epoch fell below the tolerance (or was exactly 0, as when a line
     * search can no longer reduce the loss): the weights stopped changing.
     */
    CONVERGED("converged"),
    /** The epoch limit was reached first. */
    MAX_EPOCHS("max-epochs"),
    /**
     * The validation loss did not improve by more than the tolerance for {@code patience} epochs; the weights of the
     * epoch with the lowest validation loss are kept.
     */
    EARLY_STOPPING("early-stopping"),
    /**
     * With no validation split, the training loss did not improve by more than the tolerance for {@code patience}
     * epochs; the final weights are kept.
     */
    NO_IMPROVEMENT("no-improvement"),
    /**
     * The loss became NaN or infinite (usually a learning rate too large); training stopped at once and the last
     * weights with a finite loss are kept (with a validation split: those of the best validation epoch).
     */
    DIVERGED("diverged"),
    /**
     * A {@link TrainingListener} asked to stop (the CLI does on Ctrl-C or SIGTERM), or the training thread was
     * interrupted ({@link Thread#interrupt()}, as {@code Future.cancel(true)} does; its interrupt status stays set);
     * training stopped at the end of the current batch and keeps the weights it has (with a validation split: those
     * of the best validation epoch).
     */
    INTERRUPTED("interrupted"),
    /**
     * The run's time limit ({@link Trainer#withTimeLimit}) was spent: training stopped at the end of the epoch that
     * spent it and keeps the weights it has (with a validation split: those of the best validation epoch).
     */
    TIME_LIMIT("time-limit");

    private final String id;

    StopReason(String id) {
        this.id = id;
    }

    /**
     * The name printed by the CLI, e.g. {@code "converged"}.
     *
     * @return the lower-case, hyphenated name
     */
    public String id() {
        return id;
    }
}
