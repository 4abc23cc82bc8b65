package dev.backprop.command;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two outputs whose names differ only in case are one file where the directory ignores case ({@code --out M.json
 * --checkpoint m.json} on macOS or Windows), and two files where it does not. The file systems that ignore case are
 * in-memory ones configured as macOS's and Windows's are (Jimfs); the directory is asked, as on a real disk.
 */
class FileRolesCaseTest {
    @TempDir
    Path dir;

    private static final CommandLine LINE = new CommandLine(CommandSpec.create());

    private static FileSystem fileSystem(Configuration configuration) {
        return Jimfs.newFileSystem(configuration.toBuilder().setWorkingDirectory(
                configuration == Configuration.windows() ? "C:\\work" : "/work").build());
    }

    private static void checkOutputs(Path first, Path second) throws IOException {
        new FileRoles().output("--out", first).occasionalOutput("--checkpoint", second).check(LINE);
    }

    @Test
    void namesThatDifferInCaseAreOneFileWhereTheDirectoryIgnoresCase() throws IOException {
        for (Configuration configuration : new Configuration[] {Configuration.osX(), Configuration.windows()}) {
            try (FileSystem fs = fileSystem(configuration)) {
                Path work = fs.getPath("").toAbsolutePath();
                Files.createDirectories(work);
                Files.writeString(work.resolve("Data.csv"), "a,y\n1,2\n");
                assertThatThrownBy(() -> checkOutputs(work.resolve("M.json"), work.resolve("m.json")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("--out " + work.resolve("M.json") + " and --checkpoint " + work.resolve("m.json")
                                + " are the same file: one would overwrite the other");
                assertThat(FileNameCase.ignoresCase(work)).isTrue();
                assertThatCode(() -> checkOutputs(work.resolve("M.json"), work.resolve("N.json")))
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void anEmptyDirectoryIsAskedWithAProbeFileThatIsRemoved() throws IOException {
        try (FileSystem fs = fileSystem(Configuration.osX())) {
            Path empty = Files.createDirectories(fs.getPath("/work/empty"));
            assertThatThrownBy(() -> checkOutputs(empty.resolve("model.JSON"), empty.resolve("Model.json")))
                    .hasMessageContaining("are the same file");
            try (Stream<Path> left = Files.list(empty)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void namesThatDifferInCaseAreTwoFilesWhereTheDirectoryTellsCaseApart() throws IOException {
        try (FileSystem fs = fileSystem(Configuration.unix())) {
            Path work = Files.createDirectories(fs.getPath("/work"));
            Files.writeString(work.resolve("Data.csv"), "a,y\n1,2\n");
            assertThat(FileNameCase.ignoresCase(work)).isFalse();
            assertThatCode(() -> checkOutputs(work.resolve("M.json"), work.resolve("m.json")))
                    .doesNotThrowAnyException();
        }
        // This machine's own disk (Linux: case-sensitive), empty, so a probe file is made and removed.
        assertThat(FileNameCase.ignoresCase(dir)).isFalse();
        assertThatCode(() -> checkOutputs(dir.resolve("M.json"), dir.resolve("m.json"))).doesNotThrowAnyException();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anExistingInputNamedInAnotherCaseIsRefusedAsBefore() throws IOException {
        try (FileSystem fs = fileSystem(Configuration.osX())) {
            Path work = Files.createDirectories(fs.getPath("/work"));
            Path data = Files.writeString(work.resolve("data.csv"), "a,y\n1,2\n");
            assertThatThrownBy(() -> new FileRoles().input("DATA", data).output("--out", work.resolve("DATA.CSV"))
                    .check(LINE)).hasMessageContaining("is the same file as DATA");
        }
    }
}
