package dev.backprop.train;

import dev.backprop.data.ColumnRanges;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The objective over rows held in blocks ({@link BlockObjective}, what Spark's executors sum) against the core's own
 * one-pass backpropagation over the same rows: the same J and ∇J for every loss, bit for bit with one block.
 */
class BlockObjectiveTest {
    private static final int ROWS = 23;
    private static final int INPUTS = 3;
    private static final int CLASSES = 3;

    /** Blocks summed one after another in this JVM, counting the passes. */
    private static final class LocalBlocks extends BlockObjective {
        private final List<? extends Block> blocks;
        private int passes;

        LocalBlocks(Architecture architecture, Regularization regularization, List<? extends Block> blocks) {
            super(architecture, regularization, INPUTS, CLASSES, ROWS);
            this.blocks = blocks;
        }

        @Override
        protected BlockSum sum(double[] parameters, BlockSum zero, RowSample sample) {
            passes++;
            BlockSum sum = zero;
            for (Block block : blocks) {
                sum = sum.add(block, blockArchitecture(), parameters, sample);
            }
            return sum;
        }
    }

    private static Architecture network(Loss loss) {
        Activation output = loss == Loss.CATEGORICAL_CROSS_ENTROPY ? Activation.SOFTMAX : Activation.SIGMOID;
        return new Architecture(List.of(new LayerSpec(INPUTS, 4, Activation.TANH, true),
                new LayerSpec(4, CLASSES, output, true)), loss);
    }

    private static double[] x() {
        SplittableRandom random = new SplittableRandom(5);
        return random.doubles(ROWS * INPUTS, -1, 1).toArray();
    }

    /** One-hot targets, so that every loss accepts them. */
    private static double[] y() {
        double[] y = new double[ROWS * CLASSES];
        for (int i = 0; i < ROWS; i++) {
            y[i * CLASSES + i % CLASSES] = 1.0;
        }
        return y;
    }

    /** The rows cut into blocks of these sizes (which add up to ROWS). */
    private static List<RowBlock> blocks(int... sizes) {
        double[] x = x();
        double[] y = y();
        List<RowBlock> blocks = new ArrayList<>();
        int start = 0;
        for (int size : sizes) {
            blocks.add(new RowBlock(blocks.size(), size, Arrays.copyOfRange(x, start * INPUTS, (start + size) * INPUTS),
                    Arrays.copyOfRange(y, start * CLASSES, (start + size) * CLASSES)));
            start += size;
        }
        return blocks;
    }

    private static double[] theta(Architecture architecture) {
        return new SplittableRandom(9).doubles(architecture.parameterCount(), -0.5, 0.5).toArray();
    }

    @Test
    void oneBlockIsTheCoresOnePassBitForBit() {
        Architecture architecture = network(Loss.CATEGORICAL_CROSS_ENTROPY);
        Regularization l2 = Regularization.l2(0.01);
        double[] theta = theta(architecture);
        double[] expected = new double[theta.length];
        double j = new Backpropagation(architecture, ROWS, l2, SplitMix.of(1))
                .lossAndGradient(theta, x(), y(), ROWS, expected);
        double[] gradient = new double[theta.length];
        LocalBlocks objective = new LocalBlocks(architecture, l2, blocks(ROWS));
        assertThat(objective.valueAndGradient(theta, gradient)).isEqualTo(j);
        assertThat(gradient).isEqualTo(expected);
    }

    @Test
    void weightedBlocksAddUpToTheOnePassWeightedObjectiveForEveryLoss() {
        double[] w = new SplittableRandom(3).doubles(ROWS, 0, 3).toArray();
        for (Loss loss : List.of(Loss.SSE, Loss.MSE, Loss.BINARY_CROSS_ENTROPY, Loss.CATEGORICAL_CROSS_ENTROPY)) {
            Architecture architecture = network(loss);
            Regularization l2 = Regularization.l2(0.1);
            double[] theta = theta(architecture);
            double[] expected = new double[theta.length];
            double j = new Backpropagation(architecture, ROWS, l2, SplitMix.of(1))
                    .lossAndGradient(theta, x(), 0, y(), 0, w, 0, ROWS, expected);
            List<RowBlock> blocks = new ArrayList<>();
            int start = 0;
            for (RowBlock block : blocks(5, 5, 1, 12)) {
                blocks.add(new RowBlock(block.id(), block.rows(), block.x(), block.y(),
                        Arrays.copyOfRange(w, start, start + block.rows())));
                start += block.rows();
            }
            double[] gradient = new double[theta.length];
            assertThat(new LocalBlocks(architecture, l2, blocks).valueAndGradient(theta, gradient)).as(loss.id())
                    .isCloseTo(j, within(1e-12));
            assertThat(gradient).as(loss.id()).containsExactly(expected, within(1e-12));
            // The weights count: unweighted, the same blocks give another J.
            assertThat(new LocalBlocks(architecture, l2, blocks(5, 5, 1, 12)).valueAndGradient(theta, gradient))
                    .isNotCloseTo(j, within(1e-6));
        }
    }

    @Test
    void weightedFloat32BlocksGiveTheFloatPassesWeightedObjective() {
        double[] w = new SplittableRandom(3).doubles(ROWS, 0, 3).toArray();
        for (Loss loss : List.of(Loss.SSE, Loss.CATEGORICAL_CROSS_ENTROPY)) {
            Architecture architecture = network(loss);
            double[] theta = theta(architecture);
            float[] theta32 = new float[theta.length];
            for (int i = 0; i < theta.length; i++) {
                theta32[i] = (float) theta[i];
                theta[i] = theta32[i];
            }
            float[] expected = new float[theta.length];
            double j = new FloatBackpropagation(architecture, ROWS).lossAndGradient(theta32, floats(x()), 0,
                    floats(y()), 0, floats(w), 0, ROWS, expected);
            LocalBlocks one = new LocalBlocks(architecture, Regularization.NONE,
                    List.of(new RowBlock(0, ROWS, x(), y(), w)));
            one.blocksIn(Precision.FLOAT32);
            double[] gradient = new double[theta.length];
            assertThat(one.valueAndGradient(theta, gradient)).as("%s: one weighted block, bit for bit", loss)
                    .isEqualTo(j);
            for (int i = 0; i < theta.length; i++) {
                assertThat(gradient[i]).isEqualTo((double) expected[i]);
            }
            LocalBlocks unweighted = new LocalBlocks(architecture, Regularization.NONE, blocks(ROWS));
            unweighted.blocksIn(Precision.FLOAT32);
            assertThat(unweighted.valueAndGradient(theta, gradient)).isNotCloseTo(j, within(1e-6));
        }
    }

    @Test
    void floatBlocksGiveTheFloat32SumOfTheirDoubleBlocksBitForBit() {
        double[] w = new SplittableRandom(4).doubles(ROWS, 0, 2).toArray();
        for (Loss loss : List.of(Loss.MSE, Loss.CATEGORICAL_CROSS_ENTROPY)) {
            Architecture architecture = network(loss);
            double[] theta = theta(architecture);
            List<RowBlock> doubles = List.of(new RowBlock(0, 5, slice(x(), 0, 5 * INPUTS), slice(y(), 0, 5 * CLASSES),
                    slice(w, 0, 5)), new RowBlock(1, ROWS - 5, slice(x(), 5 * INPUTS, ROWS * INPUTS),
                    slice(y(), 5 * CLASSES, ROWS * CLASSES), slice(w, 5, ROWS)));
            List<FloatRowBlock> floats = doubles.stream().map(RowBlock::rounded).toList();
            for (RowSample sample : List.of(RowSample.ALL, new RowSample(0.5, 11, 3))) {
                LocalBlocks fromDoubles = new LocalBlocks(architecture, Regularization.l2(0.01), doubles);
                LocalBlocks fromFloats = new LocalBlocks(architecture, Regularization.l2(0.01), floats);
                fromDoubles.blocksIn(Precision.FLOAT32);
                fromFloats.blocksIn(Precision.FLOAT32);
                double[] expected = new double[theta.length];
                double[] gradient = new double[theta.length];
                BlockSum a = fromDoubles.sum(theta, BlockSum.zero(theta.length, ROWS, Precision.FLOAT32), sample);
                BlockSum b = fromFloats.sum(theta, BlockSum.zero(theta.length, ROWS, Precision.FLOAT32), sample);
                assertThat(b.loss()).as("%s, fraction %s", loss, sample.fraction()).isEqualTo(a.loss());
                assertThat(b.rows()).isEqualTo(a.rows()).isLessThanOrEqualTo(ROWS).isPositive();
                assertThat(b.gradient()).containsExactly(a.gradient());
                assertThat(fromFloats.valueAndGradient(theta, gradient))
                        .isEqualTo(fromDoubles.valueAndGradient(theta, expected));
                assertThat(gradient).containsExactly(expected);
            }
        }
    }

    @Test
    void aFloat64SumRefusesFloatRows() {
        Architecture architecture = network(Loss.MSE);
        double[] theta = theta(architecture);
        LocalBlocks floats = new LocalBlocks(architecture, Regularization.NONE,
                blocks(ROWS).stream().map(RowBlock::rounded).toList());
        assertThatThrownBy(() -> floats.value(theta)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32 rows");
    }

    @Test
    void aRoundedBlockHoldsTheNearestFloatsOfItsValues() {
        double[] w = {0.1, 2.0 / 3};
        RowBlock block = new RowBlock(7, 2, new double[] {Math.PI, -1e-50, 1e40, 0.1, 1 / 3.0, 5},
                new double[] {Math.E, 1.0 / 7}, w);
        FloatRowBlock rounded = block.rounded();
        assertThat(rounded.id()).isEqualTo(7);
        assertThat(rounded.rows()).isEqualTo(2);
        assertThat(rounded.x()).containsExactly((float) Math.PI, -0.0f, Float.POSITIVE_INFINITY, 0.1f, 1 / 3.0f, 5f);
        assertThat(rounded.y()).containsExactly((float) Math.E, 1.0f / 7);
        assertThat(rounded.w()).containsExactly(0.1f, 2.0f / 3);
        assertThat(new RowBlock(1, 1, new double[] {1}, new double[] {2}).rounded().w()).isNull();
    }

    private static double[] slice(double[] values, int from, int to) {
        return Arrays.copyOfRange(values, from, to);
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    @Test
    void blocksOfAnySizeAddUpToTheOnePassObjectiveForEveryLoss() {
        for (Loss loss : List.of(Loss.SSE, Loss.MSE, Loss.BINARY_CROSS_ENTROPY, Loss.CATEGORICAL_CROSS_ENTROPY)) {
            for (Regularization regularization : List.of(Regularization.NONE, Regularization.l2(0.1))) {
                Architecture architecture = network(loss);
                double[] theta = theta(architecture);
                double[] expected = new double[theta.length];
                double j = new Backpropagation(architecture, ROWS, regularization, SplitMix.of(1))
                        .lossAndGradient(theta, x(), y(), ROWS, expected);
                LocalBlocks objective = new LocalBlocks(architecture, regularization, blocks(5, 5, 1, 12));
                double[] gradient = new double[theta.length];
                assertThat(objective.valueAndGradient(theta, gradient)).as(loss.id()).isCloseTo(j, within(1e-12));
                for (int i = 0; i < theta.length; i++) {
                    assertThat(gradient[i]).as(loss.id() + " ∂J/∂θ_" + i).isCloseTo(expected[i], within(1e-12));
                }
                theta[0] += 0.25;
                double moved = new Backpropagation(architecture, ROWS, regularization, SplitMix.of(1))
                        .lossAndGradient(theta, x(), y(), ROWS, expected);
                assertThat(objective.value(theta)).as(loss.id()).isCloseTo(moved, within(1e-12));
            }
        }
    }

    @Test
    void float32BlocksAreTheFloat32PassSummedInDouble() {
        for (Loss loss : new Loss[] {Loss.BINARY_CROSS_ENTROPY, Loss.CATEGORICAL_CROSS_ENTROPY}) {
            Architecture architecture = network(loss);
            float[] theta32 = new float[architecture.parameterCount()];
            SplittableRandom random = new SplittableRandom(9);
            for (int i = 0; i < theta32.length; i++) {
                theta32[i] = (float) random.nextDouble(-1, 1);
            }
            double[] theta = new double[theta32.length];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = theta32[i];
            }
            float[] x = new float[ROWS * INPUTS];
            float[] y = new float[ROWS * CLASSES];
            double[] x64 = x();
            double[] y64 = y();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) x64[i];
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) y64[i];
            }
            float[] expected = new float[theta.length];
            double j = new FloatBackpropagation(architecture, ROWS).lossAndGradient(theta32, x, y, ROWS, expected);

            LocalBlocks one = new LocalBlocks(architecture, Regularization.NONE, blocks(ROWS));
            one.blocksIn(Precision.FLOAT32);
            double[] gradient = new double[theta.length];
            assertThat(one.valueAndGradient(theta, gradient)).as("%s: one block, bit for bit", loss).isEqualTo(j);
            for (int i = 0; i < theta.length; i++) {
                assertThat(gradient[i]).isEqualTo((double) expected[i]);
            }
            LocalBlocks four = new LocalBlocks(architecture, Regularization.NONE, blocks(5, 5, 1, 12));
            four.blocksIn(Precision.FLOAT32);
            double[] summed = new double[theta.length];
            assertThat(four.valueAndGradient(theta, summed)).isCloseTo(j, within(1e-6 * Math.abs(j)));
            for (int i = 0; i < theta.length; i++) {
                assertThat(summed[i]).isCloseTo(expected[i], within(1e-6 * (1 + Math.abs(expected[i]))));
            }
        }
    }

    @Test
    void rowsElsewhereTrainInFloat32() {
        Architecture architecture = network(Loss.CATEGORICAL_CROSS_ENTROPY);
        List<RowBlock> blocks = blocks(5, 5, 1, 12);
        double[][] y = new double[ROWS][CLASSES];
        double[] flat = y();
        for (int i = 0; i < ROWS; i++) {
            System.arraycopy(flat, i * CLASSES, y[i], 0, CLASSES);
        }
        RemoteRows rows = new RemoteRows() {
            @Override
            public Description description() {
                return new Description(ROWS, List.of("a", "b", "c"), List.of("p", "q", "r"), Scaling.none(INPUTS),
                        Scaling.none(CLASSES), ColumnRanges.of(Matrix.of(y)), 0.0);
            }

            @Override
            public FullBatchObjective objective(Architecture network, Regularization regularization) {
                return new LocalBlocks(network, regularization, blocks);
            }
        };
        for (OptimizerType optimizer : new OptimizerType[] {OptimizerType.GD, OptimizerType.LBFGS}) {
            TrainerConfig.Builder builder = TrainerConfig.builder().hidden(4).activation(Activation.TANH).bias(true)
                    .output(Activation.SOFTMAX).loss(Loss.CATEGORICAL_CROSS_ENTROPY).scaling(ScalingMethod.NONE)
                    .optimizer(optimizer).learningRate(0.5).maxEpochs(100).tolerance(0);
            TrainingResult wide = Trainer.of(builder.build()).train(rows);
            TrainingResult single = Trainer.of(builder.precision(Precision.FLOAT32).build()).train(rows);
            assertThat(single.model().network().precision()).isEqualTo(Precision.FLOAT32);
            for (double p : single.model().network().parameters()) {
                assertThat((double) (float) p).isEqualTo(p);
            }
            assertThat(single.finalLoss()).as(optimizer.id()).isLessThan(single.lossHistory()[0]);
            assertThat(single.finalLoss()).isCloseTo(wide.finalLoss(), within(0.01 * wide.finalLoss()));
            assertThat(architecture.parameterCount()).isEqualTo(single.model().network().parameters().length);
        }
    }

    @Test
    void theLastPointIsRememberedSoALineSearchPaysOnePassForIt() {
        Architecture architecture = network(Loss.MSE);
        LocalBlocks objective = new LocalBlocks(architecture, Regularization.NONE, blocks(10, 13));
        double[] theta = theta(architecture);
        double[] gradient = new double[theta.length];
        double j = objective.valueAndGradient(theta, gradient);
        assertThat(objective.value(theta.clone())).isEqualTo(j);
        assertThat(objective.valueAndGradient(theta.clone(), new double[theta.length])).isEqualTo(j);
        assertThat(objective.passes).isEqualTo(1);
        theta[1] += 1e-9;
        objective.value(theta);
        assertThat(objective.passes).isEqualTo(2);
    }

    @Test
    void aSampleEstimatesTheObjectiveReproduciblyAndAFullSampleIsExact() {
        Architecture architecture = network(Loss.SSE);
        double[] theta = theta(architecture);
        LocalBlocks objective = new LocalBlocks(architecture, Regularization.NONE, blocks(8, 15));
        double[] exact = new double[theta.length];
        double j = objective.valueAndGradient(theta, exact);
        Objective first = objective.sampled(0.3, 7);
        Objective again = objective.sampled(0.3, 7);
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        double j1 = first.valueAndGradient(theta, g1);
        assertThat(again.valueAndGradient(theta, g2)).isEqualTo(j1);
        assertThat(g2).isEqualTo(g1);
        assertThat(j1).isNotEqualTo(j);
        // The next call draws another sample.
        assertThat(first.valueAndGradient(theta, g1)).isNotEqualTo(j1);
        double[] full = new double[theta.length];
        assertThat(objective.sampled(1.0, 7).valueAndGradient(theta, full)).isEqualTo(j);
        assertThat(full).isEqualTo(exact);
        assertThatThrownBy(() -> objective.sampled(0.01, 7))
                .hasMessage("sample fraction 0.01 of 23 rows expects less than one row per iteration");
    }

    @Test
    void refusesANetworkThatDoesNotFitTheRowsAndDropout() {
        Architecture architecture = new Architecture(List.of(new LayerSpec(2, CLASSES, Activation.SIGMOID, true)),
                Loss.SSE);
        assertThatThrownBy(() -> new LocalBlocks(architecture, Regularization.NONE, blocks(ROWS)))
                .hasMessage("the network maps 2 inputs to 3 outputs but the data has 3 inputs and 3 targets");
        assertThatThrownBy(() -> new LocalBlocks(network(Loss.SSE), new Regularization(0, 0.5), blocks(ROWS)))
                .hasMessageStartingWith("dropout is not supported");
    }
}
