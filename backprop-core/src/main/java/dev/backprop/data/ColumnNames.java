package dev.backprop.data;

import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Column names as a message lists them: a file or model may have hundreds of thousands of columns, and a message that
 * listed them all would be megabytes on one line, so at most {@value #SHOWN} are named and the rest counted.
 */
public final class ColumnNames {
    /** The most names a list shows. */
    public static final int SHOWN = 20;

    private ColumnNames() {
    }

    /**
     * {@code a, b, c}, or {@code a, b, ..., t and 1,234 more} past {@value #SHOWN} names.
     *
     * @param names the names, in order; not modified
     * @return the list, for a message
     */
    public static String listed(Collection<String> names) {
        return join(names, "");
    }

    /**
     * {@code 'a', 'b', 'c'}, or {@code 'a', 'b', ..., 't' and 1,234 more} past {@value #SHOWN} names.
     *
     * @param names the names, in order; not modified
     * @return the list, each name in single quotes, for a message
     */
    public static String quoted(Collection<String> names) {
        return join(names, "'");
    }

    private static String join(Collection<String> names, String quote) {
        StringJoiner list = new StringJoiner(", ");
        int shown = 0;
        for (String name : names) {
            if (shown++ == SHOWN) {
                break;
            }
            list.add(quote + name + quote);
        }
        int more = names.size() - SHOWN;
        return more > 0 ? list + String.format(Locale.ROOT, " and %,d more", more) : list.toString();
    }
}
