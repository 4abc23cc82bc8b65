package dev.backprop.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded division of n rows into a training part and a test part. Immutable; same seed, same split.
 *
 * <p>The training part gets round(n * fraction) rows, at least one and at most n - 1; each part's indices are
 * ascending. A stratified split applies the fraction to each class on its own (largest remainders decide the
 * rounding, so the training part still gets round(n * fraction) rows), keeping class proportions in both parts.
 * Shuffling is Fisher-Yates driven by {@code new SplittableRandom(seed)}.
 */
public final class Split {
    private final int[] train;
    private final int[] test;

    private Split(int[] train, int[] test) {
        this.train = train;
        this.test = test;
    }

    /**
     * A random split of {@code rows} rows.
     *
     * @param rows          the number of rows, ≥ 2
     * @param trainFraction the share of rows for training, in (0, 1)
     * @param seed          seeds the shuffle: the same seed gives the same split
     * @return the split; both parts non-empty
     * @throws IllegalArgumentException if {@code rows < 2} or {@code trainFraction} is not strictly between 0 and 1
     */
    public static Split random(int rows, double trainFraction, long seed) {
        int trainCount = trainCount(rows, trainFraction);
        int[] order = identity(rows);
        shuffle(order, new SplittableRandom(seed));
        int[] train = Arrays.copyOf(order, trainCount);
        int[] test = Arrays.copyOfRange(order, trainCount, rows);
        Arrays.sort(train);
        Arrays.sort(test);
        return new Split(train, test);
    }

    /**
     * The rows grouped by label: row indices ordered by label, then by index, so each label's rows are one run.
     *
     * @param labels each row's label, ≥ 0
     * @return the n row indices in that order; a new array
     */
    public static int[] byLabel(int[] labels) {
        int n = labels.length;
        // (label, index) pairs packed in longs sort in one primitive sort.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) labels[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = (int) keys[i];
        }
        return sorted;
    }

    /**
     * A split that keeps the proportion of each label in both parts.
     *
     * @param trainFraction the share of rows for training, in (0, 1)
     * @param seed          seeds the shuffle: the same seed gives the same split
     * @return the split
     * @param labels one label per row, any ints (a class index; -1 for missing forms its own group)
     * @throws IllegalArgumentException if there are fewer than 2 rows or {@code trainFraction} is not strictly
     *                                  between 0 and 1
     */
    public static Split stratified(int[] labels, double trainFraction, long seed) {
        int n = labels.length;
        int trainCount = trainCount(n, trainFraction);
        // Group rows by label, then shuffle within each group.
        int[] sorted = byLabel(labels);
        SplittableRandom random = new SplittableRandom(seed);
        int groups = 0;
        int[] groupStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (i == 0 || labels[sorted[i]] != labels[sorted[i - 1]]) {
                groupStart[groups++] = i;
            }
        }
        groupStart[groups] = n;
        int[] take = new int[groups];
        double[] remainder = new double[groups];
        int taken = 0;
        for (int g = 0; g < groups; g++) {
            int size = groupStart[g + 1] - groupStart[g];
            shuffle(sorted, groupStart[g], size, random);
            double exact = size * trainFraction;
            take[g] = (int) Math.floor(exact);
            remainder[g] = exact - take[g];
            taken += take[g];
        }
        while (taken < trainCount) {
            int best = -1;
            for (int g = 0; g < groups; g++) {
                int size = groupStart[g + 1] - groupStart[g];
                if (take[g] < size && (best < 0 || remainder[g] > remainder[best])) {
                    best = g;
                }
            }
            take[best]++;
            remainder[best] = -1;
            taken++;
        }
        int[] train = new int[trainCount];
        int[] test = new int[n - trainCount];
        int a = 0;
        int b = 0;
        for (int g = 0; g < groups; g++) {
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                if (i - groupStart[g] < take[g]) {
                    train[a++] = sorted[i];
                } else {
                    test[b++] = sorted[i];
                }
            }
        }
        Arrays.sort(train);
        Arrays.sort(test);
        return new Split(train, test);
    }

    /**
     * A split of {@code frame} for learning {@code target}: stratified by class when the target column is
     * categorical, random when it is numeric.
     *
     * @param frame         the data; not modified
     * @param target        the target column's name
     * @param trainFraction the share of rows for training, in (0, 1)
     * @param seed          seeds the shuffle
     * @return the split
     * @throws InvalidDataException if there is no such column
     * @throws IllegalArgumentException as {@link #random}
     */
    public static Split of(Frame frame, String target, double trainFraction, long seed) {
        Column column = frame.column(target);
        if (column instanceof CategoricalColumn categorical) {
            return stratified(categorical.codes(), trainFraction, seed);
        }
        return random(frame.rows(), trainFraction, seed);
    }

    /**
     * A split with these indices, as stored.
     *
     * @param train row indices of the training part; copied
     * @param test  row indices of the test part; copied
     * @return the split
     */
    public static Split of(int[] train, int[] test) {
        return new Split(train.clone(), test.clone());
    }

    /**
     * A copy of the training rows' indices, ascending.
     *
     * @return a new array
     */
    public int[] train() {
        return train.clone();
    }

    /**
     * A copy of the test rows' indices, ascending.
     *
     * @return a new array
     */
    public int[] test() {
        return test.clone();
    }

    /**
     * The training rows of {@code frame}.
     *
     * @param frame the frame the split was made for; not modified
     * @return a new frame of those rows
     */
    public Frame train(Frame frame) {
        return frame.select(train);
    }

    /**
     * The test rows of {@code frame}.
     *
     * @param frame the frame the split was made for; not modified
     * @return a new frame of those rows
     */
    public Frame test(Frame frame) {
        return frame.select(test);
    }

    /**
     * The training rows of {@code data}.
     *
     * @param data the dataset the split was made for; not modified
     * @return a new dataset of those rows
     */
    public Dataset train(Dataset data) {
        return data.select(train);
    }

    /**
     * The test rows of {@code data}.
     *
     * @param data the dataset the split was made for; not modified
     * @return a new dataset of those rows
     */
    public Dataset test(Dataset data) {
        return data.select(test);
    }

    private static int trainCount(int rows, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the training fraction must be strictly between 0 and 1 but was "
                    + fraction);
        }
        if (rows < 2) {
            throw new IllegalArgumentException("cannot split " + rows + " row" + (rows == 1 ? "" : "s")
                    + " into two non-empty parts");
        }
        long count = Math.round(rows * fraction);
        return (int) Math.max(1, Math.min(rows - 1, count));
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        shuffle(values, 0, values.length, random);
    }

    /**
     * Fisher-Yates on values[from, from + length): every order equally likely, drawing length - 1 numbers.
     *
     * @param values the array; only that range is modified
     * @param from   the range's first index
     * @param length the range's length, ≥ 0
     * @param random the source of the draws; advanced
     */
    public static void shuffle(int[] values, int from, int length, SplittableRandom random) {
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[from + i];
            values[from + i] = values[from + j];
            values[from + j] = t;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split(" + train.length + " train, " + test.length + " test)";
    }
}
