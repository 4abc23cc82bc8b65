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

    /** Appends {@code v} until the list holds {@code count} values (none if it holds that many already). */
    void fillTo(int count, int v) {
        if (count > values.length) {
            values = Arrays.copyOf(values, Math.max(DoubleList.growTo(size), count));
        }
        if (count > size) {
            Arrays.fill(values, size, count, v);
            size = count;
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
