package dev.backprop.nn;

/**
 * A {@link Loss} with a weight wᵢ ≥ 0 on each row: J_w = s Σᵢ wᵢ ℓᵢ, where ℓᵢ is row i's term of
 * {@link Loss#value} (so that J is s Σᵢ ℓᵢ). Each row's term counts wᵢ times and the normalisation s stays 1 or 1/n,
 * as in Keras's {@code sample_weight}; with weights that sum to n (scikit-learn's {@code class_weight="balanced"}
 * does) J_w is the weighted mean. Since ∂(wᵢ ℓᵢ)/∂z = wᵢ ∂ℓᵢ/∂z, the only change to backpropagation is row i of δ⁽ᴸ⁾
 * multiplied by wᵢ ({@link #weightRows}). Null weights mean every wᵢ = 1, computed as the unweighted loss, bit for bit.
 */
final class WeightedLoss {
    private WeightedLoss() {
    }

    /**
     * J_w of {@code loss}; with {@code weights} null, {@link Loss#value} itself. No array is modified.
     *
     * @param loss          the loss whose rows are weighed
     * @param z             the output layer's pre-activations, n x outputs row-major from index 0
     * @param predicted     ŷ = f(z), same layout as {@code z}
     * @param target        y, n x outputs row-major from {@code targetOffset}
     * @param targetOffset  index of the first target value in {@code target}, ≥ 0
     * @param weights       wᵢ ≥ 0 of each row from {@code weightOffset}, or null for all 1
     * @param weightOffset  index of the first row's weight in {@code weights}
     * @param n             number of examples (rows), ≥ 0
     * @param outputs       number of outputs (columns), ≥ 1
     * @return J_w; NaN if any input is NaN
     */
    static double value(Loss loss, double[] z, double[] predicted, double[] target, int targetOffset,
                        double[] weights, int weightOffset, int n, int outputs) {
        if (weights == null) {
            return loss.value(z, predicted, target, targetOffset, n, outputs);
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += weights[weightOffset + i] * loss.rowLoss(z, predicted, target, targetOffset, i, outputs);
        }
        return sum * loss.scale(n);
    }

    /**
     * Turns δ⁽ᴸ⁾ of {@link Loss#outputDelta} into that of J_w: row i of δ is multiplied by wᵢ. Only {@code delta} is
     * modified.
     *
     * @param delta        δ⁽ᴸ⁾, n x outputs row-major from index 0
     * @param weights      wᵢ of each row from {@code weightOffset}
     * @param weightOffset index of the first row's weight
     * @param n            number of rows
     * @param outputs      number of outputs
     */
    static void weightRows(double[] delta, double[] weights, int weightOffset, int n, int outputs) {
        for (int i = 0; i < n; i++) {
            double w = weights[weightOffset + i];
            for (int o = 0, k = i * outputs; o < outputs; o++, k++) {
                delta[k] *= w;
            }
        }
    }

    /** {@link #value(Loss, double[], double[], double[], int, double[], int, int, int)} of float arrays, in double. */
    static double value(Loss loss, float[] z, float[] predicted, float[] target, int targetOffset, float[] weights,
                        int weightOffset, int n, int outputs) {
        if (weights == null) {
            return loss.value(z, predicted, target, targetOffset, n, outputs);
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += weights[weightOffset + i] * loss.rowLoss(z, predicted, target, targetOffset, i, outputs);
        }
        return sum * loss.scale(n);
    }

    /** {@link #weightRows(double[], double[], int, int, int)} in float. */
    static void weightRows(float[] delta, float[] weights, int weightOffset, int n, int outputs) {
        for (int i = 0; i < n; i++) {
            float w = weights[weightOffset + i];
            for (int o = 0, k = i * outputs; o < outputs; o++, k++) {
                delta[k] *= w;
            }
        }
    }
}
