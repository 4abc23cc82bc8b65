package dev.backprop.train;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Regularization;

/**
 * The loss over any number of rows through a workspace of bounded size: rows go through in chunks of at most
 * {@code capacity}, and the chunks' losses J_c combine as Σ J_c for the summed {@code sse} and Σ J_c n_c / n for
 * the mean losses. No dropout. Not thread-safe.
 *
 * @param <A> the array type of the rows and parameters
 */
final class LossEvaluator<A> {
    private final Format<A> format;
    private final Architecture architecture;
    private final Format.Pass<A> backpropagation;

    LossEvaluator(Format<A> format, Architecture architecture, int capacity) {
        this.format = format;
        this.architecture = architecture;
        this.backpropagation = format.pass(architecture, capacity, Regularization.NONE, null);
    }

    /** J on all {@code examples}, without any penalty. */
    double dataLoss(A parameters, Examples<A> examples) {
        int n = examples.rows();
        int capacity = backpropagation.capacity();
        if (n <= capacity) {
            return backpropagation.loss(parameters, examples.x(), 0, examples.y(), 0, examples.w(), 0, n);
        }
        boolean mean = architecture.loss().meanOverRows();
        int inputs = architecture.inputs();
        int outputs = architecture.outputs();
        double sum = 0.0;
        for (int start = 0; start < n; start += capacity) {
            int rows = Math.min(capacity, n - start);
            double j = backpropagation.loss(parameters, examples.x(), start * inputs, examples.y(), start * outputs,
                    examples.w(), start, rows);
            sum += mean ? j * rows / n : j;
        }
        return sum;
    }

    /** The training objective J/n + λ/2 Σ W² (J when λ = 0) on all {@code examples}, without dropout. */
    double objective(A parameters, Examples<A> examples, Regularization regularization) {
        double j = dataLoss(parameters, examples);
        if (regularization.l2() == 0.0) {
            return j;
        }
        double mean = architecture.loss().meanOverRows() || examples.rows() == 0 ? j : j / examples.rows();
        return mean + format.penalty(regularization, architecture, parameters);
    }
}
