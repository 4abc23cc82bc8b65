package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;

import java.util.List;
import java.util.SplittableRandom;

/** Small deterministic data sets for the tests. */
final class TestData {
    private TestData() {
    }

    /**
     * n rows of three inputs on different ranges and one smooth target: y = sin(x1) + x2 x3 / 10 + 20, so scaling
     * matters and a small network can fit it.
     */
    static Dataset regression(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * 3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = -3 + 6 * random.nextDouble();
            double b = 10 * random.nextDouble();
            double c = 100 + 50 * random.nextDouble();
            x[i * 3] = a;
            x[i * 3 + 1] = b;
            x[i * 3 + 2] = c;
            y[i] = Math.sin(a) + b * c / 10 + 20;
        }
        return new Dataset(List.of("a", "b", "c"), List.of("y"), Matrix.of(n, 3, x), Matrix.of(n, 1, y));
    }

    /** The seed's own example: hours of sleep and study against a test score. */
    static Dataset sleepStudy() {
        return new Dataset(List.of("sleep", "study"), List.of("score"),
                Matrix.of(new double[][] {{3, 5}, {5, 1}, {10, 2}}),
                Matrix.of(new double[][] {{75}, {82}, {93}}));
    }
}
