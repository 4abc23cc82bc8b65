package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's {@code serve} section as a user runs it: every {@code curl} line of its {@code sh} blocks is run with
 * the machine's curl against {@code ./backprop serve} of the model the section trains, and must print exactly the
 * block below it.
 */
class ServeDocsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String DOCUMENTED_URL = "http://127.0.0.1:8080";

    @TempDir
    Path dir;

    /** A curl command line and the answer printed under it. */
    record Example(String command, String answer) {
    }

    static List<Example> examples() throws Exception {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = lines.indexOf("### serve: predictions over HTTP");
        assertThat(start).as("README has the serve section").isNotNegative();
        List<Example> examples = new ArrayList<>();
        String pending = null;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```") || line.equals("```")) {
                continue;
            }
            int close = lines.subList(i + 1, lines.size()).indexOf("```") + i + 1;
            List<String> block = lines.subList(i + 1, close);
            if (line.equals("```sh")) {
                List<String> curls = block.stream().filter(l -> l.contains("curl ")).toList();
                assertThat(curls).as("one curl line per block, line " + (i + 1)).hasSizeLessThanOrEqualTo(1);
                pending = curls.isEmpty() ? null : curls.get(0);
            } else if (pending != null) {
                examples.add(new Example(pending, String.join("\n", block) + "\n"));
                pending = null;
            }
            i = close;
        }
        return examples;
    }

    @Test
    void theReadmesCurlLinesPrintWhatItShows() throws Exception {
        List<Example> examples = examples();
        assertThat(examples).hasSize(5);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is not installed: the README's curl lines were not run");
        // Trained and served through ./backprop, so with the engine a user's run has (the Vector API): the answers'
        // last digits depend on it.
        Launcher launcher = Launcher.in(dir.resolve("repo"));
        Process train = launcher.start(dir, Map.of(), "train.err", List.of("train",
                RealDataTest.DATA.toAbsolutePath().resolve("iris.csv").toString(), "--out", "iris.json", "--quiet"));
        assertThat(train.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(train.exitValue()).as(Files.readString(dir.resolve("train.err"))).isZero();
        Process server = launcher.start(dir, Map.of(), "serve.err", List.of("serve", "--model", "iris.json", "--port",
                "0"));
        try {
            URI uri = ServeProcessTest.awaitUrl(server, dir.resolve("serve.err.out"));
            for (Example example : examples) {
                String command = example.command().replace(DOCUMENTED_URL, uri.toString());
                // Printed to a file, not a pipe read to its end, so that a curl left waiting is ended, not waited for.
                Path printed = dir.resolve("curl.out");
                Process curl = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(printed.toFile()).start();
                try {
                    assertThat(curl.waitFor(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS)).as(example.command()).isTrue();
                } finally {
                    curl.descendants().forEach(ProcessHandle::destroyForcibly);
                    curl.destroyForcibly();
                }
                assertThat(Files.readString(printed)).as(example.command()).isEqualTo(example.answer());
            }
        } finally {
            server.destroy();
            boolean ended = server.waitFor(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS);
            server.destroyForcibly();
            assertThat(ended).as("serve ends on SIGTERM").isTrue();
        }
        assertThat(Files.readString(dir.resolve("serve.err"))).doesNotContain("failed");
    }

}
