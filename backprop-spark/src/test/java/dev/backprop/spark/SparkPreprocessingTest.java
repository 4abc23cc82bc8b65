package dev.backprop.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.data.DataFiles;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.ReadOptions;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Task;
import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import dev.backprop.nn.Loss;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Categorical columns and missing cells behave on Spark as in {@code backprop train}: the same CSV file, read by
 * Spark's reader and by the core's, gives the same preprocessor (types, fill values, categories, classes), the same
 * model file section and the same weights, and the same error for {@code --missing error}.
 */
class SparkPreprocessingTest {
    private static final TrainerConfig CONFIG = TrainerConfig.builder().hidden(4).bias(true).loss(Loss.MSE)
            .maxEpochs(10).tolerance(0).seed(7).build();

    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void writeCsv() throws IOException {
        file = dir.resolve("weather.csv");
        Files.writeString(file, TestData.weatherCsv(90, 21));
    }

    private static Dataset<Row> sparkCsv() {
        return LocalSpark.session().read().option("header", true).csv(file.toString());
    }

    private static PreprocessConfig preprocessing(MissingPolicy policy) {
        return PreprocessConfig.of("play").withIgnore(List.of("id")).withMissing(policy);
    }

    @ParameterizedTest(name = "--missing {0}, {1} partitions")
    @CsvSource({"mean, 1", "mean, 3", "drop, 1", "drop, 3"})
    void sparkFitsTheCommandLinesPreprocessorAndTrainsItsModel(String policy, int partitions) {
        PreprocessConfig preprocessing = preprocessing(MissingPolicy.fromId(policy));
        TrainingResult expected = Trainer.of(CONFIG).train(DataFiles.read(file, TestData.AS_TRAIN_READS_WEATHER),
                preprocessing);

        TrainingResult actual = SparkTrainer.of(CONFIG).withPartitions(partitions).withBlockRows(16)
                .withCategorical(Set.of("grade")).train(sparkCsv(), preprocessing);

        Preprocessor fitted = actual.model().preprocessor();
        assertThat(fitted).isEqualTo(expected.model().preprocessor());
        assertThat(preprocessingSection(actual.model())).isEqualTo(preprocessingSection(expected.model()));
        DistributedGradientDescentTest.assertSameTraining(actual, expected);
        // What was fitted: "2.0" and "2" are one category, numbers before words; a text target is classes.
        FeatureEncoder features = fitted.features();
        assertThat(features.columns()).containsExactly("outlook", "temperature", "humidity", "grade");
        assertThat(features.categories().get(3)).containsExactly("1", "2", "10", "high");
        assertThat(fitted.target().classes()).containsExactly("no", "yes");
        assertThat(actual.model().inputs()).hasSize(3 + 1 + 1 + 4);
    }

    /**
     * A column almost numeric (at least half numbers, and some text or a number written with a comma) is refused by
     * Spark as by the command line's reader, in the same words but for the line (Spark names the smallest such cell:
     * its rows have no order); declared categorical, it trains. Spark once made such columns categorical silently.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a word among numbers|a,b,y\\n1,2,1\\n2,x,0\\n3,4,1\\n4,5,0\\n",
            "a decimal comma|a,b,y\\n1,2,1\\n2,\"3,5\",0\\n3,4,1\\n4,x,0\\n",
            "thousands separators|a,b,y\\n1,2,1\\n2,\"1,234,567\",0\\n3,4,1\\n4,5,0\\n"})
    void aColumnAlmostNumericIsRefusedAsTheReaderRefusesItUnlessDeclaredCategorical(String what, String csv)
            throws IOException {
        Path mixed = dir.resolve(what.replace(' ', '-') + ".csv");
        Files.writeString(mixed, csv.replace("\\n", "\n"));
        String cli = catchThrowableOfType(() -> DataFiles.read(mixed, ReadOptions.DEFAULT),
                InvalidDataException.class).getMessage();
        Dataset<Row> rows = LocalSpark.session().read().option("header", true).csv(mixed.toString());
        SparkTrainer trainer = SparkTrainer.of(CONFIG).withSource(mixed.toString());

        InvalidDataException spark = catchThrowableOfType(() -> trainer.train(rows, "y"), InvalidDataException.class);

        assertThat(spark).hasMessage(cli.replaceFirst(": line \\d+, ", ", "));
        assertThat(cli).contains(": line ").contains("column 'b': ").contains("--categorical b");
        assertThat(trainer.withCategorical(Set.of("b")).train(rows, "y").model().preprocessor().features()
                .categories().get(1)).isNotEmpty();
        assertThatThrownBy(() -> trainer.withCategorical(Set.of("c")).train(rows, "y"))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("'c'");
    }

    @Test
    void missingErrorGivesTheCoresMessageWithRowNumbers() {
        PreprocessConfig preprocessing = preprocessing(MissingPolicy.ERROR);
        Frame read = DataFiles.read(file, TestData.AS_TRAIN_READS_WEATHER);
        // Spark's reader keeps no line numbers, so the message counts rows, as the core's does for such a frame.
        Frame withoutLines = Frame.of(null, read.columns());
        String core = catchThrowableOfType(() -> Preprocessor.fit(withoutLines, preprocessing),
                InvalidDataException.class).getMessage();

        InvalidDataException spark = catchThrowableOfType(
                () -> SparkTrainer.of(CONFIG).withCategorical(Set.of("grade")).train(sparkCsv(), preprocessing),
                InvalidDataException.class);

        assertThat(spark).hasMessage(core);
        assertThat(core).startsWith("column 'outlook': ").contains(" missing in this column (rows ")
                .contains("so are values in 'temperature' (").contains("use --missing mean");
        // The command line names lines instead: row r is line r + 1, after the header.
        String cli = catchThrowableOfType(() -> Preprocessor.fit(read, preprocessing), InvalidDataException.class)
                .getMessage();
        assertThat(cli).startsWith(file + ": line ");
    }

    @Test
    void sparkInfersTheTaskByTheCoresRule() throws IOException {
        StringBuilder classes = new StringBuilder("x,label\n");
        StringBuilder rare = new StringBuilder("x,label\n");
        for (int i = 0; i < 18; i++) {
            classes.append(i).append(',').append(i % 3).append('\n');
            rare.append(i).append(',').append(i == 17 ? 3 : i % 3).append('\n');
        }
        for (String text : List.of(classes.toString(), rare.toString())) {
            Path csv = Files.writeString(dir.resolve("labels.csv"), text);
            PreprocessConfig config = PreprocessConfig.of("label");
            Preprocessor core = Preprocessor.fit(DataFiles.read(csv), config);
            Preprocessor spark = PreprocessingFit.fit(LocalSpark.session().read().option("header", true)
                    .csv(csv.toString()), config, false, List.of(), Set.of(), null).preprocessor();
            assertThat(spark).isEqualTo(core);
        }
        assertThat(Preprocessor.fit(DataFiles.read(dir.resolve("labels.csv")), PreprocessConfig.of("label"))
                .target().task()).isEqualTo(Task.REGRESSION);
        Files.writeString(dir.resolve("labels.csv"), classes.toString());
        assertThat(PreprocessingFit.fit(LocalSpark.session().read().option("header", true)
                .csv(dir.resolve("labels.csv").toString()), PreprocessConfig.of("label"), false, List.of(), Set.of(),
                        null)
                .preprocessor()
                .target().classes()).containsExactly("0", "1", "2");
    }

    private static JsonNode preprocessingSection(Model model) {
        try {
            return new ObjectMapper().readTree(ModelFile.toJson(model)).get("preprocessing");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
