package dev.backprop.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a column-list option ({@code --ignore}, {@code --keep}, {@code --categorical}) gives. The list is split
 * at its commas, except inside double quotes, which picocli keeps: a name holding a comma is given quoted
 * ({@code --ignore '"Income, USD",id'}), and its quotes are not part of it.
 */
public final class ColumnList {
    private ColumnList() {
    }

    /**
     * The names, each without the pair of double quotes around it.
     *
     * @param given the option's values as picocli split them; not modified
     * @return a new list, in the same order
     */
    public static List<String> names(List<String> given) {
        List<String> names = new ArrayList<>(given.size());
        for (String name : given) {
            boolean quoted = name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"");
            names.add(quoted ? name.substring(1, name.length() - 1) : name);
        }
        return names;
    }

    /**
     * The option value that gives {@code names} back through {@link #names}: joined by commas, a name holding a comma
     * in double quotes.
     *
     * @param names column names; not modified
     * @return the value, e.g. {@code "Income, USD",id}
     */
    public static String joined(List<String> names) {
        List<String> parts = new ArrayList<>(names.size());
        for (String name : names) {
            parts.add(name.contains(",") ? "\"" + name + "\"" : name);
        }
        return String.join(",", parts);
    }
}
