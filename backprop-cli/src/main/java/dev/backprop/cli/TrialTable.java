package dev.backprop.cli;

import dev.backprop.train.TrainingSetting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * tune's live table: a row per trial as it finishes (its number, each searched setting's value, the ranking score's
 * mean and sd, and a note: whether it came from the results file, was skipped, or left an option out), in columns
 * as wide as their headings or ten characters.
 */
final class TrialTable {
    private final List<SearchDimension> dimensions;
    private final List<String> header = new ArrayList<>(List.of("trial"));
    private final int[] widths;

    /**
     * @param dimensions the searched settings, a column each
     * @param score      the ranking score's label
     */
    TrialTable(List<SearchDimension> dimensions, String score) {
        this.dimensions = dimensions;
        dimensions.forEach(d -> header.add(d.name()));
        header.addAll(List.of(score, "sd", ""));
        widths = new int[header.size()];
        for (int j = 0; j < widths.length; j++) {
            widths[j] = Math.max(header.get(j).length(), j == 0 ? 5 : 10);
        }
    }

    /** The headings' line. */
    String header() {
        return row(header);
    }

    /**
     * A trial's line.
     *
     * @param trial  its number, from 1
     * @param values its searched settings' values
     * @param mean   its ranking score's mean over the folds, as printed ("-" for a trial skipped)
     * @param sd     that score's sd, as printed
     * @param note   what else there is to say of it (read from the results file, skipped, an option left out), or ""
     */
    String row(int trial, Map<TrainingSetting<?>, Object> values, String mean, String sd, String note) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(trial)));
        for (SearchDimension dimension : dimensions) {
            cells.add(SearchDimension.text(values.get(dimension.setting())));
        }
        cells.add(mean);
        cells.add(sd);
        cells.add(note);
        return row(cells);
    }

    private String row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < cells.size(); j++) {
            String cell = cells.get(j);
            line.append(j == 0 ? "" : "  ").append(cell).append(" ".repeat(Math.max(0, widths[j] - cell.length())));
        }
        return line.toString().stripTrailing();
    }
}
