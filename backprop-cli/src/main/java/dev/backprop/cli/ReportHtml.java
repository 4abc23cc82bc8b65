package dev.backprop.cli;

import java.util.List;
import java.util.Locale;

/** The report page's small pieces of HTML: escaped text, tables of text, fixed-point scores. */
final class ReportHtml {
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
     * A name as a table cell shows it: at most {@code most} characters (code points), the last of them an ellipsis
     * when it is cut. A page that is to stay small for any model cannot hold names of any length.
     */
    static String cut(String name, int most) {
        return name.codePointCount(0, name.length()) <= most ? name
                : name.substring(0, name.offsetByCodePoints(0, most - 1)) + "…";
    }

    /** {@code text} safe inside HTML text and attribute values. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
