package dev.backprop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report page's small pieces of HTML: escaped text, tables of text, fixed-point scores. */
final class ReportHtml {
    /** The most characters of a name the page shows. */
    static final int NAME_LENGTH = 40;
    /** The most names one cell lists. */
    static final int LISTED_NAMES = 20;

    private ReportHtml() {
    }

    /** A table with a header row; every cell escaped. */
    static String table(String[] header, List<String[]> rows) {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (String[] row : rows) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append("<td>").append(escape(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** {@code v} with four decimals, as scores between 0 and 1 read best. */
    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * A name (a column's, a class's, a category's) as the page shows it: at most {@value #NAME_LENGTH} characters
     * (code points), the last of them an ellipsis when it is cut. A page that is to stay small for any model and data
     * cannot hold names of any length: a column named by 300,000 characters, shown in three places, made 1.1 MB.
     */
    static String name(String name) {
        return name.codePointCount(0, name.length()) <= NAME_LENGTH ? name
                : name.substring(0, name.offsetByCodePoints(0, NAME_LENGTH - 1)) + "…";
    }

    /**
     * Names as one cell lists them: the first {@value #LISTED_NAMES}, each as {@link #name} shows it, and how many
     * are not shown ({@code "a, b, c and 2,980 more (3,000 categories)"}).
     *
     * @param names the names, in the order to list them
     * @param what  what they are, plural, for the count
     */
    static String names(List<String> names, String what) {
        List<String> shown = new ArrayList<>();
        for (String name : names.subList(0, Math.min(LISTED_NAMES, names.size()))) {
            shown.add(name(name));
        }
        String cell = String.join(", ", shown);
        int hidden = names.size() - shown.size();
        return hidden == 0 ? cell : cell + String.format(Locale.ROOT, " and %,d more (%,d %s)", hidden, names.size(),
                what);
    }

    /** {@code text} safe inside HTML text and attribute values. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
