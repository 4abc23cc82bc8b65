package dev.backprop.spark;

import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which of the core's training settings Spark trains with, and why the others are refused. */
final class SparkSettings {
    /** The settings Spark cannot honour (each 0 by default), with the reason it gives when one is set. */
    private static final Map<TrainingSetting<?>, String> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put(TrainingSettings.DROPOUT, "dropout is not supported on Spark: it draws a mask per row from one "
                + "random stream, which a cluster does not share");
        REFUSED.put(TrainingSettings.VALIDATION, "a validation split is not supported on Spark: split the data with "
                + "Dataset.randomSplit and score the held-out part with backprop evaluate");
        REFUSED.put(TrainingSettings.BATCH_SIZE, "a batch size is not supported on Spark: mini-batch optimizers read a "
                + "sample of the rows per iteration instead (the sample fraction)");
    }

    /** Every setting but the refused ones, in the order of {@link TrainingSettings#ALL}. */
    static final List<TrainingSetting<?>> SUPPORTED = TrainingSettings.ALL.stream()
            .filter(setting -> !REFUSED.containsKey(setting)).toList();

    private SparkSettings() {
    }

    /**
     * Refuses a configuration that sets what Spark cannot honour.
     *
     * @throws IllegalArgumentException saying why, for a refused setting above 0 (its default)
     */
    static void check(TrainerConfig config) {
        REFUSED.forEach((setting, reason) -> {
            if (((Number) setting.of(config)).doubleValue() > 0) {
                throw new IllegalArgumentException(reason);
            }
        });
    }
}
