package dev.backprop.nn;

import java.util.Locale;

/**
 * A training loss J over a batch of n examples and its gradient with respect to the network's outputs.
 *
 * <p>{@link #SSE} is the seed's J = Σ_i Σ_o ½ (y_io - ŷ_io)²; {@link #MSE} is the same sum divided by n, the number of
 * examples (not of outputs), so its gradient does not grow with the data set and one learning rate suits any n.
 */
public enum Loss {
    /** J = Σ ½ (y - ŷ)², the seed's loss; ∂J/∂ŷ = -(y - ŷ). */
    SSE("sse") {
        @Override
        double scale(int n) {
            return 1.0;
        }
    },
    /** J = (1/n) Σ ½ (y - ŷ)²; ∂J/∂ŷ = -(y - ŷ) / n. */
    MSE("mse") {
        @Override
        double scale(int n) {
            return n == 0 ? 0.0 : 1.0 / n;
        }
    };

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    abstract double scale(int n);

    /**
     * J for {@code n} examples whose predictions ŷ are the first {@code n * outputs} values of {@code predicted} and
     * whose targets y start at {@code target[targetOffset]} (both row-major). Neither array is modified.
     */
    public double value(double[] predicted, double[] target, int targetOffset, int n, int outputs) {
        double sum = 0.0;
        for (int i = 0, len = n * outputs; i < len; i++) {
            double r = target[targetOffset + i] - predicted[i];
            sum += 0.5 * r * r;
        }
        return sum * scale(n);
    }

    /**
     * gradient_i = ∂J/∂ŷ_i = -(y_i - ŷ_i) times this loss's 1 or 1/n, for n x outputs values laid out
     * as in {@link #value}.
     * {@code predicted} and {@code target} are not modified; {@code gradient} is.
     */
    public void gradient(double[] predicted, double[] target, int targetOffset, int n, int outputs,
                         double[] gradient) {
        double s = scale(n);
        for (int i = 0, len = n * outputs; i < len; i++) {
            gradient[i] = -(target[targetOffset + i] - predicted[i]) * s;
        }
    }

    /** The name used on the command line and in model files, e.g. {@code "sse"}. */
    public String id() {
        return id;
    }

    /**
     * The loss named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static Loss fromId(String id) {
        for (Loss l : values()) {
            if (l.id.equals(id.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "' (allowed: sse, mse)");
    }
}
