package dev.backprop.spark;

import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Model files written through Hadoop: whole or not at all, and a {@code file:} URI as the local path it names. */
class HadoopFilesTest {
    @TempDir
    Path dir;

    private static Model model(long seed) {
        return Trainer.of(TrainerConfig.builder().hidden(2).maxEpochs(3).seed(seed).build())
                .train(TestData.regression(12, seed)).model();
    }

    @Test
    void aHadoopUriIsReplacedByARenameAndLeavesNoPartialFile() throws IOException {
        Path expected = dir.resolve("expected.json");
        ModelFile.write(model(2), expected);
        Path target = dir.resolve("out").resolve("model.json");
        Files.createDirectories(target.getParent());
        ModelFile.write(model(1), target);

        HadoopFiles.writeWhole(new Configuration(), model(2), target.toUri().toString());

        assertThat(target).hasSameBinaryContentAs(expected);
        try (Stream<Path> files = Files.list(target.getParent())) {
            // Hadoop's local file system keeps a checksum beside the file; no hidden partial file is left.
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("partial"))
                    .contains("model.json");
        }
    }

    @Test
    void aFileUriIsWrittenAndReadAsTheLocalFileItNames() throws IOException {
        Path expected = dir.resolve("expected.json");
        ModelFile.write(model(3), expected);
        Path target = dir.resolve("model.json");

        HadoopFiles.writeModel(LocalSpark.session(), model(3), target.toUri().toString());

        assertThat(target).hasSameBinaryContentAs(expected);
        try (Stream<Path> files = Files.list(dir)) {
            // Through Hadoop's local file system it was written in place, with a ".model.json.crc" beside it.
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("expected.json",
                    "model.json");
        }
        assertThat(HadoopFiles.readModel(LocalSpark.session(), target.toUri().toString()).network().parameters())
                .containsExactly(model(3).network().parameters());
    }
}
