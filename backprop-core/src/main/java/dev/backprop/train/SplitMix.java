package dev.backprop.train;

import java.util.random.RandomGenerator;

/**
 * The algorithm of {@link java.util.SplittableRandom} (SplitMix: Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), draw for draw and split for split, with a state that can be read
 * and restored, which checkpoints need and {@code SplittableRandom} does not offer. The state is two longs: s, which
 * each draw advances by the odd γ, and γ itself.
 * <pre>
 *   nextLong = mix64(s += γ)       nextInt = mix32(s += γ)       nextDouble = (nextLong >>> 11) 2⁻⁵³
 *   split    = new SplitMix(nextLong, mixGamma(s += γ))
 * </pre>
 * {@code nextInt(bound)} is {@link RandomGenerator}'s default rejection method, as in {@code SplittableRandom}.
 * Not thread-safe.
 */
final class SplitMix implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    private SplitMix(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** The generator {@code new SplittableRandom(seed)} is. */
    static SplitMix of(long seed) {
        return new SplitMix(seed, GOLDEN_GAMMA);
    }

    /**
     * A generator in the state {@link #state()} returned.
     *
     * @throws IllegalArgumentException if the state is not two longs with an odd γ
     */
    static SplitMix fromState(long[] state) {
        if (state == null || state.length != 2 || (state[1] & 1L) == 0) {
            throw new IllegalArgumentException("a random generator's state is two numbers, the second odd");
        }
        return new SplitMix(state[0], state[1]);
    }

    /** {s, γ}: {@link #fromState} continues exactly where this generator is. */
    long[] state() {
        return new long[] {seed, gamma};
    }

    /** Moves on by {@code draws} draws of nextLong, nextDouble or nextInt() in O(1). */
    SplitMix skip(long draws) {
        seed += draws * gamma;
        return this;
    }

    SplitMix split() {
        return new SplitMix(nextLong(), mixGamma(nextSeed()));
    }

    private long nextSeed() {
        return seed += gamma;
    }

    @Override
    public long nextLong() {
        return mix64(nextSeed());
    }

    @Override
    public int nextInt() {
        return mix32(nextSeed());
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
