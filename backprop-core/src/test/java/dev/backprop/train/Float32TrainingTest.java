package dev.backprop.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.ThreadMXBean;
import dev.backprop.data.ColumnRanges;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Task;
import dev.backprop.io.CheckpointFile;
import dev.backprop.linalg.Gemm;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training in float32 end to end: the setting, a network that learns what float64 learns (to within the noise of a
 * different rounding), reproducible bits for a seed and for every thread count, listeners, and files from before the
 * setting existed.
 */
class Float32TrainingTest {
    private static final Dataset XOR = Dataset.of(Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
            Matrix.of(new double[][] {{0}, {1}, {1}, {0}}));

    @Test
    void theSettingIsAnOptionRecordedInTheHistoryAndFloat64ByDefault() {
        assertThat(TrainerConfig.builder().build().precision()).isEqualTo(Precision.FLOAT64);
        // float64 is what a history without the setting means, so a float64 run's file is what it was before it
        assertThat(TrainerConfig.builder().build().settings()).doesNotContainKey("precision");
        TrainerConfig config = TrainingSettings.configure(Preset.SEED, Task.REGRESSION, 10,
                Map.of(TrainingSettings.PRECISION, "float32"));
        assertThat(config.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(config.settings()).containsEntry("precision", "float32");
        assertThat(TrainingSettings.PRECISION.option()).isEqualTo("--precision");
        assertThatThrownBy(() -> TrainingSettings.configure(Preset.SEED, Task.REGRESSION, 10,
                Map.of(TrainingSettings.PRECISION, "half")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64 or float32");
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerType.class, names = {"GD", "ADAM", "LBFGS"})
    void xorIsLearnedInFloat32AsInFloat64(OptimizerType optimizer) {
        TrainerConfig.Builder builder = TrainerConfig.builder().hidden(4).activation(Activation.TANH).bias(true)
                .optimizer(optimizer).maxEpochs(optimizer == OptimizerType.LBFGS ? 200 : 3000).tolerance(0).seed(1);
        if (optimizer == OptimizerType.ADAM) {
            builder.learningRate(0.05);
        }
        TrainingResult wide = Trainer.of(builder.build()).train(XOR);
        TrainingResult single = Trainer.of(builder.precision(Precision.FLOAT32).build()).train(XOR);
        Network network = single.model().network();
        assertThat(network.precision()).isEqualTo(Precision.FLOAT32);
        for (double p : network.parameters()) {
            assertThat((double) (float) p).isEqualTo(p);
        }
        double start = single.lossHistory()[0];
        assertThat(single.finalLoss()).as("loss fell 100x").isLessThan(start / 100);
        assertThat(wide.finalLoss()).isLessThan(wide.lossHistory()[0] / 100);
        double[] predicted = single.model().predict(XOR.x()).toArray();
        double[] expected = wide.model().predict(XOR.x()).toArray();
        for (int i = 0; i < 4; i++) {
            assertThat(Math.round(predicted[i])).as("row %d", i).isEqualTo(Math.round(XOR.y().get(i, 0)));
            assertThat(Math.abs(predicted[i] - expected[i])).as("row %d against float64", i).isLessThan(0.05);
        }
        assertThat(single.model().network().parameters()).as("computed in float")
                .isNotEqualTo(wide.model().network().parameters());
    }

    @Test
    void irisScoresAsInFloat64() {
        Frame iris = DataFiles.read(Path.of("..", "data", "iris.csv"));
        TrainerConfig.Builder auto = Preset.AUTO.builder(Task.CLASSIFICATION, iris.rows()).hidden(16).maxEpochs(150)
                .learningRate(0.01);
        Model wide = Trainer.of(auto.build()).train(iris, PreprocessConfig.of("species")).model();
        TrainingResult result = Trainer.of(auto.precision(Precision.FLOAT32).build())
                .train(iris, PreprocessConfig.of("species"));
        Model single = result.model();
        assertThat(single.network().precision()).isEqualTo(Precision.FLOAT32);
        double[] p32 = single.predict(single.preprocessor().apply(iris).dataset().x()).toArray();
        double[] p64 = wide.predict(wide.preprocessor().apply(iris).dataset().x()).toArray();
        int agree = 0;
        int correct = 0;
        double[] y = single.preprocessor().apply(iris).dataset().y().toArray();
        for (int i = 0; i < iris.rows(); i++) {
            int class32 = argmax(p32, i * 3);
            agree += class32 == argmax(p64, i * 3) ? 1 : 0;
            correct += y[i * 3 + class32] == 1 ? 1 : 0;
        }
        assertThat(correct).as("training accuracy").isGreaterThanOrEqualTo(140);
        assertThat(agree).as("rows classed as float64 classes them").isGreaterThanOrEqualTo(iris.rows() - 3);
    }

    @Test
    void theSameSeedGivesTheSameBitsForEveryThreadCount() {
        Dataset data = wide(1200, 10);
        TrainerConfig full = TrainerConfig.builder().hidden(32).activation(Activation.TANH).bias(true)
                .output(Activation.LINEAR).loss(Loss.MSE).learningRate(0.1).maxEpochs(4).tolerance(0)
                .precision(Precision.FLOAT32).build();
        TrainerConfig batches = full.toBuilder().optimizer(OptimizerType.ADAM).batchSize(1100).learningRate(0.01)
                .build();
        int threads = Gemm.threads();
        try {
            for (TrainerConfig config : List.of(full, batches)) {
                Gemm.setThreads(1);
                double[] one = Trainer.of(config).train(data).model().network().parameters();
                Gemm.setThreads(2);
                double[] two = Trainer.of(config).train(data).model().network().parameters();
                double[] again = Trainer.of(config).train(data).model().network().parameters();
                assertThat(two).containsExactly(one);
                assertThat(again).containsExactly(two);
            }
        } finally {
            Gemm.setThreads(threads);
        }
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerType.class, names = {"GD", "ADAM", "MOMENTUM", "LBFGS"})
    void stepsAllocateNothing(OptimizerType optimizer) {
        Dataset data = wide(200, 4);
        TrainerConfig.Builder builder = TrainerConfig.builder().hidden(8).bias(true).activation(Activation.TANH)
                .output(Activation.LINEAR).loss(Loss.MSE).optimizer(optimizer).tolerance(0)
                .precision(Precision.FLOAT32);
        if (optimizer == OptimizerType.GD) {
            builder.learningRate(0.05);
        } else if (optimizer != OptimizerType.LBFGS) {
            builder.batchSize(20).learningRate(0.001);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[2];
        int[] epochs = {200, 600};
        // 400 more epochs (up to 4,000 more steps) cost only the 8 bytes of each epoch's loss in the histories the
        // result copies out at the end (three copies: 9,600 bytes); 16 bytes a step would add 64,000. That holds once
        // C2 has compiled the Vector API kernels (before, their vectors are objects), so the pair of runs is repeated
        // until it does, at most 30 times.
        long bound = 3 * 8 * 400 + 1_000;
        for (int round = 0; round < 30 && (round < 2 || allocated[1] - allocated[0] > bound); round++) {
            for (int k = 0; k < 2; k++) {
                Trainer trainer = Trainer.of(builder.maxEpochs(epochs[k]).build());
                long before = threads.getCurrentThreadAllocatedBytes();
                TrainingResult result = trainer.train(data);
                allocated[k] = threads.getCurrentThreadAllocatedBytes() - before;
                assertThat(result.epochs()).isEqualTo(epochs[k]);
            }
        }
        assertThat(allocated[1] - allocated[0]).as("bytes allocated by 400 more epochs").isLessThanOrEqualTo(bound);
    }

    @Test
    void aListenerThatReadsTheParametersGetsThemAsDoublesAfterEachUpdate() {
        List<double[]> seen = new ArrayList<>();
        TrainingListener watcher = new TrainingListener() {
            @Override
            public void parametersUpdated(double[] parameters, double[] gradient) {
                seen.add(parameters.clone());
            }
        };
        TrainerConfig config = TrainerConfig.builder().maxEpochs(5).tolerance(0).precision(Precision.FLOAT32).build();
        TrainingResult result = Trainer.of(config).withListener(watcher).train(XOR);
        assertThat(seen).hasSize(5);
        assertThat(seen.get(4)).containsExactly(result.model().network().parameters());
        assertThat(TrainingLoop.readsParameters(watcher)).isTrue();
        assertThat(TrainingLoop.readsParameters(new TrainingListener() {
            @Override
            public void batchEnded(int epoch, int batch, double loss) {
            }
        })).as("no copies for a listener that does not read them").isFalse();
    }

    @Test
    void aCheckpointWrittenBeforeThePrecisionExistedIsFloat64() throws Exception {
        List<Checkpoint> saved = new ArrayList<>();
        Trainer.of(TrainerConfig.builder().maxEpochs(4).build()).withCheckpoints(2, saved::add).train(XOR);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(CheckpointFile.toJson(saved.get(0)));
        assertThat(((ObjectNode) root.get("config")).remove("precision")).isNotNull();
        root.remove("sha256"); // nor did the digest
        Checkpoint old = CheckpointFile.parse(json.writeValueAsString(root));
        assertThat(old.config().precision()).isEqualTo(Precision.FLOAT64);
    }

    @Test
    void rowsElsewhereTrainInFloat32OnlyThroughBlocks() {
        TrainerConfig config = TrainerConfig.builder().scaling(ScalingMethod.NONE).loss(Loss.BINARY_CROSS_ENTROPY)
                .precision(Precision.FLOAT32).build();
        RemoteRows opaque = new RemoteRows() {
            @Override
            public Description description() {
                return new Description(4, List.of("a", "b"), List.of("y"), Scaling.none(2), Scaling.none(1),
                        ColumnRanges.of(XOR.y()), 0.0);
            }

            @Override
            public FullBatchObjective objective(Architecture architecture, Regularization regularization) {
                return new FullBatchObjective() {
                    @Override
                    public double value(double[] parameters) {
                        return 0;
                    }

                    @Override
                    public double valueAndGradient(double[] parameters, double[] gradient) {
                        return 0;
                    }
                };
            }
        };
        assertThatThrownBy(() -> Trainer.of(config).train(opaque)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows held elsewhere train in float32 only through the core's BlockObjective");
    }

    private static int argmax(double[] values, int from) {
        int best = 0;
        for (int k = 1; k < 3; k++) {
            if (values[from + k] > values[from + best]) {
                best = k;
            }
        }
        return best;
    }

    private static Dataset wide(int rows, int inputs) {
        SplittableRandom random = new SplittableRandom(12);
        double[][] x = new double[rows][inputs];
        double[][] y = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < inputs; j++) {
                x[i][j] = random.nextDouble(-1, 1);
                sum += Math.sin(x[i][j] * (j + 1));
            }
            y[i][0] = sum;
        }
        return Dataset.of(Matrix.of(x), Matrix.of(y));
    }
}
