package dev.backprop;

import dev.backprop.data.ClassWeights;
import dev.backprop.data.CsvFiles;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Dataset;
import dev.backprop.data.EncodedInputs;
import dev.backprop.data.Frame;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Task;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.BinaryCurves;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.CrossValidation;
import dev.backprop.train.CrossValidationResult;
import dev.backprop.train.GradientCheck;
import dev.backprop.train.GradientCheckResult;
import dev.backprop.train.PermutationImportance;
import dev.backprop.train.Preset;
import dev.backprop.train.Trainer;
import dev.backprop.train.StopReason;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    @Test
    void theHandBuiltNetworkExampleRuns() {
        // --- docs/java-api.md example 3 starts
        Network network = Network.of(List.of(
                new DenseLayer(Matrix.of(new double[][] {{0.5, -0.3, 0.8}, {-0.1, 0.4, 0.2}}), null, Activation.SIGMOID),
                new DenseLayer(Matrix.of(new double[][] {{0.7}, {-0.6}, {0.3}}), null, Activation.SIGMOID)),
                Loss.SSE);
        double[] x = {0.3, 1.0, 0.5, 0.2, 1.0, 0.4};     // 3 rows, 2 inputs, row-major
        double[] y = {0.75, 0.82, 0.93};
        double[] gradient = new double[network.architecture().parameterCount()];
        double j = new Backpropagation(network.architecture(), 3)
                .lossAndGradient(network.parameters(), x, y, 3, gradient);   // J and dJ/dW, flat
        GradientCheckResult check = GradientCheck.check(network, x, y, 3, GradientCheck.DEFAULT_EPSILON);
        System.out.println("J = " + j + ", dJ/dW(1) = " + check.weightGradient(0)
                + ", largest relative error " + check.maxRelativeError());
        // --- example 3 ends

        assertThat(j).isCloseTo(SeedFormulas.loss(new double[][] {{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}},
                new double[][] {{0.75}, {0.82}, {0.93}}, new double[][] {{0.5, -0.3, 0.8}, {-0.1, 0.4, 0.2}},
                new double[][] {{0.7}, {-0.6}, {0.3}}), within(1e-15));
        assertThat(check.maxRelativeError()).isLessThan(1e-7);
        assertThat(check.weightGradient(0).get(0, 0)).isEqualTo(gradient[0]);
    }

    @Test
    void theListenerExampleRuns() {
        Dataset data = Dataset.of(Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                Matrix.of(new double[][] {{0}, {1}, {1}, {0}}));
        // --- docs/java-api.md example 4 starts
        TrainingListener progress = new TrainingListener() {
            @Override
            public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
                if (epoch % 1000 == 0) {
                    System.out.printf("epoch %d: J = %.6f%n", epoch, trainingLoss);
                }
            }
        };
        TrainerConfig config = TrainerConfig.builder().hidden(4).bias(true).learningRate(2.0).maxEpochs(5000)
                .scaling(ScalingMethod.NONE).seed(1).build();
        TrainingResult result = Trainer.of(config).withListener(progress).train(data);
        // --- example 4 ends

        assertThat(result.epochs()).isEqualTo(5000);
        assertThat(result.finalLoss()).isLessThan(result.lossHistory()[0] / 10);
    }

    @Test
    void theModelSelectionExampleRuns() {
        Path data = Path.of("..", "data");
        // --- docs/java-api.md example 5 starts
        Frame iris = DataFiles.read(data.resolve("iris.csv"));
        TrainerConfig auto = Preset.AUTO.builder(Task.CLASSIFICATION, iris.rows()).hidden(16).maxEpochs(200)
                .learningRate(0.01).build();
        CrossValidationResult cv = CrossValidation.of(auto, PreprocessConfig.of("species"))
                .withParallelism(2)                                       // the same scores for any parallelism
                .run(iris, Task.CLASSIFICATION, 5, 1);                    // 5 stratified folds, once
        System.out.printf("accuracy %.4f ± %.4f%n", cv.mean("accuracy"), cv.sd("accuracy"));

        Model fitted = Trainer.of(auto).train(iris, PreprocessConfig.of("species")).model();
        for (PermutationImportance.ColumnImportance column : PermutationImportance.of(fitted, iris, "accuracy", 5, 42)) {
            System.out.printf("%s %.4f ± %.4f%n", column.column(), column.mean(), column.sd());
        }
        // --- example 5 ends

        assertThat(cv.folds()).hasSize(5);
        assertThat(cv.mean("accuracy")).isGreaterThan(0.9);
        assertThat(cv.sd("accuracy")).isLessThan(0.1);
        List<PermutationImportance.ColumnImportance> importances = PermutationImportance.of(fitted, iris, "accuracy",
                5, 42);
        assertThat(importances).extracting(PermutationImportance.ColumnImportance::column)
                .containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(Math.max(importances.get(2).mean(), importances.get(3).mean()))
                .isGreaterThan(Math.max(importances.get(0).mean(), importances.get(1).mean()));
    }

    @Test
    void theWeightsExampleRuns() {
        Dataset data = Dataset.of(Matrix.of(new double[][] {{0.1}, {0.2}, {0.3}, {0.4}, {0.8}, {0.9}}),
                Matrix.of(new double[][] {{1, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 0}, {0, 1}}));
        // --- docs/java-api.md example 6 starts
        double[] weights = ClassWeights.parse("balanced").rowWeights(List.of("no", "yes"), data.y());
        TrainerConfig config = TrainerConfig.builder().hidden(3).output(Activation.SOFTMAX)
                .loss(Loss.CATEGORICAL_CROSS_ENTROPY).maxEpochs(2000).build();
        TrainingResult result = Trainer.of(config).withTimeLimit(Duration.ofMinutes(1))
                .train(data.withWeights(weights));
        Matrix p = result.model().predict(data.x());
        double[] score = new double[p.rows()];
        boolean[] positive = new boolean[p.rows()];
        for (int i = 0; i < score.length; i++) {
            score[i] = p.get(i, 1);
            positive[i] = data.y().get(i, 1) == 1;
        }
        BinaryCurves curves = BinaryCurves.of(score, positive);
        System.out.printf("stopped: %s, ROC AUC %.3f%n", result.stopReason().id(), curves.rocAuc());
        // --- example 6 ends

        // 5 rows of "no", 1 of "yes": w_no = 6 / (2 * 5) = 0.6, w_yes = 6 / (2 * 1) = 3.
        assertThat(weights).containsExactly(0.6, 0.6, 0.6, 0.6, 0.6, 3.0);
        assertThat(result.stopReason()).isIn(StopReason.MAX_EPOCHS, StopReason.CONVERGED);
        assertThat(curves.rocAuc()).isEqualTo(1.0);
    }
}
