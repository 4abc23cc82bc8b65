package dev.backprop.spark;

import dev.backprop.data.CsvFiles;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.Prepared;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The spark-submit entry point, in process: CSV and Parquet in, the command line's model file out. */
class SparkTrainTest {
    @TempDir
    Path dir;

    private static SparkCommand run(String... args) {
        return SparkCommand.run(args);
    }

    private Path csv(Dataset data) throws IOException {
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < data.rows(); i++) {
            double[] x = data.x().row(i);
            text.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", x[0], x[1], x[2], data.y().get(i, 0)));
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void trainsACsvFileEndToEndIntoAModelTheCoreReads() throws IOException {
        Path file = csv(TestData.regression(40, 12));
        Path model = dir.resolve("model.json");

        SparkCommand run = run(file.toString(), "--target", "y", "--hidden", "4", "--bias", "--loss", "mse",
                "--learning-rate", "1", "--epochs", "30", "--tolerance", "0", "--seed", "5", "--partitions", "3",
                "--out", model.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("trained 3 -> 4 sigmoid+b -> 1 sigmoid+b, loss mse (21 parameters) on 40 rows")
                .contains("3 partitions").contains("stopped: epoch limit reached after 30 epochs, J = ")
                .contains("model written to " + model);
        Model read = ModelFile.read(model);
        // The same file through the core's own CSV reader and trainer gives the same model.
        TrainerConfig config = TrainerConfig.builder().hidden(4).bias(true).loss(Loss.MSE).learningRate(1)
                .maxEpochs(30).tolerance(0).seed(5).build();
        TrainingResult expected = Trainer.of(config).train(CsvFiles.read(file).toDataset("y"));
        assertSameModel(read, expected.model());
    }

    @Test
    void categoriesMissingCellsAndClassesTrainWithCrossEntropyAndLbfgsIntoAModelThatPredictsClassNames()
            throws IOException {
        Path file = dir.resolve("weather.csv");
        Files.writeString(file, TestData.weatherCsv(120, 8));
        Path model = dir.resolve("weather.json");

        SparkCommand run = run(file.toString(), "--target", "play", "--ignore", "id", "--categorical", "grade",
                "--missing", "mean", "--hidden", "4",
                "--bias", "--output-activation", "softmax", "--loss", "categorical-cross-entropy", "--optimizer",
                "lbfgs", "--epochs", "15", "--master", "local[2]", "--partitions", "2", "--out", model.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("trained 9 -> 4 sigmoid+b -> 2 softmax+b, loss categorical-cross-entropy");
        Model read = ModelFile.read(model);
        Frame frame = DataFiles.read(file, TestData.AS_TRAIN_READS_WEATHER);
        TrainerConfig config = TrainerConfig.builder().hidden(4).bias(true).output(Activation.SOFTMAX)
                .loss(Loss.CATEGORICAL_CROSS_ENTROPY).optimizer(OptimizerType.LBFGS).maxEpochs(15).build();
        Model expected = Trainer.of(config).train(frame, PreprocessConfig.of("play").withIgnore(List.of("id"))
                .withMissing(MissingPolicy.MEAN)).model();
        assertThat(read.preprocessor()).isEqualTo(expected.preprocessor());
        assertSameModel(read, expected);
        // The file alone predicts class names from the raw rows, as backprop predict does.
        assertThat(read.classes()).containsExactly("no", "yes");
        Prepared prepared = read.prepare(frame);
        Matrix probabilities = read.predict(prepared.dataset().x());
        int right = 0;
        for (int i = 0; i < probabilities.rows(); i++) {
            String predicted = read.classes().get(ClassificationMetrics.argmax(probabilities, i));
            String actual = read.classes().get(ClassificationMetrics.argmax(prepared.dataset().y(), i));
            right += predicted.equals(actual) ? 1 : 0;
        }
        assertThat((double) right / probabilities.rows()).isGreaterThan(0.7);
    }

    @Test
    void readsTsvByItsExtensionOrByDataFormatAndRefusesAFormatItCannotRead() throws IOException {
        Path csv = csv(TestData.regression(20, 12));
        Path tsv = dir.resolve("data.tsv");
        Files.writeString(tsv, Files.readString(csv).replace(',', '\t'));
        Path txt = Files.copy(tsv, dir.resolve("data.txt"));

        SparkCommand fromCsv = run(csv.toString(), "--epochs", "5", "--out", dir.resolve("csv.json").toString());
        SparkCommand fromTsv = run(tsv.toString(), "--epochs", "5", "--out", dir.resolve("tsv.json").toString());
        SparkCommand declared = run(txt.toString(), "--data-format", "TSV", "--epochs", "5", "--out",
                dir.resolve("txt.json").toString());
        SparkCommand arff = run(csv.toString(), "--data-format", "arff", "--out", dir.resolve("arff.json").toString());

        assertThat(List.of(fromCsv.code(), fromTsv.code(), declared.code())).as(fromTsv.err() + declared.err())
                .containsOnly(0);
        Model expected = ModelFile.read(dir.resolve("csv.json"));
        assertSameModel(ModelFile.read(dir.resolve("tsv.json")), expected);
        assertSameModel(ModelFile.read(dir.resolve("txt.json")), expected);
        assertThat(arff.code()).isEqualTo(2);
        assertThat(arff.err()).isEqualTo("error: --data-format must be csv, tsv or parquet but was 'arff'\n");
        assertThat(Files.exists(dir.resolve("arff.json"))).isFalse();
    }

    @Test
    void readsParquetAndPrintsJson() throws IOException {
        Dataset data = TestData.regression(20, 13);
        Path parquet = dir.resolve("data.parquet");
        LocalSpark.frame(data).write().parquet(parquet.toString());
        Path model = dir.resolve("m.json");

        SparkCommand run = run(parquet.toString(), "--epochs", "10", "--format", "json", "--out", model.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\"stopReason\":\"max-epochs\",\"epochs\":10,").contains("\"rows\":20");
        TrainingResult expected = Trainer.of(TrainerConfig.builder().maxEpochs(10).build()).train(data);
        assertSameModel(ModelFile.read(model), expected.model());
    }

    @Test
    void initContinuesFromAModelFile() throws IOException {
        Path file = csv(TestData.regression(30, 14));
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        Path straight = dir.resolve("straight.json");
        String[] common = {"--hidden", "3", "--loss", "mse", "--tolerance", "0", "--master", "local[2]"};

        assertThat(run(concat(common, file.toString(), "--epochs", "5", "--out", first.toString())).code()).isZero();
        assertThat(run(file.toString(), "--init", first.toString(), "--loss", "mse", "--tolerance", "0",
                "--epochs", "5", "--out", second.toString()).code()).isZero();
        assertThat(run(concat(common, file.toString(), "--epochs", "10", "--out", straight.toString())).code())
                .isZero();

        // Five steps, saved and resumed, are ten steps.
        assertSameModel(ModelFile.read(second), ModelFile.read(straight));
    }

    /** {@code content} written to {@code name} in the test's folder. */
    private Path written(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** What a run on {@code data} refused with: exit 2 and no model written. */
    private String refused(Path data, String... options) {
        Path out = dir.resolve("x.json");
        SparkCommand run = run(concat(concat(new String[] {data.toString()}, options), "--out", out.toString()));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(out).doesNotExist();
        return run.err();
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void badInputIsOneErrorLineAndExitCodeTwo() throws IOException {
        Path file = dir.resolve("gaps.csv");
        Files.writeString(file, "a,y\n1,2\n,3\n");
        SparkCommand missing = run(file.toString(), "--out", dir.resolve("x.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        // The core's message for a frame without line numbers (Spark's reader keeps none), with the file named.
        assertThat(missing.err()).isEqualTo("error: " + file + ", column 'a': 1 value is missing in this column "
                + "(row 2); use --missing mean to fill them with the training mean (the most frequent category in "
                + "categorical columns), or --missing drop to drop the rows that have them\n");

        Path noTarget = dir.resolve("no-target.csv");
        Files.writeString(noTarget, "a,y\n1,\n2,\n");
        for (String policy : new String[] {"error", "mean", "drop"}) {
            SparkCommand empty = run(noTarget.toString(), "--missing", policy, "--out", dir.resolve("x.json")
                    .toString());
            assertThat(empty.code()).isEqualTo(2);
            assertThat(empty.err()).as(policy).isEqualTo("error: " + noTarget + ", column 'y': the target has no "
                    + "value on any of the 2 rows, so there is nothing to learn from\n");
        }

        SparkCommand target = run(file.toString(), "--target", "price");
        assertThat(target.code()).isEqualTo(2);
        assertThat(target.err()).isEqualTo("error: " + file + ": no column named 'price' (columns: a, y)\n");

        SparkCommand absent = run(dir.resolve("absent.csv").toString());
        assertThat(absent.code()).isEqualTo(2);
        assertThat(absent.err()).startsWith("error: ").contains("absent.csv");

        // Spark's reader words these without the file; the command names it.
        Path ragged = written("ragged.csv", "a,b,y\n1,2,3\n4,5\n7,8,9\n");
        assertThat(refused(ragged)).isEqualTo("error: " + ragged + ": a row whose fields do not match the header's "
                + "columns: 4,5 (or a quoted cell holds a line break, which backprop-spark does not read: Spark splits "
                + "a file at its line breaks)\n");
        // p1 the larger, so that Spark (which reads the largest file first) takes its header as the columns.
        Path parts = Files.createDirectories(dir.resolve("parts"));
        written("parts/p1.csv", "a,y\n1,2\n3,4\n9,10\n");
        written("parts/p2.csv", "b,y\n5,6\n7,8\n");
        assertThat(refused(parts)).isEqualTo("error: " + parts.resolve("p2.csv") + ": its header (b, y) is not the "
                + "data's columns (a, y), which the first file's header gave: every file of the data needs the same "
                + "header\n");
        Path duplicate = written("duplicate.csv", "a,a,y\n1,2,3\n4,5,6\n");
        assertThat(refused(duplicate)).isEqualTo("error: " + duplicate + ": line 1, column 'a': the header names this "
                + "column twice\n");
        Path header = written("header.csv", "a,y\n");
        assertThat(refused(header)).isEqualTo("error: " + header + ": has no rows\n");

        Path mixed = written("mixed.csv", "a,b,y\n1,x,3\n4,5,6\n7,8,9\n");
        assertThat(refused(mixed)).isEqualTo("error: " + mixed + ", column 'b': 'x' is not a number, but 2 of the "
                + "column's 3 values are: fix the cell, leave it empty (a missing value, see --missing), or declare "
                + "the column categorical with --categorical b\n");
        assertThat(refused(mixed, "--categorical", "c")).isEqualTo("error: " + mixed + ": line 1: --categorical "
                + "names the column 'c', which the header does not have (columns: a, b, y)\n");

        SparkCommand option = run(file.toString(), "--learning-rate", "-1");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).isEqualTo("error: --learning-rate must be > 0 and finite but was -1.0\n");
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
    }

    @Test
    void moreRequestedPartitionsThanRowsMakeOnePerRow() throws IOException {
        // A billion partitions of 6 rows once exhausted the driver's heap in Spark's shuffle.
        Path file = csv(TestData.regression(6, 3));
        Path model = dir.resolve("m.json");
        SparkCommand run = run(file.toString(), "--partitions", String.valueOf(Integer.MAX_VALUE), "--epochs", "2",
                "--master", "local[2]", "--out", model.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains(" on 6 rows of " + file + " with Spark local[2], 6 partitions\n");
        assertThat(Files.exists(model)).isTrue();
    }

    @Test
    void anOutputThatIsAnInputOrUnwritableIsRefusedBeforeSparkStarts() throws IOException {
        Path file = csv(TestData.regression(40, 12));
        String data = Files.readString(file);
        SparkCommand onData = run(file.toString(), "--target", "y", "--out", file.toString());
        assertThat(onData.code()).isEqualTo(2);
        assertThat(onData.err()).isEqualTo("error: --out " + file + " is the same file as DATA " + file
                + ": writing it would destroy the input\n");
        SparkCommand asUri = run(file.toString(), "--target", "y", "--out", file.toUri().toString());
        assertThat(asUri.code()).isEqualTo(2);
        assertThat(asUri.err()).contains("is the same file as DATA " + file);
        assertThat(Files.readString(file)).isEqualTo(data);

        Path nowhere = dir.resolve("no/m.json");
        SparkCommand missing = run(file.toString(), "--target", "y", "--out", nowhere.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: cannot write " + nowhere + ": the directory " + nowhere.getParent()
                + " does not exist\n");
        assertThat(missing.out()).isEmpty();
    }

    private static void assertSameModel(Model actual, Model expected) {
        assertThat(actual.inputs()).isEqualTo(expected.inputs());
        assertThat(actual.outputs()).isEqualTo(expected.outputs());
        assertThat(actual.inputScaling()).isEqualTo(expected.inputScaling());
        assertThat(actual.outputScaling()).isEqualTo(expected.outputScaling());
        assertThat(actual.network().architecture()).isEqualTo(expected.network().architecture());
        double[] a = actual.network().parameters();
        double[] e = expected.network().parameters();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("parameter %d", i).isCloseTo(e[i], within(1e-9));
        }
    }
}
