package dev.backprop.data;

import java.util.List;
import java.util.Objects;

/**
 * Whether the stored parts of a {@link Preprocessor} (as a model file holds them) fit together, checked once where
 * they are put together so that a preprocessor never holds parts that contradict each other.
 */
final class PreprocessorParts {
    private PreprocessorParts() {
    }

    /**
     * Checks the parts of {@link Preprocessor#of(List, DateFeatures, MissingPolicy, Imputation, FeatureEncoder,
     * TargetEncoder)}.
     *
     * @throws NullPointerException     if {@code dates}, {@code missing}, {@code features} or {@code target} is null
     * @throws IllegalArgumentException if a date column is ignored, a target or an input under its own name; an
     *                                  imputation comes without mean filling (or the reverse) or over other columns;
     *                                  the target is among the inputs; or an ignored column is an input or the target
     */
    static void requireConsistent(List<String> ignored, DateFeatures dates, MissingPolicy missing,
                                  Imputation imputation, FeatureEncoder features, TargetEncoder target) {
        Objects.requireNonNull(dates, "dates");
        for (String date : dates.columns()) {
            if (ignored.contains(date) || target.columns().contains(date) || features.columns().contains(date)) {
                throw new IllegalArgumentException("the date column " + ColumnNames.quoted(date)
                        + " is read as numbers, so it cannot "
                        + "also be ignored, a target or an input as it is");
            }
        }
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if ((missing == MissingPolicy.MEAN) != (imputation != null)) {
            throw new IllegalArgumentException("an imputation goes with --missing mean and only with it (policy "
                    + missing.id() + ", imputation " + (imputation == null ? "absent" : "present") + ")");
        }
        if (imputation != null && (!imputation.columns().equals(features.columns())
                || !imputation.types().equals(features.types()))) {
            throw new IllegalArgumentException("the imputation's columns " + imputation.columns()
                    + " differ from the encoder's " + features.columns());
        }
        for (String column : target.columns()) {
            if (features.columns().contains(column)) {
                throw new IllegalArgumentException("the target " + ColumnNames.quoted(column) + " is also an input");
            }
        }
        for (String column : ignored) {
            if (features.columns().contains(column) || target.columns().contains(column)) {
                throw new IllegalArgumentException("the column " + ColumnNames.quoted(column)
                        + " is both ignored and used (as "
                        + (target.columns().contains(column) ? "the target" : "an input") + ")");
            }
        }
    }
}
