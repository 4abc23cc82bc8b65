package dev.backprop.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample of printed output in README.md, examples/README.md and docs/*.md is what its command prints.
 *
 * <p>The rules, written for contributors in docs/contributing.md: a fenced block without a language (or with
 * {@code text}, {@code txt}, {@code console}, {@code output} or {@code log}) is printed output, and the line before
 * its opening fence is either {@code <!-- sample: COMMAND -->}, which this test runs and compares, or
 * {@code <!-- recorded: DATE, WHAT RAN -->}, a measurement this test cannot repeat. COMMAND is a shell
 * line run from the repository's root: {@code ./backprop ARGS} commands joined by {@code &&}, each optionally
 * followed by {@code > /dev/null} (run it, show nothing), {@code | head -n N} or {@code | tail -n N} (a line
 * {@code ...} stands for the lines left out). A sample shows stdout, and the {@code error:} line on stderr of a
 * command that fails; progress and timings go to stderr, so they never appear.
 *
 * <p>{@code -Dbackprop.updateSamples=true} rewrites every sample block from what its command prints now.
 */
class DocSamplesTest {
    private static final Path ROOT = Path.of("..");
    private static final boolean UPDATE = Boolean.getBoolean("backprop.updateSamples");
    private static final Pattern SAMPLE = Pattern.compile("<!-- sample: (.+) -->");
    private static final Pattern RECORDED = Pattern.compile("<!-- recorded: \\d{4}-\\d{2}-\\d{2}, .+ -->");
    private static final Pattern FILTER = Pattern.compile("(.*?)\\s*(?:\\|\\s*(head|tail) -n (\\d+)|(> /dev/null))?");
    /** Arguments that name files: resolved in the temporary copy of the repository, then printed as given. */
    private static final Pattern FILE_ARGUMENT = Pattern.compile(".*/.*|.*\\.(csv|tsv|arff|json|png|svg|html|md|onnx)");
    private static final String ELIDED = "...";
    /** The opening fence of printed output: no language, or one that names output rather than code. */
    private static final Pattern OUTPUT_FENCE = Pattern.compile("```(text|txt|console|output|log)?");

    @TempDir
    static Path repository;

