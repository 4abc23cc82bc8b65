package dev.backprop.spark;

import dev.backprop.data.ClassWeights;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.InputScreen;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.Prepared;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Task;
import dev.backprop.data.TaskChoice;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code backprop-spark} reads a table as {@code backprop train} does and honours its options: the task line, the
 * identifier left out with train's warning, ISO dates read as train's numbers, standard scaling, class and sample
 * weights, several targets and {@code --init} of such a model; {@code --max-time} stops at an epoch's end. Each
 * run is compared with the core's own preparation and trainer, which {@code backprop train --preset seed} runs on
 * the same file: one partition and one block make every sum the core's, so the models agree to rounding.
 */
class SparkParityTest {
    @TempDir
    Path dir;

    private static SparkCommand run(String... args) {
        return SparkCommand.run(args);
    }

    /**
     * 80 rows: an identifier {@code id}, a date {@code when} (some with a time), a number {@code x}, a sample weight
     * {@code w}, and an imbalanced target {@code y} of the whole numbers 0, 1 and 2 (about 70/20/10 %), which the
     * task rule classifies.
     */
    private Path table() throws IOException {
        SplittableRandom random = new SplittableRandom(15);
        StringBuilder csv = new StringBuilder("id,when,x,w,y\n");
        for (int i = 0; i < 80; i++) {
            double x = random.nextDouble() * 10;
            int y = i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2;
            String when = String.format(Locale.ROOT, "2024-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                    + (i % 3 == 0 ? String.format(Locale.ROOT, "T%02d:30", random.nextInt(24)) : "");
            csv.append(String.format(Locale.ROOT, "r%03d,%s,%.4f,%s,%d%n", i * 7 % 101, when, x + y * 2,
                    1 + random.nextInt(3), y));
        }
        return Files.writeString(dir.resolve("table.csv"), csv.toString());
    }

    @Test
    void screensTheColumnsChoosesTheTaskAndWeighsAndStandardizesAsTrainDoes() throws IOException {
        Path file = table();
        Path model = dir.resolve("m.json");
        SparkCommand run = run(file.toString(), "--target", "y", "--hidden", "4", "--bias", "--output-activation",
                "softmax", "--loss", "categorical-cross-entropy", "--optimizer", "lbfgs", "--epochs", "20",
                "--scale", "standard", "--class-weight", "balanced", "--sample-weight", "w", "--partitions", "1",
                "--out", model.toString());
        assertThat(run.code()).as(run.err()).isZero();

        // What backprop train decides on the same file, by the core's rules.
        Frame frame = DataFiles.read(file);
        List<String> inputs = List.of("id", "when", "x");
        List<InputScreen.LeftOut> leftOut = InputScreen.find(frame, inputs, List.of());
        assertThat(leftOut).extracting(InputScreen.LeftOut::column).containsExactly("id");
        TaskChoice task = TaskChoice.of(null, frame.column("y"));
        assertThat(task.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(run.out()).startsWith(task.line() + "\n");
        PreprocessConfig config = PreprocessConfig.of("y").withIgnore(List.of("w", "id"))
                .withDates(InputScreen.dates(frame, inputs)).withTask(Task.CLASSIFICATION);
        Preprocessor preprocessor = Preprocessor.fit(frame, config);
        assertThat(run.err()).contains("warning: " + leftOut.get(0).warning() + "\n");
        assertThat(run.err()).contains(preprocessor.dates().notes().get(0) + "\n");
        assertThat(preprocessor.dates().notes().get(0)).contains("when.days, when.month, when.weekday, when.hour");

        Prepared prepared = preprocessor.apply(frame);
        Dataset data = prepared.dataset();
        double[] w = ClassWeights.parse("balanced").rowWeights(preprocessor.target().classes(), data.y());
        NumericColumn sample = (NumericColumn) frame.column("w");
        for (int i = 0; i < w.length; i++) {
            w[i] *= sample.value(prepared.rows()[i]);
        }
        TrainerConfig trainer = TrainerConfig.builder().hidden(4).bias(true).output(Activation.SOFTMAX)
                .loss(Loss.CATEGORICAL_CROSS_ENTROPY).optimizer(OptimizerType.LBFGS).maxEpochs(20)
                .scaling(ScalingMethod.STANDARD).build();
        Model expected = Trainer.of(trainer).train(data.withWeights(w)).model().withPreprocessor(preprocessor);
        Model actual = ModelFile.read(model);
        assertThat(actual.preprocessor()).isEqualTo(preprocessor);
        assertThat(actual.inputScaling().method()).isEqualTo(ScalingMethod.STANDARD);
        assertThat(actual.inputScaling().mean()).containsExactly(expected.inputScaling().mean(), within(1e-12));
        assertThat(actual.inputScaling().standardDeviation())
                .containsExactly(expected.inputScaling().standardDeviation(), within(1e-12));
        assertThat(actual.network().parameters()).containsExactly(expected.network().parameters(), within(1e-9));
        assertThat(actual.history().settings()).containsEntry("classWeight", "balanced")
                .containsEntry("sampleWeight", "w");

        // --init continues it with its preprocessing, the date column read into the same parts.
        Path continued = dir.resolve("continued.json");
        SparkCommand again = run(file.toString(), "--init", model.toString(), "--optimizer", "lbfgs", "--epochs",
                "5", "--scale", "standard", "--partitions", "1", "--out", continued.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("task: classification, as the starting model (--init) has it\n");
        TrainerConfig five = TrainerConfig.builder().optimizer(OptimizerType.LBFGS).maxEpochs(5)
                .scaling(ScalingMethod.STANDARD).build();
        Model further = Trainer.of(five).train(data, actual.network()).model();
        assertThat(ModelFile.read(continued).network().parameters())
                .containsExactly(further.network().parameters(), within(1e-9));

        // Unweighted, the same run is another model: the weights reach the distributed objective.
        Path plain = dir.resolve("plain.json");
        assertThat(run(file.toString(), "--target", "y", "--hidden", "4", "--bias", "--output-activation",
                "softmax", "--loss", "categorical-cross-entropy", "--optimizer", "lbfgs", "--epochs", "20",
                "--scale", "standard", "--partitions", "1", "--out", plain.toString()).code()).isZero();
        assertThat(ModelFile.read(plain).network().parameters()[0]).isNotCloseTo(
                actual.network().parameters()[0], within(1e-6));
    }

    @Test
    void severalTargetsStandardizedTrainAsTheCoreTrains() throws IOException {
        Path file = dir.resolve("two.csv");
        StringBuilder csv = new StringBuilder("a,b,c,y1,y2\n");
        Dataset data = TestData.regression(40, 16);
        for (int i = 0; i < data.rows(); i++) {
            double[] x = data.x().row(i);
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s%n", x[0], x[1], x[2], data.y().get(i, 0),
                    x[0] * x[1]));
        }
        Files.writeString(file, csv);
        Path model = dir.resolve("two.json");
        SparkCommand run = run(file.toString(), "--target", "y1,y2", "--hidden", "5", "--bias", "--loss", "mse",
                "--optimizer", "lbfgs", "--epochs", "25", "--scale", "standard", "--partitions", "1", "--out",
                model.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("task: regression, because the 2 targets are predicted together, each as "
                + "a number\n");

        TrainerConfig config = TrainerConfig.builder().hidden(5).bias(true).loss(Loss.MSE)
                .optimizer(OptimizerType.LBFGS).maxEpochs(25).scaling(ScalingMethod.STANDARD).build();
        Model expected = Trainer.of(config).train(DataFiles.read(file), PreprocessConfig.of("y1")
                .withTargets(List.of("y1", "y2"))).model();
        Model actual = ModelFile.read(model);
        assertThat(actual.outputs()).containsExactly("y1", "y2");
        assertThat(actual.outputScaling().mean()).containsExactly(expected.outputScaling().mean(), within(1e-12));
        assertThat(actual.network().parameters()).containsExactly(expected.network().parameters(), within(1e-9));

        // Numeric columns read as they are are standardized alike.
        Dataset numbers = TestData.regression(30, 17);
        Model spark = SparkTrainer.of(config).withPartitions(1).train(LocalSpark.frame(numbers), List.of("a", "b",
                "c"), List.of("y")).model();
        Model core = Trainer.of(config).train(numbers).model();
        assertThat(spark.inputScaling().mean()).containsExactly(core.inputScaling().mean(), within(1e-12));
        assertThat(spark.network().parameters()).containsExactly(core.network().parameters(), within(1e-9));
    }

    /**
     * A column of values near ±1.7e308, whose squared deviations overflow: the cluster's moments are found again on
     * scaled values, as the core's are (before, its sd was infinite and the scaling refused).
     */
    @Test
    void valuesNearTheLargestDoubleAreStandardizedAsTheCoreStandardizesThem() {
        Dataset base = TestData.regression(30, 17);
        double[][] x = base.x().toRows();
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (i % 3 - 1) * (1.0e308 + i * 1e305);
        }
        Dataset numbers = new Dataset(base.inputNames(), base.targetNames(), Matrix.of(x), base.y());
        TrainerConfig config = TrainerConfig.builder().hidden(3).bias(true).loss(Loss.MSE)
                .optimizer(OptimizerType.LBFGS).maxEpochs(5).scaling(ScalingMethod.STANDARD).build();
        Model spark = SparkTrainer.of(config).withPartitions(2).train(LocalSpark.frame(numbers), List.of("a", "b",
                "c"), List.of("y")).model();
        Model core = Trainer.of(config).train(numbers).model();
        double[] sd = core.inputScaling().standardDeviation();
        assertThat(sd[0]).isGreaterThan(1e307).isFinite();
        for (int j = 0; j < 3; j++) {
            assertThat(spark.inputScaling().mean()[j]).isCloseTo(core.inputScaling().mean()[j],
                    within(1e-12 * Math.max(1, Math.abs(sd[j]))));
            assertThat(spark.inputScaling().standardDeviation()[j]).isCloseTo(sd[j], within(1e-12 * sd[j]));
        }
        assertThat(spark.network().parameters()).containsExactly(core.network().parameters(), within(1e-9));
    }

    @Test
    void whatTheClusterCannotHonourIsRefusedByNameWithTheReason() throws IOException {
        Path file = table();
        SparkCommand regression = run(file.toString(), "--target", "x", "--class-weight", "balanced", "--out",
                dir.resolve("r.json").toString());
        assertThat(regression.code()).isEqualTo(2);
        assertThat(regression.err()).isEqualTo("error: class weights apply to a classification target (one output "
                + "per class), but this one has 1 output\n");
        Files.writeString(dir.resolve("bad.csv"), "x,w,y\n1,1,a\n2,-1,b\n3,2,a\n4,1,b\n");
        SparkCommand negative = run(dir.resolve("bad.csv").toString(), "--sample-weight", "w", "--out",
                dir.resolve("b.json").toString());
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).isEqualTo("error: " + dir.resolve("bad.csv") + ", column 'w': 1 of 4 sample "
                + "weights are not finite numbers >= 0\n");
        assertThat(dir.resolve("r.json")).doesNotExist();
        assertThat(dir.resolve("b.json")).doesNotExist();
    }

    @Test
    void maxTimeStopsAtTheEndOfTheEpochThatSpendsIt() throws IOException {
        Path model = dir.resolve("t.json");
        // Every epoch is a Spark job, far longer than a millisecond: the run stops after its first.
        SparkCommand timed = run(table().toString(), "--max-time", "0.001s", "--epochs", "1000000", "--tolerance", "0",
                "--out", model.toString());

        assertThat(timed.code()).as(timed.err()).isZero();
        var training = new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.toFile()).get("training");
        assertThat(training.get("stopReason").asText()).isEqualTo("time-limit");
        assertThat(training.get("epochs").asInt()).isEqualTo(1);
    }
}
