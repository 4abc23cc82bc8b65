package dev.backprop.nn;

import java.util.random.RandomGenerator;

/**
 * Inverted dropout on one layer's activations (see {@link Regularization}): a mask m with m_i = 0 with probability
 * p and 1/(1 - p) otherwise, applied as a' = m ∘ a going forward and δ ← m ∘ δ coming back, since ∂a'/∂a = m.
 * The mask buffer is sized once; drawing a mask allocates nothing. Not thread-safe.
 *
 * @param <A> the array type of the pass's format ({@link Arithmetic})
 */
final class Dropout<A> {
    private final Arithmetic<A> arithmetic;
    private final double rate;
    private final double keepScale;
    private final A mask;
    /** m ∘ a, what the next layer reads while training. */
    final A dropped;
    private final RandomGenerator random;

    /**
     * @param arithmetic the format of the arrays
     * @param rate       p, in (0, 1)
     * @param capacity   the most values one mask covers (rows x units)
     * @param random     the source of the masks, advanced by each {@link #drawMask}
     */
    Dropout(Arithmetic<A> arithmetic, double rate, int capacity, RandomGenerator random) {
        this.arithmetic = arithmetic;
        this.rate = rate;
        this.keepScale = 1.0 / (1.0 - rate);
        this.mask = arithmetic.allocate(capacity);
        this.dropped = arithmetic.allocate(capacity);
        this.random = random;
    }

    /** Draws a fresh mask for the first {@code count} values. */
    void drawMask(int count) {
        arithmetic.drawMask(mask, count, rate, keepScale, random);
    }

    /** {@link #dropped}_i = m_i a_i for i &lt; count; a is not modified. Returns {@link #dropped}. */
    A forward(A a, int count) {
        arithmetic.multiplyElements(mask, a, dropped, count);
        return dropped;
    }

    /** δ_i ← m_i δ_i for i &lt; count. */
    void backward(A delta, int count) {
        arithmetic.multiplyElements(mask, delta, delta, count);
    }
}
