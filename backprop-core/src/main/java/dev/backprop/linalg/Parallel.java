package dev.backprop.linalg;

/**
 * Runs element-wise work over large arrays on the threads {@link Gemm} multiplies with, so that the passes between
 * products (activations, their derivatives, bias gradients) do not leave a core idle. Pieces are claimed as in
 * {@link Gemm}'s pool: the caller never waits for a busy worker.
 */
public final class Parallel {
    /**
     * Below this many indices a range runs on the calling thread: handing a piece to another core costs a few
     * microseconds. System property {@code backprop.parallelElements} overrides it.
     */
    static final int MIN_LENGTH = Integer.getInteger("backprop.parallelElements", 1 << 15);

    private Parallel() {
    }

    /**
     * Whether {@link #forRanges} would share a range of this length among threads (with alignment 1): callers with a
     * cheaper serial form use it below that.
     *
     * @param length how many iterations
     * @return true if the range is long enough and there is more than one thread
     */
    public static boolean wouldSplit(int length) {
        return length >= MIN_LENGTH && Gemm.threads() > 1;
    }

    /**
     * Runs {@code loop} over [0, length), split into pieces whose boundaries are multiples of {@code align} (so a
     * piece may be a whole number of rows), each run by one thread. Since iterations are independent, the result does
     * not depend on the split: every iteration runs exactly once, in the same way.
     *
     * @param length how many iterations; {@code >= 0}
     * @param align  piece boundaries fall on multiples of this; {@code >= 1}
     * @param loop   the work; its iterations must not depend on each other
     * @throws IllegalArgumentException if length is negative or align is not positive
     */
    public static void forRanges(int length, int align, RangeLoop loop) {
        if (length < 0 || align < 1) {
            throw new IllegalArgumentException("length must be >= 0 and align >= 1 but were " + length + ", " + align);
        }
        if (length < MIN_LENGTH || length < 2 * align || !GemmKernels.runRanges(loop, length, align)) {
            loop.run(0, length);
        }
    }
}
