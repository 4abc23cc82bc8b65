package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Row weights from class weights, for a classification target encoded one-hot (one column per class): row i weighs
 * w_c of its class c. Either {@code balanced}, scikit-learn's w_c = n / (k n_c) for n rows, k classes present and n_c
 * rows of class c (so every class weighs n/k in total and the weights sum to n), or given by name, {@code name=w,...}, with
 * 1 for a class not named. Immutable.
 *
 * @param balanced whether the weights are scikit-learn's balanced ones
 * @param given    class name to weight when not balanced; empty when balanced
 */
public record ClassWeights(boolean balanced, Map<String, Double> given) {
    /**
     * Copies {@code given}.
     *
     * @param balanced whether the weights are balanced
     * @param given    class name to weight, each finite and ≥ 0; copied
     */
    public ClassWeights {
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /**
     * Reads {@code balanced} or {@code name=w[,name=w...]}.
     *
     * @param text the option's value
     * @return the class weights
     * @throws IllegalArgumentException for any other form, a weight that is not a finite number ≥ 0, or a class
     *                                  named twice
     */
    public static ClassWeights parse(String text) {
        if (text.strip().equalsIgnoreCase("balanced")) {
            return new ClassWeights(true, Map.of());
        }
        Map<String, Double> given = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("class weights are 'balanced' or name=weight[,name=weight...], "
                        + "but '" + pair + "' has no name=weight");
            }
            String name = pair.substring(0, eq).strip();
            double w;
            try {
                w = Double.parseDouble(pair.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                w = Double.NaN;
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("the weight of class " + ColumnNames.quoted(name)
                        + " must be a finite number >= 0 "
                        + "but was '" + pair.substring(eq + 1).strip() + "'");
            }
            if (given.put(name, w) != null) {
                throw new IllegalArgumentException("class " + ColumnNames.quoted(name) + " is given two weights");
            }
        }
        return new ClassWeights(false, given);
    }

    /**
     * Each row's weight: that of its class (the column holding its largest target, the first on ties).
     *
     * @param classes the class names, one per column of {@code y}
     * @param y       one-hot targets, n x classes; not modified
     * @return n weights
     * @throws IllegalArgumentException if a named class is not one of {@code classes} (the message lists them), or
     *                                  the target has fewer than two columns
     */
    public double[] rowWeights(List<String> classes, Matrix y) {
        long[] count = new long[y.cols()];
        for (int i = 0; i < y.rows(); i++) {
            count[label(y, i)]++;
        }
        return rowWeights(perClass(classes, count), y);
    }

    /**
     * Each class's weight, given how many training rows each class has: for {@code balanced}, n / (k n_c) with k the
     * classes present (0 for a class without rows); otherwise the weight given, 1 for a class not named.
     *
     * @param classes the class names
     * @param count   the rows of each class, in the order of {@code classes}; not modified
     * @return one weight per class
     * @throws IllegalArgumentException if a named class is not one of {@code classes} (the message lists them), or
     *                                  there are fewer than two classes
     */
    public double[] perClass(List<String> classes, long[] count) {
        int k = count.length;
        if (k < 2 || classes.size() != k) {
            throw new IllegalArgumentException("class weights apply to a classification target (one output per "
                    + "class), but this one has " + k + " output" + (k == 1 ? "" : "s"));
        }
        for (String name : given.keySet()) {
            if (!classes.contains(name)) {
                throw new IllegalArgumentException("class weights name " + ColumnNames.quoted(name)
                        + ", which is not a class of the "
                        + "target (classes: " + String.join(", ", classes) + ")");
            }
        }
        long n = 0;
        int present = 0;
        for (long c : count) {
            n += c;
            present += c > 0 ? 1 : 0;
        }
        double[] perClass = new double[k];
        for (int c = 0; c < k; c++) {
            perClass[c] = balanced ? (count[c] == 0 ? 0 : (double) n / (present * (double) count[c]))
                    : given.getOrDefault(classes.get(c), 1.0);
        }
        return perClass;
    }

    /**
     * Each row's weight from the classes' weights: that of the row's class (the column holding its largest target,
     * the first on ties).
     *
     * @param perClass one weight per class, as {@link #perClass} gives them; not modified
     * @param y        one-hot targets, n x classes; not modified
     * @return n weights
     */
    public static double[] rowWeights(double[] perClass, Matrix y) {
        double[] w = new double[y.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = perClass[label(y, i)];
        }
        return w;
    }

    private static int label(Matrix y, int i) {
        int best = 0;
        for (int c = 1; c < y.cols(); c++) {
            if (y.get(i, c) > y.get(i, best)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * How the training record writes these weights: {@code balanced}, or {@code name=w,...} in the order given.
     *
     * @return the text {@link #parse} reads back
     */
    public String id() {
        if (balanced) {
            return "balanced";
        }
        StringBuilder text = new StringBuilder();
        given.forEach((name, w) -> text.append(text.length() == 0 ? "" : ",").append(name).append('=')
                .append(String.format(Locale.ROOT, "%s", w)));
        return text.toString();
    }
}
