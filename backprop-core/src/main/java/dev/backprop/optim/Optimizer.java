package dev.backprop.optim;

import dev.backprop.linalg.Precision;

/**
 * Updates a flat parameter vector θ to reduce a loss J, from its gradient ∇J(θ) (first-order methods) or from the
 * whole {@link Objective} (line-search methods, {@link #needsObjective()}).
 *
 * <p>Lifecycle: one instance serves one training run. {@link #init} sizes and clears the state (velocities,
 * moments, curvature pairs) for P parameters; each {@link #step} moves θ in place; {@link #copy()} gives an
 * independent optimizer in the same state. A step on a vector of another length than the last {@code init}
 * re-initialises first. Not thread-safe.
 *
 * <p>Precision: the first-order optimizers ({@link GradientDescent}, {@link Momentum}, {@link Adam}) also step float
 * parameters ({@link #step(float[], float[])}) with their state in float, as PyTorch keeps it for float32 parameters;
 * {@link #init(int, Precision)} says which. The line-search optimizers have no float step: a float32 run keeps their
 * state and arithmetic in float64 and evaluates the objective in float32, as scikit-learn's float32 networks do
 * through scipy's L-BFGS.
 */
public interface Optimizer {
    /**
     * Sizes the state for {@code parameterCount} parameters and resets it, as before a first step.
     *
     * @param parameterCount P, the length of the parameter vectors the following steps receive, ≥ 0
     * @throws IllegalArgumentException if this optimizer cannot handle that many parameters
     */
    default void init(int parameterCount) {
    }

    /**
     * {@link #init(int)} for steps in {@code precision}: float32 keeps the state (velocities, moments) in float for
     * {@link #step(float[], float[])}, float64 is {@link #init(int)}. An optimizer without a float step keeps its
     * state in double either way.
     *
     * @param parameterCount P, the length of the parameter vectors the following steps receive, ≥ 0
     * @param precision      the format of the following steps' parameters and gradients
     * @throws IllegalArgumentException if this optimizer cannot handle that many parameters
     */
    default void init(int parameterCount, Precision precision) {
        init(parameterCount);
    }

    /**
     * Moves {@code parameters} against {@code gradient} = ∇J(θ). The gradient is not modified; the parameters are.
     *
     * @param parameters θ, moved in place to θ'
     * @param gradient   ∇J(θ), same length as {@code parameters}; not modified
     * @return the largest absolute change made to any parameter, which the trainer's convergence test reads
     * @throws UnsupportedOperationException if this optimizer {@link #needsObjective() needs the objective}
     */
    double step(double[] parameters, double[] gradient);

    /**
     * {@link #step(double[], double[])} in float32: θ and ∇J are floats, the update is computed and rounded in
     * float, and the state is kept in float (after {@link #init(int, Precision)} with float32).
     *
     * @param parameters θ, moved in place to θ'
     * @param gradient   ∇J(θ), same length as {@code parameters}; not modified
     * @return the largest absolute change made to any parameter
     * @throws UnsupportedOperationException for an optimizer without a float step (the line searches)
     */
    default double step(float[] parameters, float[] gradient) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no float32 step");
    }

    /**
     * One step given θ, ∇J(θ) = {@code gradient}, J(θ) = {@code value} and the objective J itself, which
     * line-search methods evaluate at trial points; first-order methods ignore {@code value} and {@code objective}
     * (the default calls {@link #step(double[], double[])}). The gradient is not modified; the parameters are.
     *
     * @param parameters θ, moved in place to θ'
     * @param gradient   ∇J(θ), same length as {@code parameters}; not modified
     * @param value      J(θ)
     * @param objective  J, deterministic and over the full batch; may be evaluated several times
     * @return the largest absolute change made to any parameter (0 when no step reduced J)
     */
    default double step(double[] parameters, double[] gradient, double value, Objective objective) {
        return step(parameters, gradient);
    }

    /**
     * Whether {@link #step} needs the objective, which must then be deterministic and over the full batch.
     *
     * @return true for the line-search methods ({@link Lbfgs}, {@link Bfgs}), false for first-order ones
     */
    default boolean needsObjective() {
        return false;
    }

    /**
     * Sets the learning rate η for the following steps (a schedule calls this each epoch). Optimizers that choose
     * their own step length (line searches) ignore it.
     *
     * @param learningRate η, finite and &gt; 0
     * @throws IllegalArgumentException if η is not finite and &gt; 0
     */
    default void setLearningRate(double learningRate) {
    }

    /**
     * An independent optimizer in the same state.
     *
     * @return a new optimizer with the same settings and a deep copy of the state; stepping either leaves the other unchanged
     */
    Optimizer copy();

    /**
     * Everything a step reads besides its arguments and η, as numbers: with {@link #restore} on a fresh optimizer
     * of the same kind, the next steps are bit-identical to this one's (checkpoints rely on it). Empty for an
     * optimizer that keeps no state. Each implementation documents its layout. Float state is widened to double
     * exactly, and narrowed back exactly by {@link #restore}.
     *
     * @return a new array holding the state, empty if there is none
     */
    default double[] state() {
        return new double[0];
    }

    /**
     * Puts back a {@link #state()} after {@link #init} with the same parameter count. {@code state} is not modified.
     *
     * @param state an array from {@link #state()} of an optimizer of the same kind and size
     * @throws IllegalArgumentException if it does not have the layout and length this optimizer writes
     */
    default void restore(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("this optimizer keeps no state but " + state.length
                    + " numbers were given");
        }
    }

    /**
     * The check shared by {@link #restore} implementations: the state's length.
     *
     * @param optimizer the optimizer's name, for the message
     * @param state     the state given to {@code restore}
     * @param expected  the length the optimizer writes
     * @throws IllegalArgumentException if the lengths differ
     */
    static void checkStateLength(String optimizer, double[] state, long expected) {
        if (state.length != expected) {
            throw new IllegalArgumentException(optimizer + " state must have " + expected + " numbers but has "
                    + state.length);
        }
    }

    /**
     * The check shared by every constructor and setter: η finite and &gt; 0.
     *
     * @param learningRate the η to check
     * @return {@code learningRate} unchanged
     * @throws IllegalArgumentException if it is NaN, infinite or ≤ 0
     */
    static double checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite but was " + learningRate);
        }
        return learningRate;
    }
}
