package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.data.ScalingMethod;
import dev.backprop.nn.Loss;
import dev.backprop.train.StopReason;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingResult;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.apache.spark.sql.functions.col;

/** The trainer's inputs: vector columns, text columns, sampling, and what it refuses. */
class SparkTrainerTest {
    private static final TrainerConfig CONFIG = TrainerConfig.builder().hidden(4).bias(true).loss(Loss.MSE)
            .learningRate(1.0).maxEpochs(15).tolerance(0).seed(3).build();

    @Test
    void anMllibVectorColumnTrainsAsTheSameColumnsWould() {
        Dataset data = TestData.regression(30, 1);
        org.apache.spark.sql.Dataset<Row> frame = LocalSpark.frame(data);
        org.apache.spark.sql.Dataset<Row> vectors = new VectorAssembler()
                .setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features").transform(frame)
                .select("features", "y");

        TrainingResult actual = SparkTrainer.of(CONFIG).withPartitions(2).trainOnVectors(vectors, "features", "y");

        // VectorAssembler names the vector's elements after its input columns, so even the names agree.
        DistributedGradientDescentTest.assertSameTraining(actual, Trainer.of(CONFIG).train(data));
    }

    @Test
    void aVectorColumnWithoutAttributesGetsNumberedNames() {
        StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("v", SQLDataTypes.VectorType(), false),
                DataTypes.createStructField("y", DataTypes.DoubleType, false)});
        org.apache.spark.sql.Dataset<Row> vectors = frame(schema,
                RowFactory.create(Vectors.dense(1, 2, 3), 1.0), RowFactory.create(Vectors.dense(2, 0, 1), 2.0),
                RowFactory.create(Vectors.sparse(3, new int[] {1}, new double[] {5}), 3.0));

        TrainingResult result = SparkTrainer.of(CONFIG).trainOnVectors(vectors, "v", "y");

        assertThat(result.model().inputs()).containsExactly("v_1", "v_2", "v_3");
        assertThat(result.model().inputScaling().max()).containsExactly(2, 5, 3);
    }

    @Test
    void refusesVectorsOfDifferentLengths() {
        StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("v", SQLDataTypes.VectorType(), false),
                DataTypes.createStructField("y", DataTypes.DoubleType, false)});
        org.apache.spark.sql.Dataset<Row> vectors = frame(schema,
                RowFactory.create(Vectors.dense(1, 2, 3), 1.0), RowFactory.create(Vectors.dense(2, 0), 2.0));

        assertThatThrownBy(() -> SparkTrainer.of(CONFIG).trainOnVectors(vectors, "v", "y"))
                .hasMessage("the vectors in column 'v' have from 2 to 3 elements; they must all have the same length");
        assertThatThrownBy(() -> SparkTrainer.of(CONFIG).train(vectors, "y"))
                .hasMessageStartingWith("column 'v' holds vectors: pass it as the features column");
    }

    @Test
    void textColumnsHoldingNumbersTrainAsNumbers() {
        Dataset data = TestData.regression(20, 4);
        org.apache.spark.sql.Dataset<Row> text = LocalSpark.frame(data).select(col("a").cast("string").as("a"),
                col("b").cast("string").as("b"), col("c").cast("string").as("c"), col("y").cast("string").as("y"));

        TrainingResult actual = SparkTrainer.of(CONFIG).train(text, "y");

        DistributedGradientDescentTest.assertSameTraining(actual, Trainer.of(CONFIG).train(data));
    }

    @Test
    void sgdSamplesReproduciblyAndLearns() {
        Dataset data = TestData.regression(200, 6);
        TrainerConfig config = CONFIG.toBuilder().maxEpochs(30).learningRate(4).build();
        SparkTrainer sgd = SparkTrainer.of(config).withPartitions(2).withBlockRows(16).withSampleFraction(0.25);

        TrainingResult first = sgd.train(LocalSpark.frame(data), "y");
        TrainingResult second = sgd.train(LocalSpark.frame(data), "y");
        TrainingResult gd = SparkTrainer.of(config).withPartitions(2).train(LocalSpark.frame(data), "y");

        assertThat(second.model().network().parameters()).containsExactly(first.model().network().parameters());
        assertThat(first.model().network().parameters()).isNotEqualTo(gd.model().network().parameters());
        // A quarter of the rows per step, and J falls as far as full-batch gd's does in the same number of steps.
        assertThat(first.finalLoss()).isLessThan(first.lossHistory()[0]).isCloseTo(gd.finalLoss(),
                within(0.1 * gd.finalLoss()));
    }

    @Test
    void aListenerSeesEachIterationAndCanStopTheRunWithTheModelSoFar() {
        Dataset data = TestData.regression(25, 9);
        List<Double> losses = new java.util.ArrayList<>();
        SparkTrainer trainer = SparkTrainer.of(CONFIG).withListener(new TrainingListener() {
            @Override
            public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
                losses.add(trainingLoss);
            }

            @Override
            public boolean stopRequested() {
                return losses.size() == 4;
            }
        });
        try (PackedDataset packed = trainer.pack(LocalSpark.frame(data), List.of("a", "b", "c"), List.of("y"))) {
            TrainingResult stopped = trainer.train(packed);
            TrainingResult four = SparkTrainer.of(CONFIG.toBuilder().maxEpochs(4).build()).train(packed);

            assertThat(stopped.stopReason()).isEqualTo(StopReason.INTERRUPTED);
            assertThat(stopped.epochs()).isEqualTo(4);
            assertThat(losses.stream().mapToDouble(Double::doubleValue).toArray())
                    .containsExactly(stopped.history().lossHistory());
            // Stopped after four iterations, it is the model four iterations make.
            assertThat(stopped.model().network().parameters()).containsExactly(four.model().network().parameters());
        }
    }

    @Test
    void packedDataServesSeveralRuns() {
        Dataset data = TestData.regression(25, 9);
        SparkTrainer trainer = SparkTrainer.of(CONFIG);
        try (PackedDataset packed = trainer.pack(LocalSpark.frame(data), List.of("a", "b", "c"), List.of("y"))) {
            assertThat(packed.rows()).isEqualTo(25);
            TrainingResult once = trainer.train(packed);
            TrainingResult twice = trainer.train(packed, once.model().network());
            assertThat(twice.finalLoss()).isLessThan(once.finalLoss());
            assertThatThrownBy(() -> SparkTrainer.of(CONFIG.toBuilder().scaling(ScalingMethod.NONE).build())
                    .train(packed))
                    .hasMessage("the data was packed with scaling minmax but this trainer scales by none");
        }
    }

    @Test
    void numericColumnsReadAsTheyAreRefuseMissingAndNonNumericValuesNamingTheColumn() {
        StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("x", DataTypes.StringType, true),
                DataTypes.createStructField("z", DataTypes.DoubleType, true),
                DataTypes.createStructField("y", DataTypes.DoubleType, true)});
        SparkTrainer trainer = SparkTrainer.of(CONFIG);
        List<String> inputs = List.of("x", "z");
        List<String> target = List.of("y");

        assertThatThrownBy(() -> trainer.train(frame(schema, RowFactory.create("1", 1.0, 2.0),
                RowFactory.create(" ", 2.0, 3.0), RowFactory.create("3", 3.0, 4.0)), inputs, target))
                .hasMessage("column 'x': 1 of 3 values is missing (drop or fill them first, e.g. with Dataset.na())");
        assertThatThrownBy(() -> trainer.train(frame(schema, RowFactory.create("1", 1.0, 2.0),
                RowFactory.create("two", 2.0, 3.0), RowFactory.create("x3", 3.0, 4.0)), inputs, target))
                .hasMessage("column 'x': 2 of 3 values are not a number (this column must be numeric)");
        assertThatThrownBy(() -> trainer.train(frame(schema, RowFactory.create("1", Double.NaN, 2.0),
                RowFactory.create("2", 2.0, null)), inputs, target))
                .hasMessage("column 'z': 1 of 2 values is NaN or infinite");
        assertThatThrownBy(() -> trainer.train(frame(schema), inputs, target)).hasMessage("the dataset has no rows");
    }

    @Test
    void aTableIsReadAsTheCommandLineReadsAFile() {
        StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("x", DataTypes.StringType, true),
                DataTypes.createStructField("z", DataTypes.DoubleType, true),
                DataTypes.createStructField("y", DataTypes.DoubleType, true)});
        SparkTrainer trainer = SparkTrainer.of(CONFIG);

        assertThatThrownBy(() -> trainer.train(frame(schema, RowFactory.create("1", 1.0, 2.0)), "price"))
                .hasMessage("no column named 'price' (columns: x, z, y)");
        assertThatThrownBy(() -> trainer.train(frame(schema, RowFactory.create("1", Double.NaN, 2.0),
                RowFactory.create("2", 2.0, 1.0)), "y"))
                .hasMessage("column 'z': 'NaN' is not a finite number");
        assertThatThrownBy(() -> trainer.train(frame(schema, RowFactory.create("nan", 1.0, 2.0),
                RowFactory.create("2", 2.0, 1.0)), "y"))
                .hasMessage("column 'x': 'nan' is not a finite number");
        assertThatThrownBy(() -> trainer.train(frame(schema), "y")).hasMessage("the dataset has no rows");
        // Text makes a column categorical: "two" and "x3" are categories, "1" too.
        TrainingResult words = trainer.train(frame(schema, RowFactory.create("1", 1.0, 2.0),
                RowFactory.create("two", 2.0, 3.0), RowFactory.create("x3", 3.0, 4.0)), "y");
        assertThat(words.model().inputs()).containsExactly("x=1", "x=two", "x=x3", "z");
    }

    @Test
    void refusesColumnsThatAreNeitherTextNorNumbers() {
        org.apache.spark.sql.Dataset<Row> dates = LocalSpark.session().sql("SELECT current_date() AS d, 1.0 AS y");
        assertThatThrownBy(() -> SparkTrainer.of(CONFIG).train(dates, "y"))
                .hasMessage("column 'd' has type date: backprop-spark reads numeric and text columns");
    }

    private static org.apache.spark.sql.Dataset<Row> frame(StructType schema, Row... rows) {
        return LocalSpark.session().createDataFrame(List.of(rows), schema);
    }
}
