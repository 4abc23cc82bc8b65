package dev.backprop.linalg;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The bytes an allocation sized by input may take, and the check every such allocation passes before it is made:
 * sizes are computed in {@code long} (rows x width, parameters, workspaces, optimizer state), compared with what the
 * heap can still give, and refused with one line that says what was too big, how much it needs and how much there
 * is, instead of an {@link OutOfMemoryError} (or an {@code int} overflow) half-way through.
 *
 * <p>{@link #heap()} measures the JVM when asked: {@link Runtime#maxMemory()} minus the bytes in use, less a margin
 * of {@value #MARGIN_PERCENT} % and {@value #RESERVE_MB} MB for what the estimates leave out (the JVM's own objects,
 * parsers, temporaries). Bytes in use include garbage not yet collected, so before refusing, {@link #require} asks
 * for one collection and measures again. {@link #of} is a fixed budget, for callers that share a heap between jobs.
 * Sizes are printed in binary units (1 GB = 2³⁰ bytes, as {@code -Xmx} counts them). Thread-safe.
 */
public final class MemoryBudget {
    /** The most elements one Java array may have on every common JVM (a few header words below int's range). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    /** Per cent of the free heap kept back by {@link #heap()}. */
    public static final int MARGIN_PERCENT = 10;
    /** Megabytes of the free heap kept back by {@link #heap()}, beside the per-cent margin. */
    public static final int RESERVE_MB = 16;

    private final LongSupplier available;
    private final boolean measured;

    private MemoryBudget(LongSupplier available, boolean measured) {
        this.available = available;
        this.measured = measured;
    }

    /**
     * A fixed budget.
     *
     * @param bytes the bytes allocations may take, ≥ 0
     * @return a budget that always has {@code bytes}
     * @throws IllegalArgumentException if bytes is negative
     */
    public static MemoryBudget of(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a memory budget must be >= 0 bytes but was " + bytes);
        }
        return new MemoryBudget(() -> bytes, false);
    }

    /**
     * The heap of this JVM, measured at each check: max − in use, less the margins above.
     *
     * @return a budget that follows the heap
     */
    public static MemoryBudget heap() {
        return new MemoryBudget(MemoryBudget::freeHeap, true);
    }

    private static long freeHeap() {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        return Math.max(0, free - free / 100 * MARGIN_PERCENT - ((long) RESERVE_MB << 20));
    }

    /**
     * The bytes allocations may take now.
     *
     * @return ≥ 0
     */
    public long available() {
        return available.getAsLong();
    }

    /**
     * Refuses {@code bytes} unless the budget has them. The message reads
     * "{@code WHAT needs 12.8 GB (PARTS) but the JVM may use 6.0 GB; ADVICE}".
     *
     * @param bytes  the bytes the allocation needs, ≥ 0 (compute them with {@link #doubles} and friends)
     * @param what   the subject, e.g. "the network has 400,040,001 parameters: training"
     * @param parts  what the bytes are made of, e.g. "weights, gradient, Adam's two moments"; may be empty
     * @param advice how the user can ask for less, e.g. "use fewer or smaller hidden layers"
     * @throws TooLargeException if the budget has fewer bytes
     */
    public void require(long bytes, String what, String parts, String advice) {
        if (bytes <= available()) {
            return;
        }
        if (measured) {
            // Bytes in use count garbage too: collect once before turning the user away.
            System.gc();
        }
        long have = available();
        if (bytes > have) {
            throw new TooLargeException(what + " needs " + bytes(bytes) + (parts.isEmpty() ? "" : " (" + parts + ")")
                    + " but the JVM may use " + bytes(have) + "; " + advice, bytes, have);
        }
    }

    /**
     * {@code elements} as an array length, refusing what one Java array cannot hold.
     *
     * @param elements the number of elements, computed in long
     * @param what     the array, e.g. "the one-hot matrix of 70,000 rows x 65,536 inputs"
     * @return elements as an int
     * @throws TooLargeException if elements exceeds {@link #MAX_ARRAY_LENGTH} (or is negative: a long overflow); its
     *                           {@link TooLargeException#availableBytes()} is -1, as no heap would help
     */
    public static int arrayLength(long elements, String what) {
        if (elements < 0 || elements > MAX_ARRAY_LENGTH) {
            throw new TooLargeException(what + " would have " + (elements < 0 ? "more than 2^63" : count(elements))
                    + " elements, more than one Java array can hold (" + count(MAX_ARRAY_LENGTH) + ")",
                    elements < 0 ? Long.MAX_VALUE : times(elements, Double.BYTES), -1);
        }
        return (int) elements;
    }

    /**
     * The bytes of {@code count} doubles.
     *
     * @param count ≥ 0
     * @return 8 · count, saturating at {@link Long#MAX_VALUE}
     */
    public static long doubles(long count) {
        return times(count, Double.BYTES);
    }

    /**
     * a · b for sizes, saturating at {@link Long#MAX_VALUE} instead of overflowing.
     *
     * @param a ≥ 0
     * @param b ≥ 0
     * @return a · b, or {@link Long#MAX_VALUE} if that does not fit
     */
    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    /**
     * a + b for sizes, saturating at {@link Long#MAX_VALUE}.
     *
     * @param a ≥ 0
     * @param b ≥ 0
     * @return a + b, or {@link Long#MAX_VALUE} if that does not fit
     */
    public static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * A count with thousands separators, "20,017".
     *
     * @param n any count
     * @return the text, locale-free
     */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A size in binary units with one decimal: "512 bytes", "3.2 MB", "12.8 GB", "more than 8 EB".
     *
     * @param bytes ≥ 0
     * @return the text, locale-free
     */
    public static String bytes(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EB";
        }
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    @Override
    public String toString() {
        return "MemoryBudget(" + (measured ? "heap, " : "") + bytes(available()) + ")";
    }
}
