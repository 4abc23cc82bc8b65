package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitTest {
    private static int[] union(Split split) {
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).toArray();
        Arrays.sort(all);
        return all;
    }

    @Test
    void aRandomSplitPartitionsTheRowsSeventyThirty() {
        Split split = Split.random(150, 0.7, 1);
        assertThat(split.train()).hasSize(105).isSorted();
        assertThat(split.test()).hasSize(45).isSorted();
        assertThat(union(split)).isEqualTo(IntStream.range(0, 150).toArray());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        assertThat(Split.random(100, 0.7, 7)).isEqualTo(Split.random(100, 0.7, 7));
        assertThat(Split.random(100, 0.7, 7)).isNotEqualTo(Split.random(100, 0.7, 8));
    }

    @Test
    void aStratifiedSplitKeepsEachClassProportion() {
        int[] labels = new int[150];
        for (int i = 0; i < 150; i++) {
            labels[i] = i / 50;
        }
        Split split = Split.stratified(labels, 0.7, 3);
        assertThat(split.train()).hasSize(105);
        assertThat(union(split)).isEqualTo(IntStream.range(0, 150).toArray());
        int[] trainPerClass = new int[3];
        for (int i : split.train()) {
            trainPerClass[labels[i]]++;
        }
        assertThat(trainPerClass).containsExactly(35, 35, 35);
    }

    @Test
    void stratifiedRoundingStillGivesTheOverallTrainingCount() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2, -1};
        Split split = Split.stratified(labels, 0.7, 5);
        assertThat(split.train()).hasSize(7);
        assertThat(split.test()).hasSize(3);
        assertThat(union(split)).isEqualTo(IntStream.range(0, 10).toArray());
        assertThat(Split.stratified(labels, 0.7, 5)).isEqualTo(split);
    }

    @Test
    void splitsAFrameByItsTargetAndADataset() {
        Frame frame = csv("x,y\n1,a\n2,a\n3,b\n4,b\n5,a\n6,b\n");
        Split split = Split.of(frame, "y", 0.5, 11);
        assertThat(split.train()).hasSize(3);
        Frame train = split.train(frame);
        long as = IntStream.range(0, 3).filter(i -> train.column("y").label(i).equals("a")).count();
        assertThat(as).isBetween(1L, 2L);
        Dataset data = Dataset.of(Matrix.of(6, 1, new double[] {1, 2, 3, 4, 5, 6}), Matrix.zeros(6, 1));
        Dataset test = split.test(data);
        for (int i = 0; i < test.rows(); i++) {
            assertThat(test.x().get(i, 0)).isEqualTo(split.test()[i] + 1.0);
        }
    }

    @Test
    void refusesFractionsOutsideTheOpenIntervalAndTooFewRows() {
        assertThatThrownBy(() -> Split.random(10, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the training fraction must be strictly between 0 and 1 but was 1.0");
        assertThatThrownBy(() -> Split.random(10, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Split.random(1, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot split 1 row into two non-empty parts");
        assertThat(Split.random(2, 0.99, 1).test()).hasSize(1);
    }
}
