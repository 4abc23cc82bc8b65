package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainerTest {
    /** The seed's example: hours of sleep and study against a test score. */
    private static final Dataset SEED = Dataset.of(Matrix.of(new double[][]{{3, 5}, {5, 1}, {10, 2}}),
            Matrix.of(new double[][]{{75}, {82}, {93}}));
    private static final Dataset XOR = Dataset.of(Matrix.of(new double[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
            Matrix.of(new double[][]{{0}, {1}, {1}, {0}}));

    /** 40 rows, 3 inputs, 2 targets, as the foundation's bit-identity check generated them. */
    private static Dataset forty() {
        double[][] xs = new double[40][3];
        double[][] ys = new double[40][2];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 3; j++) {
                xs[i][j] = r.nextDouble() * 10;
            }
            ys[i][0] = Math.sin(xs[i][0]) + xs[i][1];
            ys[i][1] = xs[i][2] * xs[i][0];
        }
        return Dataset.of(Matrix.of(xs), Matrix.of(ys));
    }

    /** y = 2 x1 - 3 x2 + 0.5 + noise · N(0, 1), x uniform on [-1, 1]. */
    private static Dataset linear(int rows, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] xs = new double[rows][2];
        double[][] ys = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            xs[i][0] = 2 * r.nextDouble() - 1;
            xs[i][1] = 2 * r.nextDouble() - 1;
            ys[i][0] = 2 * xs[i][0] - 3 * xs[i][1] + 0.5 + noise * r.nextGaussian();
        }
        return Dataset.of(Matrix.of(xs), Matrix.of(ys));
    }

    @Test
    void defaultsAreTheSeedsNetwork() {
        TrainerConfig c = TrainerConfig.builder().build();
        assertThat(c.hidden()).containsExactly(3);
        assertThat(c.activation()).isSameAs(Activation.SIGMOID);
        assertThat(c.output()).isSameAs(Activation.SIGMOID);
        assertThat(c.bias()).isFalse();
        assertThat(c.loss()).isSameAs(Loss.SSE);
        assertThat(c.optimizer()).isSameAs(OptimizerType.GD);
        assertThat(c.learningRate()).isEqualTo(1.0);
        assertThat(c.maxEpochs()).isEqualTo(10_000);
        assertThat(c.tolerance()).isEqualTo(1e-6);
        assertThat(c.scaling()).isSameAs(ScalingMethod.MINMAX);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.batchSize()).isZero();
        assertThat(c.l2()).isZero();
        assertThat(c.dropout()).isZero();
        assertThat(c.validationFraction()).isZero();
        assertThat(c.patience()).isZero();
        assertThat(c.schedule()).isEqualTo(LearningRateSchedule.constant());
        assertThat(new TrainerConfig(List.of(3), Activation.SIGMOID, Activation.SIGMOID, false, Loss.SSE, 1.0,
                10_000, 1e-6, ScalingMethod.MINMAX, 42)).isEqualTo(c);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    /**
     * The numbers are those the foundation commit (afa9f7d, before mini-batches and optimizers) produced for the same
     * runs: its final loss bits and the hash codes of its loss history and weights.
     */
    @Test
    void theSeedsRunMatchesTheFoundation() {
        // The foundation's numbers, before the vectorised sigmoid: that e^x is within 1 ulp of Math.exp, so the same
        // run now agrees to a few ulps, and is bit-identical from run to run.
        TrainingResult seed = Trainer.of(TrainerConfig.builder().build()).train(SEED);
        assertThat(seed.stopReason()).isSameAs(StopReason.MAX_EPOCHS);
        assertThat(seed.epochs()).isEqualTo(10_000);
        assertThat(seed.finalLoss()).isCloseTo(Double.longBitsToDouble(4553544806624653921L), withinPercentage(1e-9));
        assertThat(Trainer.of(TrainerConfig.builder().build()).train(SEED).model().network().parameters())
                .isEqualTo(seed.model().network().parameters());

        TrainingResult deeper = Trainer.of(TrainerConfig.builder().bias(true).hidden(4, 3).maxEpochs(3000)
                .learningRate(0.5).build()).train(forty());
        assertThat(deeper.finalLoss()).isCloseTo(Double.longBitsToDouble(4592231768214866698L),
                withinPercentage(1e-9));

        TrainingResult mse = Trainer.of(TrainerConfig.builder().loss(Loss.MSE).bias(true).seed(3).build())
                .train(forty());
        assertThat(mse.validationLossHistory()).isEmpty();
        assertThat(mse.bestEpoch()).isEqualTo(mse.epochs());
    }

    @Test
    void aBatchCoveringTheDataIsTheFullBatch() {
        TrainerConfig gd = TrainerConfig.builder().bias(true).maxEpochs(500).build();
        double[] full = Trainer.of(gd).train(forty()).model().network().parameters();
        double[] covering = Trainer.of(gd.toBuilder().batchSize(1000).build()).train(forty()).model().network()
                .parameters();
        assertThat(covering).isEqualTo(full);
        double[] sgd = Trainer.of(gd.toBuilder().optimizer(OptimizerType.SGD).batchSize(40).build()).train(forty())
                .model().network().parameters();
        assertThat(sgd).isEqualTo(full);
    }

    @Test
    void sameSeedSameBitsWithEveryRandomChoiceInPlay() {
        TrainerConfig config = TrainerConfig.builder().hidden(8, 4).activation(Activation.RELU).bias(true)
                .output(Activation.LINEAR).loss(Loss.MSE).optimizer(OptimizerType.ADAM).batchSize(7).dropout(0.2)
                .l2(1e-3).validationFraction(0.25).maxEpochs(60).build();
        TrainingResult a = Trainer.of(config).train(forty());
        TrainingResult b = Trainer.of(config).train(forty());
        assertThat(b.model().network().parameters()).isEqualTo(a.model().network().parameters());
        assertThat(b.lossHistory()).isEqualTo(a.lossHistory());
        assertThat(b.validationLossHistory()).isEqualTo(a.validationLossHistory());
        assertThat(b.model()).isEqualTo(a.model());
        TrainingResult other = Trainer.of(config.toBuilder().seed(43).build()).train(forty());
        assertThat(other.model().network().parameters()).isNotEqualTo(a.model().network().parameters());
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerType.class)
    void everyOptimizerLearnsXor(OptimizerType optimizer) {
        TrainerConfig.Builder builder = TrainerConfig.builder().hidden(4).activation(Activation.TANH).bias(true)
                .output(Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).optimizer(optimizer).maxEpochs(3000)
                .tolerance(0).seed(1);
        switch (optimizer) {
            case SGD, MOMENTUM, NESTEROV -> builder.batchSize(2).learningRate(0.1);
            case ADAM -> builder.batchSize(2).learningRate(0.02);
            default -> {
            }
        }
        TrainingResult result = Trainer.of(builder.build()).train(XOR);
        double[] p = result.model().predict(XOR.x()).toArray();
        assertThat(p[0]).as(optimizer.id()).isLessThan(0.2);
        assertThat(p[1]).as(optimizer.id()).isGreaterThan(0.8);
        assertThat(p[2]).as(optimizer.id()).isGreaterThan(0.8);
        assertThat(p[3]).as(optimizer.id()).isLessThan(0.2);
        assertThat(result.finalLoss()).as(optimizer.id()).isLessThan(result.lossHistory()[0] / 10);
    }

    @Test
    void quasiNewtonRecoversALinearRegression() {
        Dataset data = linear(50, 0.0, 3);
        for (OptimizerType optimizer : new OptimizerType[]{OptimizerType.LBFGS, OptimizerType.BFGS}) {
            TrainerConfig config = TrainerConfig.builder().hidden().bias(true).output(Activation.LINEAR)
                    .loss(Loss.MSE).scaling(ScalingMethod.NONE).optimizer(optimizer).maxEpochs(100).build();
            TrainingResult result = Trainer.of(config).train(data);
            Network network = result.model().network();
            assertThat(network.parameters()).as(optimizer.id())
                    .containsExactly(new double[]{2, -3, 0.5}, within(1e-6));
            assertThat(result.stopReason()).isSameAs(StopReason.CONVERGED);
            assertThat(result.epochs()).isLessThan(30);
        }
    }

    @Test
    void softmaxClassifierSeparatesThreeBlobs() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] centres = {{0, 0}, {3, 0}, {0, 3}};
        double[][] xs = new double[150][2];
        double[][] ys = new double[150][3];
        for (int i = 0; i < 150; i++) {
            int k = i % 3;
            xs[i][0] = centres[k][0] + 0.6 * r.nextGaussian();
            xs[i][1] = centres[k][1] + 0.6 * r.nextGaussian();
            ys[i][k] = 1;
        }
        Dataset blobs = Dataset.of(Matrix.of(xs), Matrix.of(ys));
        TrainerConfig config = TrainerConfig.builder().hidden(8).activation(Activation.RELU).bias(true)
                .output(Activation.SOFTMAX).loss(Loss.CATEGORICAL_CROSS_ENTROPY).optimizer(OptimizerType.ADAM)
                .learningRate(0.01).batchSize(32).maxEpochs(300).build();
        TrainingResult result = Trainer.of(config).train(blobs);
        assertThat(result.model().outputScaling().method()).isSameAs(ScalingMethod.NONE);
        double[] p = result.model().predict(blobs.x()).toArray();
        int correct = 0;
        for (int i = 0; i < 150; i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = p[i * 3 + k] > p[i * 3 + best] ? k : best;
            }
            correct += best == i % 3 ? 1 : 0;
            assertThat(p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2]).isCloseTo(1.0, within(1e-12));
        }
        assertThat(correct).isGreaterThanOrEqualTo(140);
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        Dataset noisy = linear(60, 1.0, 11);
        TrainerConfig config = TrainerConfig.builder().hidden(40).activation(Activation.TANH).bias(true)
                .output(Activation.LINEAR).loss(Loss.MSE).optimizer(OptimizerType.ADAM).learningRate(0.02)
                .batchSize(10).validationFraction(0.3).patience(15).tolerance(0).maxEpochs(5000).build();
        TrainingResult result = Trainer.of(config).train(noisy);
        assertThat(result.stopReason()).isSameAs(StopReason.EARLY_STOPPING);
        double[] validation = result.validationLossHistory();
        assertThat(validation).hasSize(result.epochs());
        int argmin = 0;
        for (int e = 1; e < validation.length; e++) {
            argmin = validation[e] < validation[argmin] ? e : argmin;
        }
        assertThat(result.bestEpoch()).isEqualTo(argmin + 1);
        assertThat(result.epochs()).isEqualTo(result.bestEpoch() + 15);
        // The same run cut at the best epoch ends on the weights that were kept.
        TrainingResult cut = Trainer.of(config.toBuilder().patience(0).maxEpochs(result.bestEpoch()).build())
                .train(noisy);
        assertThat(cut.model().network().parameters()).isEqualTo(result.model().network().parameters());
    }

    @Test
    void divergenceStopsAtOnceAndKeepsFiniteWeights() {
        TrainerConfig config = TrainerConfig.builder().hidden(5).activation(Activation.RELU).bias(true)
                .output(Activation.LINEAR).loss(Loss.SSE).scaling(ScalingMethod.NONE).learningRate(50)
                .maxEpochs(1000).build();
        TrainingResult result = Trainer.of(config).train(linear(30, 0.1, 2));
        assertThat(result.stopReason()).isSameAs(StopReason.DIVERGED);
        assertThat(result.epochs()).isLessThan(1000);
        assertThat(result.finalLoss()).isFinite();
        for (double w : result.model().network().parameters()) {
            assertThat(w).isFinite();
        }
        assertThat(result.lossHistory()).hasSize(result.epochs());
        for (double j : result.lossHistory()) {
            assertThat(j).isFinite();
        }
    }

    @Test
    void patienceWithoutValidationWatchesTheTrainingLoss() {
        TrainerConfig config = TrainerConfig.builder().hidden(3).bias(true).output(Activation.LINEAR)
                .loss(Loss.MSE).optimizer(OptimizerType.SGD).batchSize(5).patience(5).tolerance(1e-3)
                .maxEpochs(10_000).build();
        TrainingResult result = Trainer.of(config).train(linear(40, 0.3, 4));
        assertThat(result.stopReason()).isIn(StopReason.NO_IMPROVEMENT, StopReason.CONVERGED);
        assertThat(result.epochs()).isLessThan(10_000);
        assertThat(result.bestEpoch()).isEqualTo(result.epochs());
    }

    @Test
    void schedulesChangeTheRun() {
        TrainerConfig constant = TrainerConfig.builder().bias(true).maxEpochs(200).build();
        double[] a = Trainer.of(constant).train(forty()).model().network().parameters();
        double[] b = Trainer.of(constant.toBuilder().schedule(LearningRateSchedule.exponentialDecay(0.99)).build())
                .train(forty()).model().network().parameters();
        double[] c = Trainer.of(constant.toBuilder().schedule(LearningRateSchedule.stepDecay(1.0, 10)).build())
                .train(forty()).model().network().parameters();
        assertThat(b).isNotEqualTo(a);
        assertThat(c).as("a factor of 1 changes nothing").isEqualTo(a);
    }

    @Test
    void dropoutIsOnlyForTraining() {
        TrainerConfig config = TrainerConfig.builder().hidden(16).activation(Activation.RELU).bias(true)
                .output(Activation.LINEAR).loss(Loss.MSE).optimizer(OptimizerType.ADAM).learningRate(0.01)
                .dropout(0.3).maxEpochs(200).build();
        TrainingResult result = Trainer.of(config).train(linear(50, 0.05, 6));
        Matrix x = linear(20, 0, 99).x();
        assertThat(result.model().predict(x)).isEqualTo(result.model().predict(x));
        assertThat(result.finalLoss()).isLessThan(result.lossHistory()[0]);
    }

    @Test
    void configurationsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> TrainerConfig.builder().optimizer(OptimizerType.LBFGS).dropout(0.2).build())
                .hasMessageContaining("dropout makes the loss random, which the line search of lbfgs cannot");
        assertThatThrownBy(() -> TrainerConfig.builder().activation(Activation.SOFTMAX).build())
                .hasMessageContaining("softmax is an output activation");
        assertThatThrownBy(() -> TrainerConfig.builder().loss(Loss.CATEGORICAL_CROSS_ENTROPY).build())
                .hasMessageContaining("categorical-cross-entropy needs a softmax output layer but it is sigmoid");
        assertThatThrownBy(() -> TrainerConfig.builder().validationFraction(1).build())
                .hasMessage("validationFraction must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> TrainerConfig.builder().patience(-1).build()).hasMessageContaining("patience");
        assertThatThrownBy(() -> TrainerConfig.builder().batchSize(-1).build()).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> Trainer.of(TrainerConfig.builder().optimizer(OptimizerType.LBFGS).batchSize(2)
                .build()).train(forty()))
                .hasMessage("lbfgs works on the full batch, but batchSize 2 is less than the 40 training rows"
                        + " (leave it at 0)");
        assertThatThrownBy(() -> Trainer.of(TrainerConfig.builder().validationFraction(0.01).build()).train(forty()))
                .hasMessageContaining("holds out 0 rows");
        assertThatThrownBy(() -> Trainer.of(TrainerConfig.builder().optimizer(OptimizerType.BFGS).hidden(60, 60)
                .build()).train(forty())).hasMessageContaining("use lbfgs");
    }

    @Test
    void crossEntropyTargetsAreChecked() {
        TrainerConfig bce = TrainerConfig.builder().loss(Loss.BINARY_CROSS_ENTROPY).maxEpochs(1).build();
        assertThatThrownBy(() -> Trainer.of(bce).train(SEED))
                .hasMessage("binary-cross-entropy needs targets in [0, 1] but row 1, column y1 is 75.0");
        TrainerConfig cce = TrainerConfig.builder().output(Activation.SOFTMAX).loss(Loss.CATEGORICAL_CROSS_ENTROPY)
                .maxEpochs(1).build();
        Dataset twoHot = Dataset.of(Matrix.of(new double[][]{{0}, {1}}), Matrix.of(new double[][]{{1, 0}, {1, 1}}));
        assertThatThrownBy(() -> Trainer.of(cce).train(twoHot))
                .hasMessage("categorical-cross-entropy needs one-hot targets (each row sums to 1) but row 2 sums to "
                        + "2.0");
    }

    @Test
    void oldResultConstructorStillWorks() {
        TrainingResult r = new TrainingResult(Trainer.of(TrainerConfig.builder().maxEpochs(1).build()).train(SEED)
                .model(), StopReason.MAX_EPOCHS, 1, 0.5, new double[]{1.0});
        assertThat(r.validationLossHistory()).isEmpty();
        assertThat(r.bestEpoch()).isEqualTo(1);
    }
}
