package dev.backprop.train;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.Frame;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Split;
import dev.backprop.data.Task;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrossValidationTest {
    private static TrainerConfig regression() {
        return TrainerConfig.builder().hidden(4).activation(Activation.TANH).output(Activation.LINEAR).bias(true)
                .loss(Loss.MSE).optimizer(OptimizerType.ADAM).learningRate(0.02).batchSize(8).maxEpochs(60)
                .seed(5).build();
    }

    /** y = 2 x1 - x2 + noise over 40 rows; x2 missing in every fifth row. */
    private static Frame regressionFrame(boolean missing) {
        SplittableRandom random = new SplittableRandom(9);
        int n = 40;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = random.nextDouble();
            x2[i] = random.nextDouble();
            y[i] = 2 * x1[i] - x2[i] + 0.05 * random.nextGaussian();
            if (missing && i % 5 == 0) {
                x2[i] = Double.NaN;
            }
        }
        return Frame.of("synthetic", List.of(NumericColumn.of("x1", x1), NumericColumn.of("x2", x2),
                NumericColumn.of("y", y)));
    }

    @Test
    void eachFoldIsTrainedOnItsTrainingRowsAloneIncludingTheImputation() {
        // Put huge x2 values in fold 0's test rows: an imputation fitted on all rows would fill the training rows'
        // missing x2 with a mean that those values pull far away, and train another model.
        Frame frame = regressionFrame(true);
        PreprocessConfig preprocessing = PreprocessConfig.of("y").withMissing(MissingPolicy.MEAN);
        CrossValidation cv = CrossValidation.of(regression(), preprocessing);
        Split fold0 = cv.folds(frame, Task.REGRESSION, 4, 0).split(0);
        double[] x2 = ((NumericColumn) frame.column("x2")).values();
        for (int row : fold0.test()) {
            if (!Double.isNaN(x2[row])) {
                x2[row] = 1e6;
            }
        }
        Frame outlying = Frame.of("synthetic", List.of(frame.column("x1"), NumericColumn.of("x2", x2),
                frame.column("y")));

        FoldScore scored = cv.run(outlying, Task.REGRESSION, 4, 1).folds().get(0);

        Map<String, Double> honest = Scores.score(Trainer.of(regression())
                .train(fold0.train(outlying), preprocessing).model(), fold0.test(outlying));
        dev.backprop.data.Preprocessor onAll = dev.backprop.data.Preprocessor.fit(outlying, preprocessing);
        var leaky = Trainer.of(regression()).train(fold0.train(onAll.apply(outlying).dataset())).model()
                .withPreprocessor(onAll);
        assertThat(scored.trainRows()).isEqualTo(30);
        assertThat(scored.testRows()).isEqualTo(10);
        assertThat(scored.scores()).isEqualTo(honest);
        assertThat(Scores.score(leaky, fold0.test(outlying)).get("rmse")).isNotEqualTo(honest.get("rmse"));
    }

    /** Every fold's division is made before the first trains: repeats beyond the heap are refused up front. */
    @Test
    void repeatsTheHeapCannotHoldAreRefusedBeforeAnyFoldTrains() {
        Frame frame = regressionFrame(false);
        CrossValidation cv = CrossValidation.of(regression(), PreprocessConfig.of("y"));
        assertThatThrownBy(() -> cv.run(frame, Task.REGRESSION, 5, Integer.MAX_VALUE))
                .isInstanceOf(TooLargeException.class)
                .hasMessageStartingWith("cross-validation of 10,737,418,235 folds (5 x 2,147,483,647 repeats) needs ")
                .hasMessageContaining("(each fold's division of the " + frame.rows() + " rows and its scores)");
    }

    @Test
    void theSameSeedGivesTheSameScoresWhateverTheParallelism() {
        Frame frame = regressionFrame(false);
        PreprocessConfig preprocessing = PreprocessConfig.of("y");
        CrossValidationResult sequential = CrossValidation.of(regression(), preprocessing)
                .run(frame, Task.REGRESSION, 5, 2);
        CrossValidationResult parallel = CrossValidation.of(regression(), preprocessing).withParallelism(4)
                .run(frame, Task.REGRESSION, 5, 2);
        assertThat(parallel.folds()).isEqualTo(sequential.folds());
        assertThat(sequential.folds()).hasSize(10);
        assertThat(sequential.mean("r2")).isGreaterThan(0.5);
        assertThat(sequential.sd("r2")).isPositive();
        CrossValidationResult otherSeed = CrossValidation.of(regression().toBuilder().seed(6).build(), preprocessing)
                .run(frame, Task.REGRESSION, 5, 2);
        assertThat(otherSeed.mean("rmse")).isNotEqualTo(sequential.mean("rmse"));
    }

    @Test
    void progressIsToldOfEveryFoldItsScoresAsTheResultHasThem() {
        Frame frame = regressionFrame(false);
        for (int threads : new int[] {1, 3}) {
            List<FoldScore> told = java.util.Collections.synchronizedList(new ArrayList<>());
            CrossValidationResult result = CrossValidation.of(regression(), PreprocessConfig.of("y"))
                    .withParallelism(threads).withProgress(told::add).run(frame, Task.REGRESSION, 3, 2);
            assertThat(told).as("threads " + threads).hasSize(6).containsExactlyInAnyOrderElementsOf(result.folds());
        }
    }

    @Test
    void meanAndSdAreOverEveryFoldOfEveryRepetition() {
        Frame frame = regressionFrame(false);
        CrossValidationResult result = CrossValidation.of(regression(), PreprocessConfig.of("y"))
                .run(frame, Task.REGRESSION, 3, 2);
        double[] r2 = result.values("r2");
        double mean = (r2[0] + r2[1] + r2[2] + r2[3] + r2[4] + r2[5]) / 6;
        double squares = 0;
        for (double v : r2) {
            squares += (v - mean) * (v - mean);
        }
        assertThat(result.mean("r2")).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(result.sd("r2")).isCloseTo(Math.sqrt(squares / 5), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(result.folds().get(3).repeat()).isEqualTo(1);
        assertThat(result.folds().get(3).fold()).isEqualTo(0);
    }

    @Test
    void classificationFoldsAreStratifiedAndScoredByAccuracyLogLossAndMacroF1() {
        int n = 30;
        String[] labels = new String[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 20 ? "a" : "b";
            x[i] = i < 20 ? i * 0.01 : 1 + i * 0.01;
        }
        Frame frame = Frame.of("two", List.<Column>of(NumericColumn.of("x", x), CategoricalColumn.ofLabels("c", labels)));
        TrainerConfig config = Preset.AUTO.builder(Task.CLASSIFICATION, n).hidden(4).maxEpochs(200)
                .learningRate(0.05).build();
        CrossValidation cv = CrossValidation.of(config, PreprocessConfig.of("c"));
        Folds folds = cv.folds(frame, Task.CLASSIFICATION, 5, 0);
        for (int f = 0; f < 5; f++) {
            int b = 0;
            for (int row : folds.split(f).test()) {
                b += labels[row].equals("b") ? 1 : 0;
            }
            assertThat(b).isEqualTo(2);
        }
        CrossValidationResult result = cv.run(frame, Task.CLASSIFICATION, 5, 1);
        assertThat(result.folds().get(0).scores().keySet()).containsExactly("accuracy", "logLoss", "macroF1",
                "balancedAccuracy");
        assertThat(result.mean("accuracy")).isEqualTo(1.0);
    }

    @Test
    void scoresAreNamedInAnyCaseWithOrWithoutHyphensAndRankedInTheirDirection() {
        assertThat(Scores.named(Task.CLASSIFICATION, "balanced-accuracy")).isEqualTo("balancedAccuracy");
        assertThat(Scores.named(Task.CLASSIFICATION, "log-loss")).isEqualTo("logLoss");
        assertThat(Scores.named(Task.REGRESSION, "MAE")).isEqualTo("mae");
        assertThat(Scores.named(Task.REGRESSION, null)).isEqualTo("r2");
        assertThat(Scores.of(Task.REGRESSION)).containsExactly("r2", "rmse", "mae");
        assertThat(Scores.higherIsBetter("balancedAccuracy")).isTrue();
        assertThat(Scores.higherIsBetter("r2")).isTrue();
        assertThat(Scores.higherIsBetter("mae")).isFalse();
        assertThat(Scores.higherIsBetter("rmse")).isFalse();
        assertThat(Scores.higherIsBetter("logLoss")).isFalse();
    }

    /**
     * A fold that runs out of heap on another thread threw an IllegalStateException wrapping the error, which the
     * command line does not tell as the heap running out; it throws the error itself, as a fold on the calling thread
     * does.
     */
    @Test
    void aFoldsErrorOnAnotherThreadIsThrownAsItself() {
        double[] x = new double[30];
        Frame frame = Frame.of("line", List.of(NumericColumn.of("x", x), NumericColumn.of("y", x.clone())));
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space (thrown by the test)");
        for (int threads : new int[] {1, 2}) {
            CrossValidation cv = CrossValidation.of(regression(), PreprocessConfig.of("y")).withParallelism(threads)
                    .withEncoding((rows, preprocessor) -> {
                        throw heap;
                    });
            assertThatThrownBy(() -> cv.run(frame, Task.REGRESSION, 3, 1)).isSameAs(heap);
        }
    }
}
