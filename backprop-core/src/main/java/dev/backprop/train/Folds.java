package dev.backprop.train;

import dev.backprop.data.Split;

import java.util.SplittableRandom;

/**
 * A seeded division of n rows into k folds for cross-validation: fold f's test part is its rows, its training part
 * all the others. Immutable; the same seed gives the same folds.
 *
 * <p>The rows are shuffled (Fisher-Yates driven by {@code new SplittableRandom(seed)}) and dealt to the folds in turn,
 * row p of the shuffled order to fold p mod k, so fold sizes differ by at most one. A stratified division shuffles
 * each label's rows on its own, in ascending label order, and deals them in turn with one count running across the
 * labels: each fold then holds every label's share to within one row, and the folds' sizes still differ by at most
 * one.
 */
public final class Folds {
    private final int[] foldOfRow;
    private final int count;

    private Folds(int[] foldOfRow, int count) {
        this.foldOfRow = foldOfRow;
        this.count = count;
    }

    /**
     * Plain k-fold of {@code rows} rows.
     *
     * @param rows  the number of rows, at least {@code k}
     * @param k     the number of folds, ≥ 2
     * @param seed  seeds the shuffle
     * @return the folds
     * @throws IllegalArgumentException if {@code k < 2} or there are fewer rows than folds
     */
    public static Folds random(int rows, int k, long seed) {
        return stratified(new int[rows], k, seed);
    }

    /**
     * Stratified k-fold: each fold keeps the proportion of every label.
     *
     * @param labels one label per row, any ints (a class index; -1 for a missing one forms its own group); not modified
     * @param k      the number of folds, ≥ 2
     * @param seed   seeds the shuffle
     * @return the folds
     * @throws IllegalArgumentException if {@code k < 2} or there are fewer rows than folds
     */
    public static Folds stratified(int[] labels, int k, long seed) {
        int n = labels.length;
        if (k < 2) {
            throw new IllegalArgumentException("folds must be >= 2 but was " + k);
        }
        if (n < k) {
            throw new IllegalArgumentException(k + " folds need at least " + k + " rows but there are " + n);
        }
        int[] order = Split.byLabel(labels);
        SplittableRandom random = new SplittableRandom(seed);
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || labels[order[i]] != labels[order[start]]) {
                Split.shuffle(order, start, i - start, random);
                start = i;
            }
        }
        int[] foldOfRow = new int[n];
        for (int p = 0; p < n; p++) {
            foldOfRow[order[p]] = p % k;
        }
        return new Folds(foldOfRow, k);
    }

    /**
     * The seed of repetition {@code repeat} of a repeated k-fold: {@code seed} itself for the first, then seeds mixed
     * from it (the golden-ratio increment of SplitMix64), so every repetition divides the rows afresh.
     *
     * @param seed   the run's seed
     * @param repeat the repetition, ≥ 0
     * @return the seed of that repetition's folds
     */
    public static long repeatSeed(long seed, int repeat) {
        return seed + repeat * 0x9E3779B97F4A7C15L;
    }


    /**
     * The number of folds.
     *
     * @return k
     */
    public int count() {
        return count;
    }

    /**
     * The number of rows divided.
     *
     * @return n
     */
    public int rows() {
        return foldOfRow.length;
    }

    /**
     * The fold a row is tested in.
     *
     * @param row a row index in [0, n)
     * @return its fold, in [0, k)
     */
    public int foldOf(int row) {
        return foldOfRow[row];
    }

    /**
     * Fold {@code f} as a split: its rows are the test part, every other row the training part, both ascending.
     *
     * @param f the fold, in [0, k)
     * @return the split
     * @throws IndexOutOfBoundsException if there is no such fold
     */
    public Split split(int f) {
        if (f < 0 || f >= count) {
            throw new IndexOutOfBoundsException("fold " + f + " of " + count);
        }
        int tested = 0;
        for (int fold : foldOfRow) {
            tested += fold == f ? 1 : 0;
        }
        int[] train = new int[foldOfRow.length - tested];
        int[] test = new int[tested];
        int a = 0;
        int b = 0;
        for (int i = 0; i < foldOfRow.length; i++) {
            if (foldOfRow[i] == f) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return Split.of(train, test);
    }
}
