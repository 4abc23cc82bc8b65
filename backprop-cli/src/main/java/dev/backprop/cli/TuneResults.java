package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results file of {@code backprop tune}: one JSON object per line, one line per finished trial, each appended by
 * one write and flushed to the disk, so a run stopped at any moment loses at most the trial under way (a line cut off
 * mid-write, the start of a line of this search, is cut off the file, atomically, and its trial run again; any other
 * text is refused and left as it is). Every line carries the search's spec; a file whose lines carry
 * another is refused, so two searches never mix. A trial may appear twice only as the same line (two runs of one
 * search appending to one file).
 */
final class TuneResults {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How every trial's line begins. */
    private static final String LINE_START = "{\"spec\":";

    private final Path file;
    private final String spec;
    private final Map<Integer, JsonNode> done = new LinkedHashMap<>();

    private TuneResults(Path file, String spec) {
        this.file = file;
        this.spec = spec;
    }

    /**
     * The trials already in {@code file}, refusing a file of another search. None if it does not exist or is no
     * regular file: a device or pipe ({@code /dev/null}, {@code /dev/stdout}) keeps nothing to resume from, and
     * reading one would wait for ever or never end ({@code /dev/zero}).
     */
    static TuneResults open(Path file, String spec) throws IOException {
        TuneResults results = new TuneResults(file, spec);
        if (!Files.isRegularFile(file) || AtomicFiles.writtenInPlace(file)) {
            return results;
        }
        // A trial's line begins so: a file that does not is refused before it is read whole (it may be large).
        byte[] opening = LINE_START.getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(opening.length);
            if (!Arrays.equals(first, Arrays.copyOf(opening, first.length))) {
                throw new UserException(file + " is no results file of backprop tune (its first line is no trial's "
                        + "JSON object, which begins " + LINE_START + "): give another --results file");
            }
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // Every trial's line ends with a newline: text after the last one is a line cut off mid-write.
        String whole = text.substring(0, text.lastIndexOf('\n') + 1);
        String[] lines = whole.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (IOException e) {
                throw new UserException(file + ": line " + (i + 1) + " is not a trial's JSON object; this is no "
                        + "results file of backprop tune");
            }
            if (!node.isObject() || !node.path("spec").isTextual() || !node.path("trial").isInt()) {
                throw new UserException(file + ": line " + (i + 1) + " is not a trial of backprop tune");
            }
            if (!node.get("spec").asText().equals(spec)) {
                throw new UserException(file + " holds the trials of another search (line " + (i + 1) + " differs "
                        + "in " + differences(node.get("spec").asText(), spec) + "); give another --results file, "
                        + "or delete this one to start again");
            }
            JsonNode earlier = results.done.putIfAbsent(node.get("trial").asInt(), node);
            if (earlier != null && !earlier.equals(node)) {
                // Two runs of one search on one file may both append a trial, with the same scores; other scores
                // for one trial mean the file was edited.
                throw new UserException(file + ": line " + (i + 1) + " holds trial " + node.get("trial").asInt()
                        + " again with other scores or settings; which one is meant is not known: give another "
                        + "--results file, or delete this one to start again");
            }
        }
        if (whole.length() < text.length()) {
            // Only the start of a line of this search is a line cut off mid-write; any other text is not ours to cut.
            String tail = text.substring(whole.length());
            String begun = LINE_START + MAPPER.writeValueAsString(spec) + ",";
            if (tail.length() <= begun.length() ? !begun.startsWith(tail) : !tail.startsWith(begun)) {
                throw new UserException(file + ": its last line (" + (lines.length + (whole.isEmpty() ? 0 : 1))
                        + ") has no newline at its end and is not the start of a trial of this search cut off "
                        + "mid-write; this is no results file of backprop tune: give another --results file");
            }
            AtomicFiles.writeString(file, whole);
        }
        return results;
    }

    /**
     * The parts in which two specs differ, by name ({@code data-sha256, options}): a spec is parts {@code name=value}
     * joined by {@code "; "}, the preprocessing's part named by its record's name.
     */
    private static String differences(String found, String wanted) {
        Map<String, String> theirs = parts(found);
        Map<String, String> ours = parts(wanted);
        if (!theirs.keySet().equals(ours.keySet())) {
            return "its form: it was written by another version of backprop tune";
        }
        List<String> names = new ArrayList<>();
        ours.forEach((name, part) -> {
            if (!part.equals(theirs.get(name))) {
                names.add(name);
            }
        });
        String named = String.join(", ", names);
        return names.contains("data-sha256") ? named + ": the data holds other rows than those the trials were scored "
                + "on" : named;
    }

    private static Map<String, String> parts(String spec) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : spec.split("; ")) {
            parts.put(part.split("[=\\[]", 2)[0], part);
        }
        return parts;
    }

    /** Whether the file keeps what is appended for a rerun to read back: a regular file, not a device or pipe. */
    boolean keeps() {
        return Files.isRegularFile(file) && !AtomicFiles.writtenInPlace(file);
    }

    /** The finished trials by number, as read. */
    Map<Integer, JsonNode> done() {
        return done;
    }

    /** Appends one finished trial as one line, with the spec, and forces it to the disk. */
    void append(ObjectNode trial) throws IOException {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("spec", spec);
        line.setAll(trial);
        AtomicFiles.append(file, MAPPER.writeValueAsString(line) + "\n");
        done.put(trial.get("trial").asInt(), line);
    }
}
