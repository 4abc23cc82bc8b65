package dev.backprop.spark;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.ReadOptions;
import dev.backprop.linalg.Matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Small deterministic data sets for the tests. */
final class TestData {
    private TestData() {
    }

    /**
     * How {@code backprop train --categorical grade} reads {@link #weatherCsv}: its grade column is mostly numbers with
     * some text, which the core's reader refuses unless the column is declared categorical, and so does
     * {@link SparkTrainer} ({@code withCategorical}, {@code --categorical}).
     */
    static final ReadOptions AS_TRAIN_READS_WEATHER = ReadOptions.DEFAULT.withCategorical(Set.of("grade"));

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

    /**
     * A CSV text of n rows that needs the command line's preprocessing: an id to ignore; {@code outlook}, text with
     * empty cells; {@code temperature}, integers with {@code ?} cells; {@code humidity}, multiples of 0.25 (so every
     * sum of them is exact, in any order) with {@code NA} cells; {@code grade}, numbers written several ways ("2.0"
     * and "2" are one category) and one word, so categorical; and the target {@code play}, yes or no from a rule
     * with noise, with a few empty cells.
     */
    static String weatherCsv(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] outlooks = {"sunny", "overcast", "rainy"};
        String[] grades = {"1", "2.0", "2", "10", " high "};
        StringBuilder csv = new StringBuilder("id,outlook,temperature,humidity,grade,play\n");
        for (int i = 0; i < n; i++) {
            int outlook = random.nextInt(3);
            int temperature = 50 + random.nextInt(46);
            double humidity = 60 + random.nextInt(160) * 0.25;
            int grade = random.nextInt(grades.length);
            boolean play = (outlook != 2 && humidity < 85) || temperature < 60 || random.nextInt(10) == 0;
            csv.append(i + 1).append(',')
                    .append(random.nextInt(12) == 0 ? "" : outlooks[outlook]).append(',')
                    .append(random.nextInt(12) == 0 ? "?" : Integer.toString(temperature)).append(',')
                    .append(random.nextInt(12) == 0 ? "NA" : Double.toString(humidity)).append(',')
                    .append(grades[grade]).append(',')
                    .append(random.nextInt(20) == 0 ? "" : play ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    /**
     * n rows of {@link #regression}'s three inputs with a class label instead of y: {@code low}, {@code mid} or
     * {@code high} by thresholds on y, for the classification losses.
     */
    static Frame classes(int n, long seed) {
        Dataset data = regression(n, seed);
        String[] names = {"high", "low", "mid"};
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            double y = data.y().get(i, 0);
            codes[i] = y < 60 ? 1 : y < 90 ? 2 : 0;
        }
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = data.x().get(i, j);
            }
            columns.add(NumericColumn.of(data.inputNames().get(j), values));
        }
        columns.add(CategoricalColumn.of("label", List.of(names), codes));
        return Frame.of(null, columns);
    }

    /** The seed's own example: hours of sleep and study against a test score. */
    static Dataset sleepStudy() {
        return new Dataset(List.of("sleep", "study"), List.of("score"),
                Matrix.of(new double[][] {{3, 5}, {5, 1}, {10, 2}}),
                Matrix.of(new double[][] {{75}, {82}, {93}}));
    }
}
