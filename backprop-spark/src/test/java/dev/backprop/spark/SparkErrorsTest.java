package dev.backprop.spark;

import dev.backprop.command.Failures;
import dev.backprop.io.UnwritableFileException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** backprop-spark's errors: the command lines' mapping, plus Spark's malformed rows. */
class SparkErrorsTest {
    @Test
    void anUnwritableFileIsBadInputAsOnTheCommandLine() {
        assertThat(SparkErrors.FAILURES.exitCode(new UnwritableFileException(Path.of("m.json"), "disk full", null)))
                .isEqualTo(Failures.BAD_INPUT);
    }

    @Test
    void aMalformedRowIsBadInputAndShowsSparksInnermostMessage() {
        RuntimeException failure = new RuntimeException("Job aborted",
                new RuntimeException("Malformed records are detected in record parsing",
                        new RuntimeException("Malformed CSV record")));
        assertThat(SparkErrors.FAILURES.exitCode(failure)).isEqualTo(Failures.BAD_INPUT);
        assertThat(SparkErrors.FAILURES.message(failure)).isEqualTo("Malformed CSV record");
    }
}
