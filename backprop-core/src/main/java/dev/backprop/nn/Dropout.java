package dev.backprop.nn;

import java.util.random.RandomGenerator;

/**
 * Inverted dropout on one layer's activations (see {@link Regularization}): a mask m with m_i = 0 with probability
 * p and 1/(1 - p) otherwise, applied as a' = m ∘ a going forward and δ ← m ∘ δ coming back, since ∂a'/∂a = m.
 * The mask buffer is sized once; drawing a mask allocates nothing. Not thread-safe.
 */
final class Dropout {
    private final double rate;
    private final double keepScale;
    private final double[] mask;
    /** m ∘ a, what the next layer reads while training. */
    final double[] dropped;
    private final RandomGenerator random;

    /**
     * @param rate     p, in (0, 1)
     * @param capacity the most values one mask covers (rows x units)
     * @param random   the source of the masks, advanced by each {@link #drawMask}
     */
    Dropout(double rate, int capacity, RandomGenerator random) {
        this.rate = rate;
        this.keepScale = 1.0 / (1.0 - rate);
        this.mask = new double[capacity];
        this.dropped = new double[capacity];
        this.random = random;
    }

    /** Draws a fresh mask for the first {@code count} values. */
    void drawMask(int count) {
        for (int i = 0; i < count; i++) {
            mask[i] = random.nextDouble() < rate ? 0.0 : keepScale;
        }
    }

    /** {@link #dropped}_i = m_i a_i for i &lt; count; a is not modified. Returns {@link #dropped}. */
    double[] forward(double[] a, int count) {
        for (int i = 0; i < count; i++) {
            dropped[i] = mask[i] * a[i];
        }
        return dropped;
    }

    /** δ_i ← m_i δ_i for i &lt; count. */
    void backward(double[] delta, int count) {
        for (int i = 0; i < count; i++) {
            delta[i] *= mask[i];
        }
    }
}
