package dev.backprop;

/**
 * An independent implementation of the seed's formulas for its one-hidden-layer network, written with plain
 * double[][] loops and nothing from the library, to test the library against.
 *
 * <pre>
 *   z2 = X W1, a2 = f(z2), z3 = a2 W2, yhat = f(z3), J = Σ ½ (y - yhat)²
 *   dJ/dW2 = -(a2)ᵀ (y - yhat) f'(z3)
 *   dJ/dW1 = -Xᵀ [(y - yhat) f'(z3) (W2)ᵀ ∘ f'(z2)]
 * </pre>
 */
public final class SeedFormulas {
    private SeedFormulas() {
    }

    static double f(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    static double fPrime(double z) {
        return Math.exp(-z) / ((1.0 + Math.exp(-z)) * (1.0 + Math.exp(-z)));
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double s = 0;
                for (int p = 0; p < b.length; p++) {
                    s += a[i][p] * b[p][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] map(double[][] a, java.util.function.DoubleUnaryOperator op) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = op.applyAsDouble(a[i][j]);
            }
        }
        return out;
    }

    /** The seed's J. */
    public static double loss(double[][] x, double[][] y, double[][] w1, double[][] w2) {
        double[][] yhat = map(multiply(map(multiply(x, w1), SeedFormulas::f), w2), SeedFormulas::f);
        double j = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i][0] - yhat[i][0];
            j += 0.5 * r * r;
        }
        return j;
    }

    /** {dJ/dW1, dJ/dW2} by the seed's closed forms. */
    public static double[][][] gradients(double[][] x, double[][] y, double[][] w1, double[][] w2) {
        double[][] z2 = multiply(x, w1);
        double[][] a2 = map(z2, SeedFormulas::f);
        double[][] z3 = multiply(a2, w2);
        double[][] yhat = map(z3, SeedFormulas::f);
        // delta3 = -(y - yhat) f'(z3)
        double[][] delta3 = new double[y.length][1];
        for (int i = 0; i < y.length; i++) {
            delta3[i][0] = -(y[i][0] - yhat[i][0]) * fPrime(z3[i][0]);
        }
        double[][] dW2 = multiply(transpose(a2), delta3);
        double[][] back = multiply(delta3, transpose(w2));
        double[][] delta2 = new double[back.length][back[0].length];
        for (int i = 0; i < back.length; i++) {
            for (int j = 0; j < back[0].length; j++) {
                delta2[i][j] = back[i][j] * fPrime(z2[i][j]);
            }
        }
        double[][] dW1 = multiply(transpose(x), delta2);
        return new double[][][] {dW1, dW2};
    }

    /** {W1, W2} after {@code steps} updates W ← W - η dJ/dW. The arguments are not modified. */
    public static double[][][] descend(double[][] x, double[][] y, double[][] w1, double[][] w2, double eta,
                                       int steps) {
        double[][] a = copy(w1);
        double[][] b = copy(w2);
        for (int s = 0; s < steps; s++) {
            double[][][] g = gradients(x, y, a, b);
            subtract(a, g[0], eta);
            subtract(b, g[1], eta);
        }
        return new double[][][] {a, b};
    }

    private static void subtract(double[][] w, double[][] g, double eta) {
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                w[i][j] -= eta * g[i][j];
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
