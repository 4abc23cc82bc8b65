package dev.backprop.data;

import java.util.Arrays;

/** A growable {@code int[]}: amortised O(1) append, no boxing. Not thread-safe. */
final class IntList {
    private int[] values;
    private int size;

    IntList() {
        this(16);
    }

    IntList(int capacity) {
        values = new int[Math.max(16, capacity)];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, DoubleList.growTo(size));
        }
        values[size++] = v;
    }

    /** Grows the capacity to at least {@code capacity} values at once. */
    void reserve(int capacity) {
        if (capacity > values.length) {
            values = Arrays.copyOf(values, Math.min(capacity, Integer.MAX_VALUE - 8));
        }
    }

    int size() {
        return size;
    }

    /** The values added, in an array of exactly {@link #size()}. */
    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
