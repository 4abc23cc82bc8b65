package dev.backprop.linalg;

/**
 * A loop over the indices [from, to) of some range whose iterations are independent of each other, so that
 * {@link Parallel#forRanges} may run disjoint pieces of the range on different threads. Implementations should be
 * objects kept for the whole of training (fields set before each call) so that running one allocates nothing.
 */
@FunctionalInterface
public interface RangeLoop {
    /**
     * Runs the iterations [from, to).
     *
     * @param from the first index, inclusive
     * @param to   the end index, exclusive
     */
    void run(int from, int to);
}
