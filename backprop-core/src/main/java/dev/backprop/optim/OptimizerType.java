package dev.backprop.optim;

import dev.backprop.linalg.MemoryBudget;

import java.util.Locale;

/**
 * The optimizers a training run can be configured with, by the names the command line and model files use. Each
 * makes a fresh {@link Optimizer} for one run and knows its natural batch and learning rate.
 */
public enum OptimizerType {
    /** {@link GradientDescent} over the whole data set each epoch: the seed's method. Default η = 1. */
    GD("gd", 1.0),
    /** {@link GradientDescent} over shuffled mini-batches. Default η = 0.01. */
    SGD("sgd", 0.01),
    /** {@link Momentum}, classical, over mini-batches. Default η = 0.01. */
    MOMENTUM("momentum", 0.01),
    /** {@link Momentum} with Nesterov's look-ahead, over mini-batches. Default η = 0.01. */
    NESTEROV("nesterov", 0.01),
    /** {@link Adam} over mini-batches. Default η = 0.001, the paper's. */
    ADAM("adam", Adam.DEFAULT_LEARNING_RATE),
    /** {@link Lbfgs}, full batch, step length by line search. */
    LBFGS("lbfgs", 1.0),
    /** {@link Bfgs}, full batch, step length by line search; small networks only. */
    BFGS("bfgs", 1.0);

    /** The mini-batch size used when none is configured, as scikit-learn's MLP: min(200, n). */
    public static final int DEFAULT_BATCH_SIZE = 200;

    private final String id;
    private final double defaultLearningRate;

    OptimizerType(String id, double defaultLearningRate) {
        this.id = id;
        this.defaultLearningRate = defaultLearningRate;
    }

    /**
     * A fresh optimizer of this type.
     *
     * @return a new optimizer in its initial state
     * @param learningRate η (ignored by the line-search methods)
     * @param momentum     μ for {@link #MOMENTUM} and {@link #NESTEROV} (ignored by the others)
     * @throws IllegalArgumentException if a value the type uses is out of range
     */
    public Optimizer create(double learningRate, double momentum) {
        return switch (this) {
            case GD, SGD -> new GradientDescent(learningRate);
            case MOMENTUM -> new Momentum(learningRate, momentum, false);
            case NESTEROV -> new Momentum(learningRate, momentum, true);
            case ADAM -> new Adam(learningRate);
            case LBFGS -> new Lbfgs();
            case BFGS -> new Bfgs();
        };
    }

    /**
     * η when none is configured: 1 for gd (the seed's), 0.01 for sgd and momentum, 0.001 for adam.
     *
     * @return η₀ &gt; 0 (unused by lbfgs and bfgs)
     */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /**
     * Whether each step needs the deterministic full-batch objective (lbfgs, bfgs).
     *
     * @return true for {@link #LBFGS} and {@link #BFGS}
     */
    public boolean lineSearch() {
        return this == LBFGS || this == BFGS;
    }

    /**
     * Whether this optimizer steps on the whole batch unless told otherwise: gd, lbfgs and bfgs; the others step on
     * mini-batches (a sample of the rows, on Spark).
     *
     * @return true for gd, lbfgs and bfgs
     */
    public boolean fullBatch() {
        return this == GD || lineSearch();
    }

    /**
     * The batch size for {@code rows} training rows when none is configured: all rows for the {@link #fullBatch()}
     * optimizers, else min(200, rows).
     *
     * @param rows the number of training rows, ≥ 0
     * @return the batch size, in [0, rows]
     */
    public int defaultBatchSize(int rows) {
        return fullBatch() ? rows : Math.min(DEFAULT_BATCH_SIZE, rows);
    }

    /**
     * How many doubles a run with this optimizer keeps beside the weights and their gradient: its state and the
     * workspaces it allocates ({@link Optimizer#init}, the line search, the cached objective). For checking a
     * network against the memory it may use before any of it is allocated.
     *
     * @param parameters the network's parameter count P, ≥ 0
     * @return momentum/nesterov P (velocity), adam 2P (two moments), lbfgs (2m + 6) P (m = {@value
     *         Lbfgs#DEFAULT_MEMORY} pairs s, y; direction; line search and cached point and gradient), bfgs P² + 9P
     *         for networks it takes (larger ones it refuses itself), gd and sgd 0; saturating at Long.MAX_VALUE
     */
    public long extraDoubles(long parameters) {
        return switch (this) {
            case GD, SGD -> 0;
            case MOMENTUM, NESTEROV -> parameters;
            case ADAM -> 2 * parameters;
            case LBFGS -> MemoryBudget.times(2L * Lbfgs.DEFAULT_MEMORY + 6, parameters);
            case BFGS -> {
                long kept = Math.min(parameters, Bfgs.MAX_PARAMETERS);
                yield kept * kept + 9 * parameters;
            }
        };
    }

    /**
     * What {@link #extraDoubles} counts, for a message: "Adam's two moments".
     *
     * @return a short noun phrase, empty for gd and sgd
     */
    public String extraState() {
        return switch (this) {
            case GD, SGD -> "";
            case MOMENTUM, NESTEROV -> "the velocity";
            case ADAM -> "Adam's two moments";
            case LBFGS -> "L-BFGS's " + Lbfgs.DEFAULT_MEMORY + " pairs of steps";
            case BFGS -> "BFGS's P x P matrix";
        };
    }

    /**
     * The name used on the command line, e.g. {@code "adam"}.
     *
     * @return the lower-case name; {@link #fromId} maps it back to this constant
     */
    public String id() {
        return id;
    }

    /**
     * The optimizer named {@code id} (case-insensitive; {@code l-bfgs} is accepted for {@code lbfgs}).
     *
     * @param id an optimizer name such as {@code "adam"} or {@code "L-BFGS"}; not null
     * @return the matching constant
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static OptimizerType fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        if (wanted.equals("l-bfgs")) {
            return LBFGS;
        }
        for (OptimizerType t : values()) {
            if (t.id.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id
                + "' (allowed: gd, sgd, momentum, nesterov, adam, lbfgs, bfgs)");
    }
}
