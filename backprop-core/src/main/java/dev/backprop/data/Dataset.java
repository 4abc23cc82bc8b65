package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.util.List;
import java.util.Objects;

/**
 * Examples to learn from: inputs X (n x m) and targets y (n x outputs), in the data's own units. Immutable.
 *
 * @param inputNames  one name per column of x
 * @param targetNames one name per column of y
 * @param x           inputs, one row per example
 * @param y           targets, one row per example
 */
public record Dataset(List<String> inputNames, List<String> targetNames, Matrix x, Matrix y) {
    /**
     * Copies the name lists and checks the shapes.
     *
     * @param inputNames  one name per column of x; copied
     * @param targetNames one name per column of y; copied
     * @param x           inputs, one row per example
     * @param y           targets, as many rows as x
     * @throws IllegalArgumentException if a name count or the row counts disagree
     */
    public Dataset {
        inputNames = List.copyOf(inputNames);
        targetNames = List.copyOf(targetNames);
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows but y has " + y.rows());
        }
        if (inputNames.size() != x.cols() || targetNames.size() != y.cols()) {
            throw new IllegalArgumentException("names do not match columns: " + inputNames.size() + " names for x "
                    + x.shape() + ", " + targetNames.size() + " for y " + y.shape());
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
     * The rows at {@code rows}, in that order (an index may repeat): for splits and batches.
     *
     * @param rows row indices; not modified
     * @return a new dataset with the same names
     * @throws IndexOutOfBoundsException if an index is outside [0, rows())
     */
    public Dataset select(int[] rows) {
        return new Dataset(inputNames, targetNames, x.selectRows(rows), y.selectRows(rows));
    }
}
