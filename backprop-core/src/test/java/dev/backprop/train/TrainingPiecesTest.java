package dev.backprop.train;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Regularization;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The trainer's package-private pieces: the validation split, mini-batches, the cached objective, chunked losses. */
class TrainingPiecesTest {
    @Test
    void splitIsSeededDisjointOrderedAndComplete() {
        RowSplit a = RowSplit.of(50, 0.2, new SplittableRandom(3));
        RowSplit b = RowSplit.of(50, 0.2, new SplittableRandom(3));
        assertThat(a.validation()).hasSize(10).isEqualTo(b.validation()).isSorted();
        assertThat(a.training()).hasSize(40).isSorted();
        int[] all = IntStream.concat(Arrays.stream(a.training()), Arrays.stream(a.validation())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 50).toArray());
        assertThat(RowSplit.of(50, 0.2, new SplittableRandom(4)).validation()).isNotEqualTo(a.validation());
        assertThat(RowSplit.of(7, 0.0, new SplittableRandom(1)).training()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void batchesAreSeededPermutationsCopiedRowByRow() {
        double[] x = new double[20];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = 100 + i;
        }
        MiniBatches<double[]> batches = new MiniBatches<>(Format.FLOAT64, new Examples<>(x, y, null, 10), 2, 1, 4,
                new SplittableRandom(8));
        MiniBatches<double[]> again = new MiniBatches<>(Format.FLOAT64, new Examples<>(x, y, null, 10), 2, 1, 4,
                new SplittableRandom(8));
        batches.shuffle();
        again.shuffle();
        int[] order = batches.order();
        assertThat(order).isEqualTo(again.order());
        assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(IntStream.range(0, 10).toArray());
        assertThat(order).isNotEqualTo(IntStream.range(0, 10).toArray());
        assertThat(batches.gather(8)).isEqualTo(2);
        assertThat(batches.x()[0]).isEqualTo(order[8]);
        assertThat(batches.x()[3]).isEqualTo(-order[9]);
        assertThat(batches.y()[1]).isEqualTo(100 + order[9]);
        batches.shuffle();
        assertThat(batches.order()).as("a new order each epoch").isNotEqualTo(order);
    }

    private static final Architecture NET = new Architecture(List.of(new LayerSpec(2, 3, Activation.TANH, true),
            new LayerSpec(3, 1, Activation.LINEAR, true)), Loss.MSE);

    private static Examples<double[]> examples(int rows) {
        SplittableRandom r = new SplittableRandom(rows);
        double[] x = new double[2 * rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[2 * i] = r.nextDouble();
            x[2 * i + 1] = r.nextDouble();
            y[i] = x[2 * i] - x[2 * i + 1];
        }
        return new Examples<>(x, y, null, rows);
    }

    @Test
    void cachedObjectiveRecomputesOnlyForANewPoint() {
        Examples<double[]> data = examples(6);
        CachedObjective<double[]> objective = new CachedObjective<>(Format.FLOAT64,
                Format.FLOAT64.pass(NET, 6, Regularization.NONE, null), data, NET.parameterCount());
        double[] theta = new double[NET.parameterCount()];
        Arrays.fill(theta, 0.3);
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        double f1 = objective.valueAndGradient(theta, g1);
        double f2 = objective.valueAndGradient(theta.clone(), g2);
        assertThat(f2).isEqualTo(f1);
        assertThat(g2).isEqualTo(g1);
        assertThat(objective.evaluations()).isEqualTo(1);
        theta[0] += 1e-9;
        objective.valueAndGradient(theta, g2);
        assertThat(objective.evaluations()).isEqualTo(2);
    }

    @Test
    void chunkedLossEqualsTheOnePassLoss() {
        Examples<double[]> data = examples(23);
        double[] theta = new double[NET.parameterCount()];
        Arrays.fill(theta, -0.2);
        double onePass = new Backpropagation(NET, 23).loss(theta, data.x(), 0, data.y(), 0, 23);
        assertThat(new LossEvaluator<>(Format.FLOAT64, NET, 5).dataLoss(theta, data)).isCloseTo(onePass, within(1e-15));
        Architecture summed = new Architecture(NET.layers(), Loss.SSE);
        double sse = new Backpropagation(summed, 23).loss(theta, data.x(), 0, data.y(), 0, 23);
        assertThat(new LossEvaluator<>(Format.FLOAT64, summed, 4).dataLoss(theta, data)).isCloseTo(sse, within(1e-13));
    }
}
