package dev.backprop.cli.plot;

import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;

/** Hand-written models whose sums overflow over part of the plane of their two inputs, for the pictures' tests. */
public final class OverflowingModels {
    private OverflowingModels() {
    }

    /**
     * Two inputs a, b; two relu units of 1e308 a + 1e308 b each, and an output of their difference: 0 where the sums
     * stay finite, ∞ − ∞ = NaN where a product or the sum passes the largest double (a or a + b above about 1.8).
     */
    private static final String OVERFLOWING = """
            {"format": "backprop-model", "version": 1, "inputs": ["a", "b"], "outputs": [%s],
             "task": "%s", "loss": "%s",
             "layers": [{"activation": "relu", "bias": [0, 0], "weights": [[1e308, 1e308], [1e308, 1e308]]},
                        {"activation": "%s", "bias": [0%s], "weights": [[1%s], [-1%s]]}],
             "inputScaling": {"method": "none"}, "outputScaling": {"method": "none"}%s}
            """;

    /** @return the model of a regression target y */
    public static Model regression() {
        return ModelFile.parse(OVERFLOWING.formatted("\"y\"", "regression", "mse", "linear", "", "", "", ""));
    }

    /** @return the model of a classifier of k = p or q, NaN probabilities where the regression's y is NaN */
    public static Model classifier() {
        return ModelFile.parse(OVERFLOWING.formatted("\"k=p\", \"k=q\"", "classification",
                "categorical-cross-entropy", "softmax", ", 0", ", 0", ", 0", """
                        , "preprocessing": {"target": "k", "task": "classification", "classes": ["p", "q"],
                         "ignore": [], "missing": "error",
                         "columns": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "numeric"}]}"""));
    }

    /** @return {@link #classifier()} with a third input, c, that it does not use */
    public static Model classifierOfThree() {
        return ModelFile.parse("""
                {"format": "backprop-model", "version": 1, "inputs": ["a", "b", "c"], "outputs": ["k=p", "k=q"],
                 "task": "classification", "loss": "categorical-cross-entropy",
                 "layers": [{"activation": "relu", "bias": [0, 0],
                             "weights": [[1e308, 1e308], [1e308, 1e308], [0, 0]]},
                            {"activation": "softmax", "bias": [0, 0], "weights": [[1, 0], [-1, 0]]}],
                 "inputScaling": {"method": "none"}, "outputScaling": {"method": "none"},
                 "preprocessing": {"target": "k", "task": "classification", "classes": ["p", "q"],
                  "ignore": [], "missing": "error", "columns": [{"name": "a", "type": "numeric"},
                  {"name": "b", "type": "numeric"}, {"name": "c", "type": "numeric"}]}}
                """);
    }

    /** @return the 20 points (a, b) of {-2, ..., 2} x {-2, ..., 1}, one row each */
    public static Matrix plane() {
        double[] x = new double[40];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i % 5 - 2;
            x[2 * i + 1] = i / 5 - 2;
        }
        return Matrix.of(20, 2, x);
    }
}
