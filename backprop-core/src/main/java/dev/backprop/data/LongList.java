package dev.backprop.data;

import java.util.Arrays;

/** A growable {@code long[]}: amortised O(1) append, no boxing. Not thread-safe. */
final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, DoubleList.growTo(size));
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The values added, in an array of exactly {@link #size()}. */
    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
