package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.io.AtomicFiles;
import dev.backprop.io.UnwritableFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results file of {@code backprop tune}: one JSON object per line, one line per trial, each appended by one write
 * forced to the disk, so a run stopped at any moment loses at most the trial under way (a line cut off mid-write, the
 * start of a line of this search, is cut off the file and its trial run again; any other text is refused and left as
 * it is). Every line carries the search's spec; a file whose lines carry another is refused, so two searches never
 * mix. A trial may appear twice only as the same line.
 *
 * <p>A run holds the file's lock ({@link LockedResultsFile}) from the moment it reads the file, or creates it, to
 * its end, and reads and writes it only through the locked channel (POSIX drops a process's lock when it closes any
 * other descriptor of the file). So a second run on the same file is refused while the first appends, and the cut
 * that repairs a line cut off mid-write can never cut a line another run is writing. A device or pipe
 * ({@code /dev/null}) is only written to, without a lock.
 */
final class TuneResults implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How every trial's line begins. */
    private static final String LINE_START = "{\"spec\":";

    private final Path file;
    private final String spec;
    private final Map<Integer, JsonNode> done = new LinkedHashMap<>();
    /** The file as this run holds it, once read or created; null for a device or pipe. */
    private LockedResultsFile locked;

    private TuneResults(Path file, String spec) {
        this.file = file;
        this.spec = spec;
    }

    /**
     * The trials already in {@code file}, refusing a file of another search or one another run holds. None if it does
     * not exist or is no regular file: a device or pipe ({@code /dev/null}, {@code /dev/stdout}) keeps nothing to
     * resume from, and reading one would wait for ever or never end ({@code /dev/zero}).
     *
     * @throws UserException if another run holds the file, or it is no results file of this search
     */
    static TuneResults open(Path file, String spec) throws IOException {
        TuneResults results = new TuneResults(file, spec);
        if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
            // Created, empty, as the run begins: a second run given it is refused at once, not a trial's work later.
            results.locked = LockedResultsFile.created(file);
            if (results.locked != null) {
                return results;
            }
        }
        if (!Files.isRegularFile(file) || AtomicFiles.writtenInPlace(file)) {
            return results;
        }
        results.locked = LockedResultsFile.existing(file);
        try {
            results.read();
        } catch (IOException | RuntimeException e) {
            results.close();
            throw e;
        }
        return results;
    }

    /** Reads the locked file's trials, cutting off the start of a line of this search cut off mid-write. */
    private void read() throws IOException {
        long size = locked.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new UserException(file + " is " + size + " bytes, larger than any results file of backprop tune: "
                    + "give another --results file");
        }
        // A trial's line begins so: a file that does not is refused from its first bytes, before the rest is read.
        byte[] opening = LINE_START.getBytes(StandardCharsets.UTF_8);
        int head = (int) Math.min(opening.length, size);
        byte[] first = locked.head(head);
        if (first.length < head || !Arrays.equals(first, 0, head, opening, 0, head)) {
            throw new UserException(file + " is no results file of backprop tune (its first line is no trial's "
                    + "JSON object, which begins " + LINE_START + "): give another --results file");
        }
        byte[] bytes = locked.head((int) size);
        // Every trial's line ends with a newline: bytes after the last one are a line cut off mid-write.
        int whole = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                whole = i + 1;
                break;
            }
        }
        int number = 0;
        for (int start = 0; start < whole; number++) {
            int end = start;
            while (bytes[end] != '\n') {
                end++;
            }
            readLine(number + 1, text(bytes, start, end, number + 1));
            start = end + 1;
        }
        if (whole < bytes.length) {
            // Only the start of a line of this search is a line cut off mid-write; any other text is not ours to cut.
            byte[] begun = (LINE_START + MAPPER.writeValueAsString(spec) + ",").getBytes(StandardCharsets.UTF_8);
            int tail = bytes.length - whole;
            int compared = Math.min(tail, begun.length);
            if (!Arrays.equals(bytes, whole, whole + compared, begun, 0, compared)) {
                throw new UserException(file + ": its last line (" + (number + 1) + ") has no newline at its end and "
                        + "is not the start of a trial of this search cut off mid-write; this is no results file of "
                        + "backprop tune: give another --results file");
            }
            if (!locked.writable()) {
                throw new UnwritableFileException(file, "its last line was cut off mid-write and is to be cut off "
                        + "the file, which may only be read (permission denied)", null);
            }
            locked.truncate(whole);
        }
    }

    /** Line {@code number}'s bytes as UTF-8 text; bytes that are not refuse the file. */
    private String text(byte[] bytes, int start, int end, int number) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new UserException(file + ": line " + number + " is not UTF-8 text; this is no results file of "
                    + "backprop tune: give another --results file");
        }
    }

    private void readLine(int number, String text) {
        String line = text.strip();
        if (line.isEmpty()) {
            return;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UserException(file + ": line " + number + " is not a trial's JSON object; this is no results "
                    + "file of backprop tune");
        }
        if (!node.isObject() || !node.path("spec").isTextual() || !node.path("trial").isInt()) {
            throw new UserException(file + ": line " + number + " is not a trial of backprop tune");
        }
        if (!node.get("spec").asText().equals(spec)) {
            throw new UserException(file + " holds the trials of another search (line " + number + " differs in "
                    + differences(node.get("spec").asText(), spec) + "); give another --results file, or delete "
                    + "this one to start again");
        }
        JsonNode earlier = done.putIfAbsent(node.get("trial").asInt(), node);
        if (earlier != null && !earlier.equals(node)) {
            // One trial written twice with the same scores is harmless; other scores for it mean the file was edited.
            throw new UserException(file + ": line " + number + " holds trial " + node.get("trial").asInt()
                    + " again with other scores or settings; which one is meant is not known: give another "
                    + "--results file, or delete this one to start again");
        }
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
        return locked != null || Files.isRegularFile(file) && !AtomicFiles.writtenInPlace(file);
    }

    /** The finished trials by number, as read. */
    Map<Integer, JsonNode> done() {
        return done;
    }

    /**
     * What to warn of when trials read from the file were computed by another engine than {@code now}
     * ({@link ComputeEngine}): their scores may differ from this run's in the last bits. Skipped trials computed
     * nothing and are left out; a line that names no engine was written before lines did.
     *
     * @param trials the search's trials: lines of trials past them are not this run's concern
     * @param now    this run's engine
     * @return the warning's text, or null when every trial read was computed by {@code now}
     */
    String otherEngines(int trials, String now) {
        // In the order of the file's lines, which are the order of the trials.
        Map<String, Integer> counts = new LinkedHashMap<>();
        done.forEach((trial, line) -> {
            if (line.has("mean") && trial <= trials) {
                String engine = line.path("engine").isTextual() ? line.get("engine").asText() : null;
                if (!now.equals(engine)) {
                    counts.merge(engine == null ? "an engine not recorded" : engine, 1, Integer::sum);
                }
            }
        });
        if (counts.isEmpty()) {
            return null;
        }
        List<String> others = new ArrayList<>();
        counts.forEach((engine, count) -> others.add(count + (count == 1 ? " trial" : " trials") + " with " + engine));
        return file + " holds " + String.join(" and ", others) + ", and this run computes with " + now + ": their "
                + "scores may differ from this engine's in the last bits, so a close ranking may not hold (rerun with "
                + "the settings they ran with, such as BACKPROP_VECTOR and OPENBLAS_NUM_THREADS, or give another "
                + "--results file)";
    }

    /**
     * Appends one trial as one line, with the spec, and forces it to the disk; the first line creates the file, and
     * takes its lock.
     *
     * @throws UserException if the file was created by another run since this one found none
     */
    void append(ObjectNode trial) throws IOException {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("spec", spec);
        line.setAll(trial);
        String text = MAPPER.writeValueAsString(line) + "\n";
        if (locked == null && AtomicFiles.writtenInPlace(file)) {
            AtomicFiles.append(file, text);
        } else {
            if (locked == null) {
                locked = LockedResultsFile.created(file);
                if (locked == null) {
                    throw new UserException(file + " was created by another run since this run of backprop tune "
                            + "began; rerun to go on from its trials, or give another --results file");
                }
            }
            locked.append(text.getBytes(StandardCharsets.UTF_8));
        }
        done.put(trial.get("trial").asInt(), line);
    }

    /** Lets the file go, with its lock (and removes it if this run created it and wrote nothing). */
    @Override
    public void close() throws IOException {
        if (locked != null) {
            locked.close();
            locked = null;
        }
    }
}