    /** A sample block: the Markdown file, the 0-based line of its marker, the command and the lines shown. */
    record Sample(Path file, int markerLine, String command, List<String> shown) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + (markerLine + 1);
        }
    }

    static List<Path> documents() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("examples/README.md")));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 0-based lines that open a fenced block; a block closes at a run of at least as many backticks. */
    static List<Integer> openingFences(List<String> lines) {
        List<Integer> openings = new ArrayList<>();
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (fence == null && line.startsWith("```")) {
                openings.add(i);
                fence = line.replaceAll("^(`+).*", "$1");
            } else if (fence != null && line.startsWith(fence) && line.matches("`+\\s*")) {
                fence = null;
            }
        }
        return openings;
    }

    static List<Sample> samples(Path file) {
        List<String> lines = lines(file);
        List<Sample> samples = new ArrayList<>();
        for (int open : openingFences(lines)) {
            Matcher marker = open > 0 ? SAMPLE.matcher(lines.get(open - 1)) : null;
            if (marker != null && marker.matches() && OUTPUT_FENCE.matcher(lines.get(open)).matches()) {
                int close = open + 1;
                while (!lines.get(close).startsWith("```")) {
                    close++;
                }
                samples.add(new Sample(file, open - 1, marker.group(1), List.copyOf(lines.subList(open + 1, close))));
            }
        }
        return samples;
    }

    @Test
    void everyOutputBlockIsCheckedOrRecorded() {
        List<String> unmarked = new ArrayList<>();
        for (Path file : documents()) {
            List<String> lines = lines(file);
            for (int open : openingFences(lines)) {
                boolean output = OUTPUT_FENCE.matcher(lines.get(open)).matches();
                String before = open > 0 ? lines.get(open - 1) : "";
                if (output && !SAMPLE.matcher(before).matches() && !RECORDED.matcher(before).matches()) {
                    unmarked.add(ROOT.relativize(file) + ":" + (open + 1));
                }
            }
        }
        assertThat(unmarked).as("output blocks without <!-- sample: ... --> or <!-- recorded: DATE, ... -->")
                .isEmpty();
    }

    @Test
    void markersSitOnlyBeforeOutputBlocks() {
        List<String> misplaced = new ArrayList<>();
        for (Path file : documents()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                boolean marker = lines.get(i).startsWith("<!-- sample:") || lines.get(i).startsWith("<!-- recorded:");
                if (marker && (i + 1 == lines.size() || !OUTPUT_FENCE.matcher(lines.get(i + 1)).matches()
                        || !(SAMPLE.matcher(lines.get(i)).matches() || RECORDED.matcher(lines.get(i)).matches()))) {
                    misplaced.add(ROOT.relativize(file) + ":" + (i + 1));
                }
            }
        }
        assertThat(misplaced).as("markers that are malformed or not right before a ``` output block").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everySamplePrintsWhatItShows() throws IOException {
        copy(ROOT.resolve("data"), repository.resolve("data"));
        copy(ROOT.resolve("examples"), repository.resolve("examples"));
        return documents().stream().flatMap(file -> samples(file).stream())
                .map(sample -> DynamicTest.dynamicTest(sample + " " + sample.command(), () -> check(sample)));
    }

    private static void check(Sample sample) throws IOException {
        List<String> printed = print(sample.command());
        if (UPDATE && !printed.equals(sample.shown())) {
            rewrite(sample, printed);
            return;
        }
        assertThat(String.join("\n", sample.shown())).as("%s: the block after <!-- sample: %s -->", sample,
                sample.command()).isEqualTo(String.join("\n", printed));
    }

    /** What the command line prints, as a sample shows it. */
    static List<String> print(String command) {
        List<String> shown = new ArrayList<>();
        for (String step : command.split(" && ")) {
            Matcher m = FILTER.matcher(step.trim());
            assertThat(m.matches()).isTrue();
            List<String> printed = run(m.group(1));
            if (m.group(4) != null) {
                continue;
            }
            if (m.group(2) == null) {
                shown.addAll(printed);
                continue;
            }
            int n = Integer.parseInt(m.group(3));
            if (printed.size() <= n) {
                shown.addAll(printed);
            } else if (m.group(2).equals("head")) {
                shown.addAll(printed.subList(0, n));
                elide(shown);
            } else {
                elide(shown);
                shown.addAll(printed.subList(printed.size() - n, printed.size()));
            }
        }
        return shown;
    }

    /** Marks lines left out, once for consecutive gaps. */
    private static void elide(List<String> shown) {
        if (shown.isEmpty() || !shown.get(shown.size() - 1).equals(ELIDED)) {
            shown.add(ELIDED);
        }
    }

    /** Runs one {@code ./backprop ARGS} in this JVM inside the temporary copy of the repository. */
    private static List<String> run(String line) {
        assertThat(line).startsWith("./backprop");
        List<String> args = new ArrayList<>();
        for (String word : line.substring("./backprop".length()).trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String unquoted = word.replaceAll("^'(.*)'$", "$1");
            args.add(FILE_ARGUMENT.matcher(unquoted).matches() ? repository.resolve(unquoted).toString() : unquoted);
        }
        if (!args.isEmpty() && args.get(0).equals("train") && !args.contains("--out") && !args.contains("--resume")) {
            args.addAll(List.of("--out", repository.resolve("model.json").toString()));
        }
        Cli result = Cli.run(args.toArray(String[]::new));
        String printed = result.exitCode() == 0 ? result.out() : result.out() + result.err();
        String prefix = repository.toString() + "/";
        return Arrays.asList(printed.replace(prefix, "").split("\n", -1)).subList(0, lineCount(printed));
    }

    private static int lineCount(String text) {
        return text.isEmpty() ? 0 : text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
    }

    private static void rewrite(Sample sample, List<String> printed) throws IOException {
        Sample now = samples(sample.file()).stream().filter(s -> s.command().equals(sample.command())
                && s.shown().equals(sample.shown())).findFirst().orElseThrow();
        List<String> lines = new ArrayList<>(lines(sample.file()));
        int open = now.markerLine() + 1;
        for (int i = 0; i < sample.shown().size(); i++) {
            lines.remove(open + 1);
        }
        lines.addAll(open + 1, printed);
        Files.writeString(sample.file(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
