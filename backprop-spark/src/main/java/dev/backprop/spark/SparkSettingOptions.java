package dev.backprop.spark;

import dev.backprop.command.TrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds {@code backprop-spark}'s options for the training settings Spark trains with ({@link SparkSettings#SUPPORTED},
 * as {@link TrainingOptions} makes them for {@code backprop train} too) after {@code --features}, with the seed
 * preset's defaults.
 */
final class SparkSettingOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        TrainingOptions.insert(spec, "--features", SparkSettings.SUPPORTED, false);
        return spec;
    }
}
