package dev.backprop.spark;

import dev.backprop.linalg.Matrix;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.List;

/**
 * Turns a chunk of one partition's rows into a block's inputs x and targets y, encoded but not yet scaled. Shipped to
 * the executors inside the {@link BlockPacker}; each task gets its own copy.
 */
interface RowEncoder extends Serializable {
    /**
     * The encoded rows.
     *
     * @param rows at least one row, as selected for packing
     * @return x (rows × inputs), y (rows × targets) and each row's weight, if any
     */
    Encoded encode(List<Row> rows);

    /**
     * A block's encoded rows.
     *
     * @param x inputs, one row per example
     * @param y targets, as many rows
     * @param w each row's weight in the loss, or null for none
     */
    record Encoded(Matrix x, Matrix y, double[] w) {
    }
}
