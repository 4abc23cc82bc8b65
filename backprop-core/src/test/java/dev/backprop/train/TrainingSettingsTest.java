package dev.backprop.train;

import dev.backprop.data.Task;
import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Activation;
import dev.backprop.nn.InitScale;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The settings table is the one description of every setting: these tests hold it to the record it describes. */
class TrainingSettingsTest {
    @Test
    void describesEveryComponentOfTheConfigurationOnce() {
        List<String> components = Arrays.stream(TrainerConfig.class.getRecordComponents())
                .map(RecordComponent::getName).sorted().toList();
        List<String> names = TrainingSettings.ALL.stream().map(TrainingSetting::name).sorted().toList();
        assertThat(names).isEqualTo(components);
        TrainerConfig config = TrainerConfig.builder().build();
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            assertThat(setting.of(config)).as(setting.name()).isNotNull();
        }
    }

    @Test
    void theBuildersDefaultsAreTheSeedPresetAndToBuilderKeepsEveryValue() {
        TrainerConfig seed = TrainerConfig.builder().build();
        assertThat(Preset.SEED.builder(null, 0).build()).isEqualTo(seed);
        TrainerConfig custom = TrainerConfig.builder().hidden(4, 2).activation(Activation.TANH).bias(true)
                .optimizer(OptimizerType.MOMENTUM).momentum(0.5).batchSize(8).l2(0.01).dropout(0.1)
                .validationFraction(0.2).patience(3).seed(7).build();
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
    }

    @Test
    void theAutoPresetFollowsTheTask() {
        TrainerConfig classify = Preset.AUTO.builder(Task.CLASSIFICATION, 50).build();
        assertThat(classify.output()).isEqualTo(Activation.SOFTMAX);
        assertThat(classify.loss()).isEqualTo(Loss.CATEGORICAL_CROSS_ENTROPY);
        assertThat(classify.learningRate()).isEqualTo(OptimizerType.ADAM.defaultLearningRate());
        TrainerConfig regress = Preset.AUTO.builder(Task.REGRESSION, 400).build();
        assertThat(regress.output()).isEqualTo(Activation.LINEAR);
        assertThat(regress.loss()).isEqualTo(Loss.MSE);
    }

    /** Given no task, the auto preset answered with a regression's linear output and mse, whatever the target. */
    @Test
    void theAutoPresetNeedsATaskWhereTheSeedPresetDoesNot() {
        assertThatThrownBy(() -> Preset.AUTO.builder(null, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the auto preset needs the target's task (regression or classification) but was given none");
        assertThat(Preset.SEED.builder(null, 0).build()).isEqualTo(TrainerConfig.builder().build());
    }

    @Test
    void theAutoPresetsL2PenaltyIsAStandardNormalPriorOverTheRows() {
        assertThat(Preset.AUTO.builder(Task.CLASSIFICATION, 50).build().l2()).isEqualTo(0.02);
        assertThat(Preset.AUTO.builder(Task.REGRESSION, 400).build().l2()).isEqualTo(0.0025);
        assertThat(Preset.SEED.builder(null, 400).build().l2()).isZero();
        assertThat(TrainingSettings.configure(Preset.AUTO, Task.REGRESSION, 400, Map.of(TrainingSettings.L2, 0.0))
                .l2()).isZero();
        assertThatThrownBy(() -> Preset.AUTO.builder(Task.REGRESSION, 0))
                .hasMessage("rows must be > 0 for the auto preset but was 0");
    }

    @Test
    void theInitialScaleIsAnOptionRecordedOnlyWhereItIsNotWhatFilesBeforeItMeant() {
        assertThat(TrainerConfig.builder().build().initScale()).isEqualTo(InitScale.AUTO);
        assertThat(TrainerConfig.builder().build().settings()).doesNotContainKey("initScale");
        TrainerConfig he = TrainingSettings.configure(Preset.AUTO, Task.CLASSIFICATION, 14,
                Map.of(TrainingSettings.INIT_SCALE, "he"));
        assertThat(he.initScale()).isEqualTo(InitScale.HE);
        assertThat(he.settings()).containsEntry("initScale", "he");
        assertThat(TrainingSettings.INIT_SCALE.option()).isEqualTo("--init-scale");
        assertThatThrownBy(() -> TrainingSettings.configure(Preset.SEED, Task.REGRESSION, 10,
                Map.of(TrainingSettings.INIT_SCALE, "normal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "unknown initial scale 'normal' (choose auto, glorot or he)");
    }

    @Test
    void theInitialScaleSetsTheStartingWeightsOfEveryRun() {
        Dataset data = Dataset.of(Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                Matrix.of(new double[][] {{0}, {1}, {1}, {0}}));
        TrainerConfig.Builder relu = TrainerConfig.builder().hidden(4).activation(Activation.RELU).maxEpochs(1);
        double[] he = Trainer.of(relu.initScale(InitScale.HE).build()).initialModel(data).network().parameters();
        double[] glorot = Trainer.of(relu.initScale(InitScale.GLOROT).build()).initialModel(data).network()
                .parameters();
        double[] auto = Trainer.of(relu.initScale(InitScale.AUTO).build()).initialModel(data).network().parameters();
        // first layer: 2 inputs, 4 relu units: He sqrt(6/2), Glorot sqrt(6/6); the same seeded draws
        for (int i = 0; i < 8; i++) {
            assertThat(glorot[i]).isCloseTo(he[i] / Math.sqrt(3), within(1e-15));
            assertThat(auto[i]).isEqualTo(he[i]);
        }
        // the sigmoid output layer is Glorot under auto and glorot, He under he: sqrt(6/4) against sqrt(6/5)
        assertThat(glorot[8]).isEqualTo(auto[8]);
        assertThat(he[8]).isCloseTo(auto[8] * Math.sqrt(5.0 / 4), within(1e-15));
    }

    @Test
    void aSettingOutOfRangeIsNamedAsTheCoreOrAsItsOption() {
        assertThatThrownBy(() -> TrainerConfig.builder().maxEpochs(0).build())
                .isInstanceOf(InvalidSettingException.class).hasMessage("maxEpochs must be > 0 but was 0");
        assertThatThrownBy(() -> TrainingSettings.configure(Preset.SEED, null, 0,
                Map.of(TrainingSettings.MAX_EPOCHS, 0)))
                .hasMessage("--epochs must be > 0 but was 0");
        assertThatThrownBy(() -> TrainingSettings.configure(Preset.SEED, null, 0,
                Map.of(TrainingSettings.HIDDEN, List.of(3, 0))))
                .hasMessage("--hidden sizes must be > 0 but were [3, 0]");
        assertThatThrownBy(() -> TrainerConfig.builder().hidden(3, 0).build())
                .hasMessage("hidden layer sizes must be > 0 but were [3, 0]");
    }

    @Test
    void anOptionTheConfigurationIgnoresIsRefused() {
        assertThatThrownBy(() -> TrainingSettings.configure(Preset.AUTO, Task.REGRESSION, 100,
                Map.of(TrainingSettings.MOMENTUM, 0.5)))
                .hasMessage("--momentum applies to the momentum and nesterov optimizers, not adam (choose one with "
                        + "--optimizer)");
        TrainerConfig config = TrainingSettings.configure(Preset.SEED, null, 0,
                Map.of(TrainingSettings.OPTIMIZER, "nesterov", TrainingSettings.MOMENTUM, 0.5));
        assertThat(config.momentum()).isEqualTo(0.5);
        assertThat(config.settings()).containsEntry("momentum", "0.5");
    }

    @Test
    void aStartingModelDecidesTheArchitecture() {
        assertThatThrownBy(() -> TrainingSettings.checkStartingModel(Map.of(TrainingSettings.BIAS, true)))
                .hasMessage("--hidden, --activation, --output-activation and --bias cannot be combined with --init: "
                        + "the model file decides the architecture");
        TrainingSettings.checkStartingModel(Map.of(TrainingSettings.LOSS, "mse"));
    }
}
