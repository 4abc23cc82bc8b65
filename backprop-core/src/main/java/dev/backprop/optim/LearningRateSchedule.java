package dev.backprop.optim;

import java.util.Locale;

/**
 * How the learning rate η changes from epoch to epoch, starting at η₀. Immutable and stateless: the trainer passes
 * in everything a rule reads, once at the start of each epoch t ≥ 1 (epoch 0 uses η₀).
 * <ul>
 *   <li>{@link Constant}: η_t = η₀.</li>
 *   <li>{@link StepDecay}: η_t = η₀ γ^⌊t / k⌋, dropping by γ every k epochs.</li>
 *   <li>{@link ExponentialDecay}: η_t = η₀ γ^t.</li>
 *   <li>{@link ReduceOnPlateau}: η ← max(γ η, η_min) each time the monitored loss (validation if held out, else
 *       training) has gone {@code patience} more epochs without improving.</li>
 * </ul>
 * A decayed η never reaches 0: it stops at {@link Double#MIN_NORMAL}. Line-search optimizers choose their own step
 * length and ignore η.
 */
public sealed interface LearningRateSchedule {
    /**
     * η for epoch t.
     *
     * @return η for epoch t, &gt; 0 for valid arguments
     * @param initialRate              η₀
     * @param currentRate              η of epoch t - 1
     * @param epoch                    t ≥ 1
     * @param epochsWithoutImprovement epochs since the monitored loss last improved (0 if it just did)
     */
    double rate(double initialRate, double currentRate, int epoch, int epochsWithoutImprovement);

    /**
     * The name of the rule with its parameters, e.g. {@code "step:0.5:100"}; {@link #parse} reads it back.
     *
     * @return the rule's text form
     */
    String id();

    /**
     * η_t = η₀.
     *
     * @return the constant schedule
     */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /**
     * η_t = η₀ γ^⌊t / k⌋.
     *
     * @param factor γ, in (0, 1]
     * @param every  k &gt; 0, epochs between reductions
     * @return the schedule
     * @throws IllegalArgumentException if a value is out of range
     */
    static LearningRateSchedule stepDecay(double factor, int every) {
        return new StepDecay(factor, every);
    }

    /**
     * η_t = η₀ γ^t.
     *
     * @param factor γ, in (0, 1]
     * @return the schedule
     * @throws IllegalArgumentException if γ is out of range
     */
    static LearningRateSchedule exponentialDecay(double factor) {
        return new ExponentialDecay(factor);
    }

    /**
     * η ← max(γ η, η_min) after every {@code patience} epochs without improvement.
     *
     * @param factor      γ, in (0, 1]
     * @param patience    epochs without improvement before each reduction, &gt; 0
     * @param minimumRate η_min ≥ 0, the floor
     * @return the schedule
     * @throws IllegalArgumentException if a value is out of range
     */
    static LearningRateSchedule reduceOnPlateau(double factor, int patience, double minimumRate) {
        return new ReduceOnPlateau(factor, patience, minimumRate);
    }

    /**
     * A schedule from its {@link #id()}: {@code constant}, {@code step:FACTOR:EVERY}, {@code exponential:FACTOR},
     * {@code plateau:FACTOR:PATIENCE[:MIN]} (MIN defaults to 1e-6). {@code step}, {@code exponential} and
     * {@code plateau} alone take defaults 0.5:100, 0.999 and 0.5:10.
     *
     * @param text the schedule's text form, e.g. {@code "plateau:0.5:10"} (names case-insensitive, numbers plain
     *             decimals)
     * @return the schedule
     * @throws IllegalArgumentException naming the expected forms if {@code text} is not one of them
     */
    static LearningRateSchedule parse(String text) {
        String[] parts = text.trim().split(":", -1);
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "constant":
                if (parts.length == 1) {
                    return constant();
                }
                break;
            case "step":
                if (parts.length == 1 || parts.length == 3) {
                    return parts.length == 1 ? stepDecay(0.5, 100)
                            : stepDecay(number(text, parts[1]), epochs(text, parts[2]));
                }
                break;
            case "exponential":
                if (parts.length <= 2) {
                    return exponentialDecay(parts.length == 1 ? 0.999 : number(text, parts[1]));
                }
                break;
            case "plateau":
                if (parts.length == 1) {
                    return reduceOnPlateau(0.5, 10, 1e-6);
                }
                if (parts.length == 3 || parts.length == 4) {
                    return reduceOnPlateau(number(text, parts[1]), epochs(text, parts[2]),
                            parts.length == 4 ? number(text, parts[3]) : 1e-6);
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + text + "' (allowed: constant, "
                + "step[:FACTOR:EVERY], exponential[:FACTOR], plateau[:FACTOR:PATIENCE[:MIN]])");
    }

