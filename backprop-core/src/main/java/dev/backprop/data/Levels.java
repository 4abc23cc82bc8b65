package dev.backprop.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Labels numbered in order of first appearance: one hash lookup per cell. Not thread-safe. */
final class Levels {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> labels = new ArrayList<>();

    /** The code of {@code label}, numbering it next if new. */
    int intern(String label) {
        Integer code = codes.get(label);
        if (code == null) {
            code = labels.size();
            codes.put(label, code);
            labels.add(label);
        }
        return code;
    }

    /** The code of {@code label}, or -1 if it has none. */
    int find(String label) {
        Integer code = codes.get(label);
        return code == null ? -1 : code;
    }

    int size() {
        return labels.size();
    }

    /** The labels, code order. */
    List<String> labels() {
        return List.copyOf(labels);
    }
}
