package dev.backprop;

import dev.backprop.data.CsvFiles;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Dataset;
import dev.backprop.data.EncodedInputs;
import dev.backprop.data.Frame;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
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

    @Test
    void theReadmeFrameExampleRuns() throws Exception {
        Path data = Path.of("..", "data");
        Files.copy(data.resolve("vote.arff"), dir.resolve("new-votes.arff"));
        Path newVotes = dir.resolve("new-votes.arff");

        // --- README example starts (paths adjusted to this test's folders)
        Frame frame = DataFiles.read(data.resolve("vote.arff"));
        TrainerConfig config = TrainerConfig.builder().hidden(16).activation(Activation.RELU).bias(true)
                .output(Activation.SOFTMAX).loss(Loss.CATEGORICAL_CROSS_ENTROPY)
                .optimizer(OptimizerType.ADAM).maxEpochs(200).build();
        Model model = Trainer.of(config)
                .train(frame, PreprocessConfig.of("Class").withMissing(MissingPolicy.MEAN)).model();
        EncodedInputs inputs = model.prepareInputs(DataFiles.read(newVotes));
        Matrix probabilities = model.predict(inputs.x());                 // one column per class in model.classes()
        // --- README example ends

        assertThat(model.classes()).containsExactly("democrat", "republican");
        assertThat(probabilities.rows()).isEqualTo(435);
        int[] truth = model.preparation().target().classIndices(frame);
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            int guess = probabilities.get(i, 1) > probabilities.get(i, 0) ? 1 : 0;
            correct += guess == truth[i] ? 1 : 0;
        }
        assertThat(correct / 435.0).isGreaterThan(0.93);
    }
}
