package dev.backprop.data;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The declared values of a nominal attribute, found from ASCII bytes without a string per lookup: an open-addressing
 * table of the values' bytes. Values with characters beyond ASCII are left out (ASCII bytes never spell them).
 * Immutable, so the parts of a block share it across threads.
 */
final class AsciiLevels {
    private final byte[][] keys;
    private final int[] codes;
    private final int mask;

    /** @param values distinct values; a value's code is its index */
    AsciiLevels(List<String> values) {
        int capacity = Integer.highestOneBit(Math.max(4, values.size() * 4 - 1)) * 2;
        keys = new byte[capacity][];
        codes = new int[capacity];
        mask = capacity - 1;
        for (int code = 0; code < values.size(); code++) {
            String value = values.get(code);
            if (value.chars().allMatch(c -> c < 0x80)) {
                byte[] key = value.getBytes(StandardCharsets.US_ASCII);
                int slot = hash(key, 0, key.length) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                codes[slot] = code;
            }
        }
    }

    /** The code of the value spelt by {@code bytes[from, end)}, or -1 if none is. The bytes are not modified. */
    int find(byte[] bytes, int from, int end) {
        int slot = hash(bytes, from, end) & mask;
        for (byte[] key = keys[slot]; key != null; slot = (slot + 1) & mask, key = keys[slot]) {
            if (java.util.Arrays.equals(key, 0, key.length, bytes, from, end)) {
                return codes[slot];
            }
        }
        return -1;
    }

    private static int hash(byte[] bytes, int from, int end) {
        int h = 0;
        for (int i = from; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 16);
    }
}
