package dev.backprop.spark;

import dev.backprop.command.TrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds {@code backprop-spark}'s own options ({@link ClusterOption}) and, after {@code --features}, those of the
 * training settings Spark trains with ({@link SparkSettings#SUPPORTED}, as {@link TrainingOptions} makes them for
 * {@code backprop train} too), with the seed preset's defaults.
 */
final class SparkSettingOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        ClusterOption.addTo(spec);
        TrainingOptions.insert(spec, "--features", SparkSettings.SUPPORTED, false);
        return spec;
    }
}
