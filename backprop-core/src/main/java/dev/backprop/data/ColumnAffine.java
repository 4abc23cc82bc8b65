package dev.backprop.data;

import dev.backprop.linalg.Matrix;

/**
 * A {@link Scaling}'s map written out per column, x' = (x s - o) / d with s = {@link Scaling#factor}, o =
 * {@link Scaling#offset} and d = {@link Scaling#divisor}, and its inverse x = (x' d + o) / s, over row-major
 * values. The coefficients are read once, not per value.
 */
final class ColumnAffine {
    private final double[] factors;
    private final double[] offsets;
    private final double[] divisors;

    ColumnAffine(Scaling scaling) {
        int cols = scaling.columns();
        factors = new double[cols];
        offsets = new double[cols];
        divisors = new double[cols];
        for (int j = 0; j < cols; j++) {
            factors[j] = scaling.factor(j);
            offsets[j] = scaling.offset(j);
            divisors[j] = scaling.divisor(j);
        }
    }

    /**
     * (x s - o) / d for every value of {@code data}, in a new row-major array. NaN stays NaN.
     *
     * @throws IllegalArgumentException if the column counts differ
     */
    double[] forward(Matrix data) {
        return forwardInPlace(values(data));
    }

    /**
     * (x s - o) / d for every value of the row-major {@code v}, written over it; returns {@code v}. NaN stays NaN.
     *
     * @throws IllegalArgumentException if {@code v}'s length is not a multiple of the column count
     */
    double[] forwardInPlace(double[] v) {
        int cols = factors.length;
        if (cols == 0 ? v.length != 0 : v.length % cols != 0) {
            throw new IllegalArgumentException("scaling was fitted on " + cols + " columns but " + v.length
                    + " values are not whole rows of them");
        }
        for (int start = 0; start < v.length; start += cols) {
            for (int j = 0; j < cols; j++) {
                int i = start + j;
                v[i] = (v[i] * factors[j] - offsets[j]) / divisors[j];
            }
        }
        return v;
    }

    /**
     * (x' d + o) / s, the inverse of {@link #forward}, for every value of {@code scaled}, in a new row-major array. NaN
     * stays NaN.
     *
     * @throws IllegalArgumentException if the column counts differ
     */
    double[] inverse(Matrix scaled) {
        double[] v = values(scaled);
        int cols = factors.length;
        for (int i = 0; i < v.length; i++) {
            int j = i % cols;
            v[i] = (v[i] * divisors[j] + offsets[j]) / factors[j];
        }
        return v;
    }

    private double[] values(Matrix data) {
        if (data.cols() != factors.length) {
            throw new IllegalArgumentException("scaling was fitted on " + factors.length + " columns but the data has "
                    + data.cols());
        }
        return data.toArray();
    }
}
