package dev.backprop.cli.plot;

import dev.backprop.linalg.Matrix;

/** The plane of a model's two inputs that the surface and region charts fill: the data's box and a grid over it. */
final class InputPlane {
    private InputPlane() {
    }

    /** {{low x, low y}, {high x, high y}}: the data's range on each of two inputs, padded by a tenth. */
    static double[][] box(Matrix x) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < 2; j++) {
                lo[j] = Math.min(lo[j], x.get(i, j));
                hi[j] = Math.max(hi[j], x.get(i, j));
            }
        }
        for (int j = 0; j < 2; j++) {
            double pad = hi[j] > lo[j] ? 0.1 * (hi[j] - lo[j]) : 1;
            lo[j] -= pad;
            hi[j] += pad;
        }
        return new double[][] {lo, hi};
    }

    /**
     * Whether the data's box can be drawn: each input's range hi - lo is a finite number (inputs near
     * ±Double.MAX_VALUE, as far outside the training range as a file can hold, make it overflow).
     */
    static boolean drawable(Matrix x) {
        double[][] box = box(x);
        return Double.isFinite(box[1][0] - box[0][0]) && Double.isFinite(box[1][1] - box[0][1]);
    }

    /** steps x steps cell centres over the box, row-major pairs (x, y). */
    static double[] grid(double[][] box, int steps) {
        double[] grid = new double[steps * steps * 2];
        for (int a = 0; a < steps; a++) {
            for (int b = 0; b < steps; b++) {
                int r = a * steps + b;
                grid[2 * r] = box[0][0] + (box[1][0] - box[0][0]) * (a + 0.5) / steps;
                grid[2 * r + 1] = box[0][1] + (box[1][1] - box[0][1]) * (b + 0.5) / steps;
            }
        }
        return grid;
    }
}
