package dev.backprop.data;

import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Column names as messages show them: each on one line, a line break, tab or other control character in it (a quoted
 * header cell may hold any) written as a {@code \n}-style escape, as the printed tables write it, so that an
 * {@code error:} line stays one line and names the column whole. A file or model may have hundreds of thousands of
 * columns, and a message that listed them all would be megabytes on one line, so a list names at most {@value #SHOWN}
 * and counts the rest.
 */
public final class ColumnNames {
    /** The most names a list shows. */
    public static final int SHOWN = 20;

    private ColumnNames() {
    }

    /**
     * {@code 'name'}, escaped onto one line.
     *
     * @param name a column's name (or a target's, a class's: any name that came from input)
     * @return the name in single quotes, for a message
     */
    public static String quoted(String name) {
        return "'" + oneLine(name) + "'";
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

    /**
     * {@code text} on one line: line breaks and tabs as {@code \n}, {@code \r}, {@code \t}; other control characters,
     * and characters that print as nothing or as a plain space (a no-break space, a byte-order mark), as a backslash,
     * u and their code.
     */
    static String oneLine(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) || invisible(c)
                        ? String.format(Locale.ROOT, "\\u%04x", (int) c) : null;
            };
            if (escape != null && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (escape != null) {
                    sb.append(escape);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** A format character (zero width, a byte-order mark) or a separator that is not the plain space. */
    private static boolean invisible(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SPACE_SEPARATOR && c != ' ';
    }

    private static String join(Collection<String> names, String quote) {
        StringJoiner list = new StringJoiner(", ");
        int shown = 0;
        for (String name : names) {
            if (shown++ == SHOWN) {
                break;
            }
            list.add(quote + oneLine(name) + quote);
        }
        int more = names.size() - SHOWN;
        return more > 0 ? list + String.format(Locale.ROOT, " and %,d more", more) : list.toString();
    }
}
