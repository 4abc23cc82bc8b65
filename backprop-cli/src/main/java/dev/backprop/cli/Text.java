package dev.backprop.cli;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.backprop.linalg.Matrix;
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

    /** A matrix, one row per line, columns right-aligned, each line indented by two spaces. */
    static String matrix(Matrix m) {
        double largest = 0;
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                largest = Math.max(largest, Math.abs(m.get(i, j)));
            }
        }
        // Fixed point reads best; tiny or huge values (late gradients, say) would show as zeros or overflow it.
        String pattern = largest != 0 && (largest < 1e-2 || largest >= 1e6) ? "%.6e" : "%.6f";
        String[][] cells = new String[m.rows()][m.cols()];
        int width = 1;
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                cells[i][j] = String.format(Locale.ROOT, pattern, m.get(i, j));
                width = Math.max(width, cells[i][j].length());
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

    /** Rows of cells as a left-aligned table with a header line. */
    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int j = 0; j < header.size(); j++) {
            widths[j] = header.get(j).length();
            for (List<String> row : rows) {
                widths[j] = Math.max(widths[j], row.get(j).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, widths);
        for (List<String> row : rows) {
            appendRow(sb, row, widths);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < cells.size(); j++) {
            line.append(j == 0 ? "" : "  ").append(cells.get(j)).append(" ".repeat(widths[j] - cells.get(j).length()));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
