package dev.backprop.io;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link AtomicFiles} in a process of its own ({@link AtomicWriteChild}): a path that names one of the process's
 * descriptors is written through it, keeping what a redirected file held and what the process prints after it; a
 * process ended by SIGTERM in the middle of a write leaves the old file and no temporary file.
 */
class AtomicFilesProcessTest {
    @TempDir
    Path dir;

    @BeforeEach
    void linux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "descriptors as /proc/self/fd are Linux's");
    }

    @Test
    void devStdoutAppendedToALogKeepsTheLogAndWhatIsPrintedAfter() throws Exception {
        Path log = Files.writeString(dir.resolve("log.txt"), "old line\n");
        Process child = child("print", "/dev/stdout").redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(errors(child)).isZero();
        assertThat(Files.readString(log)).isEqualTo("old line\nbefore\nwritten\nafter\n");
        assertThat(files()).containsExactly(log);
    }

    @Test
    void devFdOneRedirectedToAFileIsWrittenInOrderWithTheRestOfStdout() throws Exception {
        Path out = Files.writeString(dir.resolve("out.txt"), "truncated by the redirection\n");
        Process child = child("print", "/dev/fd/1").redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(errors(child)).isZero();
        assertThat(Files.readString(out)).isEqualTo("before\nwritten\nafter\n");
    }

    @Test
    void devStdoutToAReaderThatLeftIsNoError() throws Exception {
        Process child = child("print", "/dev/stdout").start();
        child.getInputStream().close();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(errors(child)).isZero();
    }

    @Test
    void standardInputIsNoPlaceToWrite() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "input\n");
        Process child = child("print", "/dev/stdin").redirectInput(in.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(errors(child)).contains("cannot write /dev/stdin: it is standard input");
        assertThat(Files.readString(in)).isEqualTo("input\n");
    }

    @Test
    void sigtermDuringAWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = Files.writeString(dir.resolve("model.json"), "old");
        Process child = child("hang", target.toString()).start();
        try (BufferedReader said = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(said.readLine()).as(errors(child)).isEqualTo("writing");
            assertThat(files()).hasSize(2);
            child.destroy();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(143);
        assertThat(files()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void aWriteFromAnotherShutdownHookIsRefusedInOneMessage() throws Exception {
        Path target = dir.resolve("late.json");
        Process child = child("atExit", target.toString()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(said).as(errors(child)).isEqualTo("UnwritableFileException: cannot write " + target
                + ": the program is shutting down\n");
        assertThat(files()).isEmpty();
    }

    private ProcessBuilder child(String mode, String path) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, AtomicWriteChild.class.getName(), mode, path)).directory(dir.toFile());
    }

    private static String errors(Process child) throws IOException {
        return child.isAlive() ? "" : new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
