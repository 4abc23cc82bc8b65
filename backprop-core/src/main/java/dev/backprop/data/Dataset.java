package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Examples to learn from: inputs X (n x m) and targets y (n x outputs), in the data's own units, and optionally a
 * weight per example, how many times its term counts in the training loss. Immutable: the weights are copied in and
 * out, so a weight checked here stays as it was checked.
 *
 * @param inputNames  one name per column of x
 * @param targetNames one name per column of y
 * @param x           inputs, one row per example
 * @param y           targets, one row per example
 * @param weights     each example's weight, finite and ≥ 0, or null when every example weighs 1 (unweighted)
 */
public record Dataset(List<String> inputNames, List<String> targetNames, Matrix x, Matrix y, double[] weights) {
    /**
     * Copies the name lists and checks the shapes and weights.
     *
     * @param inputNames  one name per column of x; copied
     * @param targetNames one name per column of y; copied
     * @param x           inputs, one row per example
     * @param y           targets, as many rows as x
     * @param weights     one weight per row, finite and ≥ 0, not all 0; or null for unweighted rows; copied
     * @throws IllegalArgumentException if a name count, the row counts or the weight count disagree, two columns
     *                                  (inputs and targets together) share a name, or a weight is negative, NaN or
     *                                  infinite, or all are 0
     * @throws NullPointerException     if a list, a name or a matrix is null, saying which
     */
    public Dataset {
        inputNames = names(inputNames, "inputNames");
        targetNames = names(targetNames, "targetNames");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows but y has " + y.rows());
        }
        if (inputNames.size() != x.cols() || targetNames.size() != y.cols()) {
            throw new IllegalArgumentException("names do not match columns: " + inputNames.size() + " names for x "
                    + x.shape() + ", " + targetNames.size() + " for y " + y.shape());
        }
        requireDistinct(inputNames, targetNames);
        if (weights != null) {
            weights = weights.clone();
            checkWeights(weights, x.rows());
        }
    }

    /**
     * An unweighted dataset.
     *
     * @param inputNames  one name per column of x; copied
     * @param targetNames one name per column of y; copied
     * @param x           inputs, one row per example
     * @param y           targets, as many rows as x
     * @throws IllegalArgumentException if a name count or the row counts disagree
     */
    public Dataset(List<String> inputNames, List<String> targetNames, Matrix x, Matrix y) {
        this(inputNames, targetNames, x, y, null);
    }

    /**
     * The same examples, each weighing {@code rowWeights[i]} in the training loss.
     *
     * @param rowWeights one weight per row, finite and ≥ 0, not all 0; or null for unweighted; copied
     * @return a new dataset
     * @throws IllegalArgumentException as the constructor, for bad weights
     */
    public Dataset withWeights(double[] rowWeights) {
        return new Dataset(inputNames, targetNames, x, y, rowWeights);
    }

    /** A copy of {@code names}, refusing a null list or a null name by what it is and where. */
    private static List<String> names(List<String> names, String what) {
        Objects.requireNonNull(names, what);
        // A loop, not indexOf(null): an immutable list answers indexOf(null) with a bare NullPointerException.
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j) == null) {
                throw new NullPointerException(what + " holds null at index " + j + ": every column needs a name");
            }
        }
        return List.copyOf(names);
    }

    /**
     * A model names its inputs and outputs by these names and reads a data file's columns by them: two alike would
     * make a model that cannot read any file.
     */
    private static void requireDistinct(List<String> inputNames, List<String> targetNames) {
        Set<String> seen = new HashSet<>();
        for (List<String> names : List.of(inputNames, targetNames)) {
            for (String name : names) {
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("two columns are named " + ColumnNames.quoted(name)
                            + (inputNames.contains(name) && targetNames.contains(name)
                            ? " (an input and a target)" : ""));
                }
            }
        }
    }

    /**
     * Each example's weight, or null when every example weighs 1.
     *
     * @return a new array of one weight per row (changing it does not change this dataset), or null
     */
    @Override
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** Equal names, values and weights (the weights compared by value, as their copies are). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && inputNames.equals(d.inputNames) && targetNames.equals(d.targetNames)
                && x.equals(d.x) && y.equals(d.y) && Arrays.equals(weights, d.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputNames, targetNames, x, y, Arrays.hashCode(weights));
    }

    private static void checkWeights(double[] weights, int rows) {
        if (weights.length != rows) {
            throw new IllegalArgumentException(rows + " rows but " + weights.length + " weights");
        }
        boolean positive = false;
        for (int i = 0; i < rows; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("the weight of row " + (i + 1) + " must be finite and >= 0 but was "
                        + weights[i]);
            }
            positive |= weights[i] > 0;
        }
        if (rows > 0 && !positive) {
            throw new IllegalArgumentException("every weight is 0: no row would count in the loss");
        }
    }

    /**
     * A dataset with generated names x1..xm and y1..yk.
     *
     * @param x inputs, one row per example
     * @param y targets, as many rows as x
     * @return the dataset
     */
    public static Dataset of(Matrix x, Matrix y) {
        return new Dataset(names("x", x.cols()), names("y", y.cols()), x, y);
    }

    private static List<String> names(String prefix, int count) {
        String[] names = new String[count];
        for (int j = 0; j < count; j++) {
            names[j] = prefix + (j + 1);
        }
        return List.of(names);
    }

    /**
     * The number of examples.
     *
     * @return ≥ 0
     */
    public int rows() {
        return x.rows();
    }

    /**
     * The rows at {@code rows}, in that order (an index may repeat), with their weights: for splits and batches.
     *
     * @param rows row indices; not modified
     * @return a new dataset with the same names
     * @throws IndexOutOfBoundsException if an index is outside [0, rows())
     */
    public Dataset select(int[] rows) {
        Matrix selectedX = x.selectRows(rows);   // first: it names an index out of range
        double[] selected = null;
        if (weights != null) {
            selected = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                selected[i] = weights[rows[i]];
            }
        }
        return new Dataset(inputNames, targetNames, selectedX, y.selectRows(rows), selected);
    }
}