    /** A factor or rate of the schedule {@code text}: a decimal number (so neither NaN nor a hexadecimal). */
    private static double number(String text, String part) {
        if (!part.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException("learning-rate schedule '" + text + "': '" + part
                    + "' is not a number");
        }
        return Double.parseDouble(part);
    }

    /** A number of epochs of the schedule {@code text}: a whole number. */
    private static int epochs(String text, String part) {
        try {
            return Integer.parseInt(part.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("learning-rate schedule '" + text + "': '" + part
                    + "' is not a whole number of epochs");
        }
    }

    /** η never decays to 0, which no optimizer accepts: it stops at the smallest normal double. */
    private static double positive(double rate) {
        return Math.max(rate, Double.MIN_NORMAL);
    }

    private static double checkFactor(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("a schedule's factor must be in (0, 1] but was " + factor);
        }
        return factor;
    }

    /** η_t = η₀. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double initialRate, double currentRate, int epoch, int epochsWithoutImprovement) {
            return initialRate;
        }

        @Override
        public String id() {
            return "constant";
        }
    }

    /**
     * η_t = η₀ γ^⌊t / k⌋.
     *
     * @param factor γ, in (0, 1]
     * @param every  k &gt; 0
     */
    record StepDecay(double factor, int every) implements LearningRateSchedule {
        /**
         * Checks the values.
         *
         * @param factor γ, in (0, 1]
         * @param every  k &gt; 0
         * @throws IllegalArgumentException if a value is out of range
         */
        public StepDecay {
            checkFactor(factor);
            if (every <= 0) {
                throw new IllegalArgumentException("a step decay's interval must be > 0 epochs but was " + every);
            }
        }

        @Override
        public double rate(double initialRate, double currentRate, int epoch, int epochsWithoutImprovement) {
            return positive(initialRate * Math.pow(factor, epoch / every));
        }

        @Override
        public String id() {
            return String.format(Locale.ROOT, "step:%s:%d", factor, every);
        }
    }

    /**
     * η_t = η₀ γ^t.
     *
     * @param factor γ, in (0, 1]
     */
    record ExponentialDecay(double factor) implements LearningRateSchedule {
        /**
         * Checks the value.
         *
         * @param factor γ, in (0, 1]
         * @throws IllegalArgumentException if γ is out of range
         */
        public ExponentialDecay {
            checkFactor(factor);
        }

        @Override
        public double rate(double initialRate, double currentRate, int epoch, int epochsWithoutImprovement) {
            return positive(initialRate * Math.pow(factor, epoch));
        }

        @Override
        public String id() {
            return String.format(Locale.ROOT, "exponential:%s", factor);
        }
    }

    /**
     * η ← max(γ η, η_min) at {@code patience}, 2 {@code patience}, ... epochs without improvement: after a
     * reduction the loss gets another {@code patience} epochs to improve at the new rate.
     *
     * @param factor      γ, in (0, 1]
     * @param patience    epochs without improvement before a reduction, &gt; 0
     * @param minimumRate η_min ≥ 0, the floor
     */
    record ReduceOnPlateau(double factor, int patience, double minimumRate) implements LearningRateSchedule {
        /**
         * Checks the values.
         *
         * @param factor      γ, in (0, 1]
         * @param patience    epochs without improvement before a reduction, &gt; 0
         * @param minimumRate η_min ≥ 0
         * @throws IllegalArgumentException if a value is out of range
         */
        public ReduceOnPlateau {
            checkFactor(factor);
            if (patience <= 0) {
                throw new IllegalArgumentException("a plateau schedule's patience must be > 0 epochs but was "
                        + patience);
            }
            if (!(minimumRate >= 0) || Double.isInfinite(minimumRate)) {
                throw new IllegalArgumentException(
                        "a plateau schedule's minimum rate must be >= 0 and finite but was " + minimumRate);
            }
        }

        @Override
        public double rate(double initialRate, double currentRate, int epoch, int epochsWithoutImprovement) {
            boolean reduce = epochsWithoutImprovement > 0 && epochsWithoutImprovement % patience == 0;
            return reduce ? positive(Math.max(factor * currentRate, Math.min(minimumRate, currentRate))) : currentRate;
        }

        @Override
        public String id() {
            return String.format(Locale.ROOT, "plateau:%s:%d:%s", factor, patience, minimumRate);
        }
    }
}
