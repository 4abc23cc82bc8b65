package dev.backprop.spark;

import dev.backprop.data.ColumnType;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Imputation;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.TargetEncoder;
import dev.backprop.data.Task;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Preprocessor} in a form Spark can ship to executors, which rebuild an equal one with the core's
 * {@code of} factories: the state the model file stores, as lists, arrays and enums.
 */
final class PreprocessorShape implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> ignored;
    private final MissingPolicy missing;
    private final ArrayList<String> columns;
    private final ArrayList<ColumnType> types;
    private final ArrayList<ArrayList<String>> categories = new ArrayList<>();
    /** The imputation's fill values, or null without one. */
    private final double[] means;
    private final String[] modes;
    private final String target;
    private final Task task;
    private final ArrayList<String> classes;

    private PreprocessorShape(Preprocessor preprocessor) {
        ignored = new ArrayList<>(preprocessor.ignored());
        missing = preprocessor.missing();
        FeatureEncoder features = preprocessor.features();
        columns = new ArrayList<>(features.columns());
        types = new ArrayList<>(features.types());
        features.categories().forEach(c -> categories.add(new ArrayList<>(c)));
        Imputation imputation = preprocessor.imputation().orElse(null);
        means = imputation == null ? null : imputation.means();
        modes = imputation == null ? null : imputation.modes();
        target = preprocessor.target().column();
        task = preprocessor.target().task();
        classes = new ArrayList<>(preprocessor.target().classes());
    }

    static PreprocessorShape of(Preprocessor preprocessor) {
        return new PreprocessorShape(preprocessor);
    }

    Preprocessor toPreprocessor() {
        Imputation imputation = means == null ? null : Imputation.of(columns, types, means, modes);
        return Preprocessor.of(ignored, missing, imputation, FeatureEncoder.of(columns, types, new ArrayList<List<String>>(categories)),
                TargetEncoder.of(target, task, classes));
    }
}
