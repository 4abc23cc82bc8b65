package dev.backprop.train;

import dev.backprop.data.Split;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FoldsTest {
    /** 100 rows: 50 of class 0, 30 of class 1, 20 of class 2, interleaved. */
    private static int[] labels() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
        }
        return labels;
    }

    @Test
    void stratifiedFoldsKeepEveryClassShareToWithinOneRow() {
        int[] labels = labels();
        Folds folds = Folds.stratified(labels, 5, 7);
        for (int f = 0; f < 5; f++) {
            int[] test = folds.split(f).test();
            int[] perClass = new int[3];
            for (int row : test) {
                perClass[labels[row]]++;
            }
            assertThat(test).hasSize(20);
            assertThat(perClass).containsExactly(10, 6, 4);
        }
    }

    @Test
    void stratifiedFoldsOfUnevenClassesDifferByAtMostOneRowPerClassAndOverall() {
        int[] labels = new int[23];
        for (int i = 0; i < 23; i++) {
            labels[i] = i < 13 ? 4 : i < 20 ? 1 : -1;
        }
        Folds folds = Folds.stratified(labels, 4, 3);
        int[][] counts = new int[4][3];
        int[] sizes = new int[4];
        for (int row = 0; row < 23; row++) {
            int f = folds.foldOf(row);
            sizes[f]++;
            counts[f][labels[row] == 4 ? 0 : labels[row] == 1 ? 1 : 2]++;
        }
        assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt()).isLessThanOrEqualTo(1);
        for (int c = 0; c < 3; c++) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int f = 0; f < 4; f++) {
                min = Math.min(min, counts[f][c]);
                max = Math.max(max, counts[f][c]);
            }
            assertThat(max - min).as("class %d", c).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void everyRowIsTestedExactlyOnceAndTrainedOnInTheOtherFolds() {
        Folds folds = Folds.random(17, 4, 11);
        int[] tested = new int[17];
        for (int f = 0; f < 4; f++) {
            Split split = folds.split(f);
            for (int row : split.test()) {
                tested[row]++;
            }
            assertThat(split.train().length + split.test().length).isEqualTo(17);
            assertThat(split.train()).doesNotContain(split.test());
        }
        assertThat(tested).containsOnly(1);
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
        Folds a = Folds.stratified(labels(), 5, 42);
        Folds b = Folds.stratified(labels(), 5, 42);
        Folds c = Folds.stratified(labels(), 5, 43);
        assertThat(a.split(2).test()).containsExactly(b.split(2).test());
        assertThat(a.split(2).test()).isNotEqualTo(c.split(2).test());
        assertThat(Folds.repeatSeed(42, 0)).isEqualTo(42);
        assertThat(Folds.repeatSeed(42, 1)).isNotEqualTo(42);
    }

    @Test
    void tooFewRowsOrFoldsAreRefused() {
        assertThatThrownBy(() -> Folds.random(3, 4, 1)).hasMessage("4 folds need at least 4 rows but there are 3");
        assertThatThrownBy(() -> Folds.random(10, 1, 1)).hasMessage("folds must be >= 2 but was 1");
    }
}
