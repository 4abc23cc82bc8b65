package dev.backprop.data;

import java.util.Arrays;

/** A growable {@code double[]}: amortised O(1) append, no boxing. Not thread-safe. */
final class DoubleList {
    private double[] values = new double[16];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, growTo(size));
        }
        values[size++] = v;
    }

    /** Grows the capacity to at least {@code capacity} values at once. */
    void reserve(int capacity) {
        if (capacity > values.length) {
            values = Arrays.copyOf(values, Math.min(capacity, Integer.MAX_VALUE - 8));
        }
    }

    /** Appends {@code source[offset + k * stride]} for k in [0, count). */
    void addStrided(double[] source, int offset, int stride, int count) {
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(growTo(size), size + count));
        }
        for (int k = 0; k < count; k++) {
            values[size + k] = source[offset + k * stride];
        }
        size += count;
    }

    /** Appends {@code v} until the list holds {@code count} values (none if it holds that many already). */
    void fillTo(int count, double v) {
        if (count > values.length) {
            values = Arrays.copyOf(values, Math.max(growTo(size), count));
        }
        if (count > size) {
            Arrays.fill(values, size, count, v);
            size = count;
        }
    }

    int size() {
        return size;
    }

    double get(int i) {
        return values[i];
    }

    /** The values added, in an array of exactly {@link #size()}: the list's own when it is full (add no more). */
    double[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }

    static int growTo(int size) {
        if (size >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + size + " rows");
        }
        return (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(16L, size * 2L));
    }
}
