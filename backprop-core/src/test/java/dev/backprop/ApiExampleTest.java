package dev.backprop;

import dev.backprop.data.CsvFiles;
import dev.backprop.data.Dataset;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Model;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The README's "Java API" example, compiled and run as written there. */
class ApiExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRuns() throws Exception {
        Path csv = Files.writeString(dir.resolve("sleep-study.csv"), "sleep,study,score\n3,5,75\n5,1,82\n10,2,93\n");
        Path modelFile = dir.resolve("model.json");

        // --- README example starts
        Dataset data = CsvFiles.read(csv).toDataset("score");
        TrainerConfig config = TrainerConfig.builder()      // defaults: the seed's 2-3-1 sigmoid network
                .hidden(3).learningRate(1.0).maxEpochs(10_000).seed(42)
                .build();
        TrainingResult result = Trainer.of(config).train(data);
        System.out.println(result.stopReason() + " after " + result.epochs() + " epochs, J = " + result.finalLoss());

        ModelFile.write(result.model(), modelFile);
        Model model = ModelFile.read(modelFile);
        Matrix predicted = model.predict(Matrix.of(new double[][] {{3, 5}, {10, 2}}));
        System.out.println(predicted);                     // about 75 and 93
        // --- README example ends

        assertThat(predicted.get(0, 0)).isCloseTo(75, within(1.0));
        assertThat(predicted.get(1, 0)).isCloseTo(93, within(1.0));
    }
}
