package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dataset is a value: what it checked stays as checked, and its names can name a model's columns. */
class DatasetTest {
    private static final Matrix X = Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final Matrix Y = Matrix.of(new double[][] {{0}, {1}, {1}, {0}});

    /** The weights were kept as given: a weight set to -5 after the check trained to a negative loss. */
    @Test
    void weightsAreCopiedInAndOut() {
        double[] given = {1, 2, 3, 4};
        Dataset weighted = Dataset.of(X, Y).withWeights(given);
        given[0] = -5;
        assertThat(weighted.weights()).containsExactly(1, 2, 3, 4);
        weighted.weights()[1] = Double.NaN;
        assertThat(weighted.weights()).containsExactly(1, 2, 3, 4);
        assertThat(weighted.select(new int[] {3, 1}).weights()).containsExactly(4, 2);
        assertThat(Dataset.of(X, Y).weights()).isNull();
        // Two copies of the same weights: equal datasets, as two datasets of the same matrices are.
        double[] weights = {1, 2, 3, 4};
        assertThat(Dataset.of(X, Y).withWeights(weights)).isEqualTo(Dataset.of(X, Y).withWeights(weights))
                .hasSameHashCodeAs(Dataset.of(X, Y).withWeights(weights.clone()))
                .isNotEqualTo(Dataset.of(X, Y).withWeights(new double[] {1, 2, 3, 5}))
                .isNotEqualTo(Dataset.of(X, Y));
    }

    /**
     * A model reads a file's columns by its inputs' names: one trained on two inputs named alike, or on an input
     * named as its target, was written and read back but could read no file.
     */
    @Test
    void twoColumnsNamedAlikeAreRefused() {
        assertThatThrownBy(() -> new Dataset(List.of("a", "a"), List.of("y"), X, Y))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two columns are named 'a'");
        assertThatThrownBy(() -> new Dataset(List.of("a", "b"), List.of("b"), X, Y))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two columns are named 'b' (an input and a target)");
        Matrix twoTargets = Matrix.of(new double[][] {{0, 1}, {1, 0}, {1, 0}, {0, 1}});
        assertThatThrownBy(() -> new Dataset(List.of("a", "b"), List.of("t", "t"), X, twoTargets))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two columns are named 't'");
        assertThat(new Dataset(List.of("a", "b"), List.of("t", "u"), X, twoTargets).inputNames())
                .containsExactly("a", "b");
    }

    @Test
    void aNullNameOrListIsRefusedSayingWhich() {
        Matrix x = Matrix.of(2, 2, new double[] {1, 2, 3, 4});
        Matrix y = Matrix.of(2, 1, new double[] {0, 1});
        assertThatThrownBy(() -> new Dataset(java.util.Arrays.asList("a", null), List.of("y"), x, y))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("inputNames holds null at index 1: every column needs a name");
        assertThatThrownBy(() -> new Dataset(List.of("a", "b"), null, x, y))
                .isInstanceOf(NullPointerException.class).hasMessage("targetNames");
    }

    @Test
    void selectingARowOutsideNamesIt() {
        Dataset weighted = Dataset.of(X, Y).withWeights(new double[] {1, 1, 1, 1});
        assertThatThrownBy(() -> weighted.select(new int[] {0, 7}))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("row 7 is outside 0..3");
    }
}
