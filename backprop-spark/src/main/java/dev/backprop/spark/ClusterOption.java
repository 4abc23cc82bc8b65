package dev.backprop.spark;

import dev.backprop.command.TrainingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code backprop-spark}'s own options: which data, where Spark runs, and how it packs and samples the rows. Each is
 * described once here (name, value type, label, default, help) and added to the command's model with picocli's model
 * API ({@link SparkSettingOptions}), as {@link TrainingOptions} adds the training settings both command lines share.
 */
enum ClusterOption {
    FEATURES("--features", String.class, "COL", null,
            "Read the inputs from this MLlib vector column (Parquet) instead of every other column."),
    SAMPLE_FRACTION("--sample-fraction", Double.class, "F", null, "For sgd, momentum, nesterov and adam: the fraction "
            + "of rows each iteration reads, in (0, 1]; 1 is the full batch. Default: "
            + SparkTrain.DEFAULT_SAMPLE_FRACTION + "."),
    MASTER("--master", String.class, "URL", null, "Spark master. Default: the one spark-submit sets, else local[*]."),
    PARTITIONS("--partitions", Integer.class, "N", "0", "Repartition the data into N partitions before caching it "
            + "(0: keep the source's). Default: ${DEFAULT-VALUE}."),
    BLOCK_ROWS("--block-rows", Integer.class, "N", String.valueOf(SparkTrainer.DEFAULT_BLOCK_ROWS),
            "Rows per packed block on the executors. Default: ${DEFAULT-VALUE}.");

    private final String option;
    private final Class<?> type;
    private final String label;
    private final String defaultValue;
    private final String help;

    ClusterOption(String option, Class<?> type, String label, String defaultValue, String help) {
        this.option = option;
        this.type = type;
        this.label = label;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    /** Adds every option to {@code spec}, in this order. */
    static void addTo(CommandSpec spec) {
        for (ClusterOption o : values()) {
            spec.addOption(OptionSpec.builder(o.option).type(o.type).paramLabel(o.label)
                    .defaultValue(o.defaultValue).description(o.help).build());
        }
    }

    /** The value parsed for this option on {@code spec}'s command line: as given, else its default, else null. */
    <T> T value(CommandSpec spec) {
        return spec.findOption(option).getValue();
    }
}
