package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
     * A trial's line: its scores, or why it was skipped, and what else its line in the results file says (an option
     * left out, the earlier trial it trains the same as, whether it was read from the file).
     *
     * @param trial  its number, from 1
     * @param values its searched settings' values
     * @param line   its line in the results file
     * @param score  the ranking score's name
     * @param from   the results file's name when the trial was read from it rather than run, else null
     */
    String row(int trial, Map<TrainingSetting<?>, Object> values, JsonNode line, String score, String from) {
        List<String> notes = new ArrayList<>();
        if (line.has("skipped")) {
            notes.add("skipped: " + line.get("skipped").asText());
        }
        List<String> unused = new ArrayList<>();
        line.path("unused").forEach(why -> unused.add(why.asText()));
        if (line.has("sameAs")) {
            notes.add("the same training as trial " + line.get("sameAs").asInt() + ", as " + String.join("; ", unused));
        } else {
            notes.addAll(unused);
        }
        if (from != null) {
            notes.add("from " + from);
        }
        List<String> cells = new ArrayList<>(List.of(Integer.toString(trial)));
        for (SearchDimension dimension : dimensions) {
            cells.add(SearchDimension.text(values.get(dimension.setting())));
        }
        boolean scored = line.has("mean");
        cells.add(scored ? SelectionCommand.fixed(line.path("mean").path(score).asDouble(Double.NaN)) : "-");
        cells.add(scored ? SelectionCommand.fixed(line.path("sd").path(score).asDouble(Double.NaN)) : "-");
        cells.add(notes.isEmpty() ? "" : "(" + String.join("; ", notes) + ")");
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
