package dev.backprop.data;

import dev.backprop.linalg.Matrix;

/**
 * The target matrix a {@link TargetEncoder} made.
 *
 * @param y             regression: n x 1 values; classification: n x k one-hot rows
 * @param unseenClasses classification: how many rows held a class the training data did not have (their row is all
 *                      zeros); 0 for regression
 */
public record EncodedTarget(Matrix y, int unseenClasses) {
}
