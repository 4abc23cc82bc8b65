package dev.backprop.cli;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.train.TrainingSummary;

import java.util.List;
import java.util.Locale;

/** Formatting numbers and tables for people; locale-free so output is the same everywhere. */
final class Text {
    private Text() {
    }

    /** A number as a person writes it: {@link TrainingSummary#number}, as training reports losses. */
    static String number(double v) {
        return TrainingSummary.number(v);
    }

    /**
     * The shortest decimal that reads back as {@code v}, in {@link Double#toString}'s layout ({@code 3.0},
     * {@code 1.0E-5}): Jackson's Schubfach writer, about twice as fast as Java 17's {@link Double#toString}, which
     * sometimes writes a digit more; the same text on every JDK.
     */
    static String exact(double v) {
        return NumberOutput.toString(v, true);
    }

    /**
     * {@link #exact(double)} of a value of {@code precision}: for float32, the shortest decimal that reads back as the
     * float {@code v} holds ({@code 0.1}, not the 17 digits of the double it widens to).
     */
    static String exact(double v, Precision precision) {
        return precision == Precision.FLOAT32 ? NumberOutput.toString((float) v, true) : exact(v);
    }

    /** A matrix, one row per line, columns right-aligned, each line indented by two spaces. */
    static String matrix(Matrix m) {
        return matrix(m, Integer.MAX_VALUE);
    }

    /**
     * A matrix as {@link #matrix(Matrix)}, but with more than {@code 2 edge + 1} rows (or columns) only the first and
     * last {@code edge} are shown, with "..." where the others are left out.
     */
    static String matrix(Matrix m, int edge) {
        int[] rows = shown(m.rows(), edge);
        int[] cols = shown(m.cols(), edge);
        double largest = 0;
        for (int i : rows) {
            for (int j : cols) {
                largest = i < 0 || j < 0 ? largest : Math.max(largest, Math.abs(m.get(i, j)));
            }
        }
        // Fixed point reads best; tiny or huge values (late gradients, say) would show as zeros or overflow it.
        String pattern = largest != 0 && (largest < 1e-2 || largest >= 1e6) ? "%.6e" : "%.6f";
        String[][] cells = new String[rows.length][cols.length];
        int width = 3;
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                cells[r][c] = rows[r] < 0 || cols[c] < 0 ? "..."
                        : String.format(Locale.ROOT, pattern, m.get(rows[r], cols[c]));
                width = Math.max(width, cells[r][c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            sb.append("  [");
            for (int j = 0; j < row.length; j++) {
                sb.append(j == 0 ? "" : "  ").append(" ".repeat(width - row[j].length())).append(row[j]);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    /** The indices shown of {@code count}: all, or the first and last {@code edge} with -1 between for "...". */
    private static int[] shown(int count, int edge) {
        if (count <= 2L * edge + 1) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] some = new int[2 * edge + 1];
        for (int i = 0; i < edge; i++) {
            some[i] = i;
            some[edge + 1 + i] = count - edge + i;
        }
        some[edge] = -1;
        return some;
    }

    /**
     * Rows of cells as a left-aligned table with a header line, one line per row: a line break or tab inside a cell
     * (a quoted CSV value may hold one) is shown as {@code \n}, {@code \r} or {@code \t}.
     */
    static String table(List<String> header, List<List<String>> rows) {
        List<String> shownHeader = header.stream().map(Text::oneLine).toList();
        List<List<String>> shownRows = rows.stream().map(row -> row.stream().map(Text::oneLine).toList()).toList();
        int[] widths = new int[header.size()];
        for (int j = 0; j < header.size(); j++) {
            widths[j] = shownHeader.get(j).length();
            for (List<String> row : shownRows) {
                widths[j] = Math.max(widths[j], row.get(j).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, shownHeader, widths);
        for (List<String> row : shownRows) {
            appendRow(sb, row, widths);
        }
        return sb.toString();
    }

    private static String oneLine(String cell) {
        return cell.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < cells.size(); j++) {
            line.append(j == 0 ? "" : "  ").append(cells.get(j)).append(" ".repeat(widths[j] - cells.get(j).length()));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
