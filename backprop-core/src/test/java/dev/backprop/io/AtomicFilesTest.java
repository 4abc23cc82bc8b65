package dev.backprop.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSymbolicLinkKeepsPointingAtTheReplacedTarget() throws IOException {
        Files.writeString(dir.resolve("target.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), Path.of("target.txt"));
        AtomicFiles.writeString(link, "new");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("target.txt"));
        assertThat(Files.readString(dir.resolve("target.txt"))).isEqualTo("new");
        assertThat(AtomicFiles.destination(link)).isEqualTo(dir.toRealPath().resolve("target.txt"));
    }

    @Test
    void aFileNotYetWrittenIsNamedByItsDirectorysRealPath() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("sub"));
        assertThat(AtomicFiles.destination(dir.resolve("alias/x.json")))
                .isEqualTo(AtomicFiles.destination(dir.resolve("sub/../sub/./x.json")))
                .isEqualTo(dir.toRealPath().resolve("sub/x.json"));
    }

    @Test
    void theLongestNameIsWrittenAndReplacedWithoutATemporaryFileLeft() throws IOException {
        Path file = dir.resolve("n".repeat(255));
        AtomicFiles.writeString(file, "one");
        AtomicFiles.writeString(file, "two");
        assertThat(Files.readString(file)).isEqualTo("two");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void placesNoFileCanBeWrittenAreRefusedNamingTheGivenPath() throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x")).isInstanceOf(UnwritableFileException.class)
                .hasMessage("cannot write " + dir + ": is a directory");
        assertThatThrownBy(() -> AtomicFiles.writeString(Path.of(""), "x"))
                .hasMessage("cannot write '': the file name is empty");
        assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("file/x"), "x"))
                .hasMessage("cannot write " + dir.resolve("file/x") + ": " + dir.resolve("file") + " is not a directory");
        assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("no/x"), "x"))
                .hasMessage("cannot write " + dir.resolve("no/x") + ": the directory " + dir.resolve("no")
                        + " does not exist");
        assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("n".repeat(256)), "x"))
                .hasMessageEndingWith(": the file name is too long (256 bytes; at most 255)");
        assertThat(Files.readString(dir.resolve("file"))).isEqualTo("x");
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.json");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write('x');
            throw new IOException("No space left on device");
        })).isInstanceOf(UnwritableFileException.class)
                .hasMessage("cannot write " + file + ": no space left on device");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
