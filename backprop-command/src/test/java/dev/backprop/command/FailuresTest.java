package dev.backprop.command;

import dev.backprop.io.UnwritableFileException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from exceptions to lines and exit codes, with and without a front end's additions. */
class FailuresTest {
    private static final Failures PLAIN = new Failures(e -> false, e -> e, null);

    @Test
    void fileProblemsAreBadInputAndSayWhatWasWrong() {
        UnwritableFileException unwritable = new UnwritableFileException(Path.of("out.json"), "disk full", null);
        assertThat(PLAIN.exitCode(unwritable)).isEqualTo(Failures.BAD_INPUT);
        assertThat(PLAIN.exitCode(new UncheckedIOException(unwritable))).isEqualTo(Failures.BAD_INPUT);
        assertThat(PLAIN.message(new NoSuchFileException("a.csv"))).isEqualTo("a.csv: no such file");
        assertThat(PLAIN.exitCode(new IOException("broken pipe"))).isEqualTo(Failures.FAILURE);
    }

    @Test
    void aFrontEndAddsItsOwnBadInputAndChoosesTheCauseToShow() {
        Failures own = new Failures(e -> e instanceof IllegalStateException, e -> e.getCause() == null ? e
                : e.getCause(), null);
        RuntimeException wrapped = new IllegalStateException("job failed", new RuntimeException("row 3\nat ..."));
        assertThat(own.exitCode(wrapped)).isEqualTo(Failures.BAD_INPUT);
        assertThat(own.message(wrapped)).isEqualTo("row 3");
        assertThat(PLAIN.exitCode(wrapped)).isEqualTo(Failures.FAILURE);
    }

    @Test
    void heapAdviceOnlyWhereTheFrontEndHasAWay() {
        assertThat(PLAIN.message(new OutOfMemoryError(), "train")).startsWith("out of memory while running train")
                .doesNotContain("-Xmx");
        assertThat(new Failures(e -> false, e -> e, "OPTS").message(new OutOfMemoryError(), "train"))
                .contains("raise the heap with OPTS=-Xmx");
    }
}
