package dev.backprop.cli;

import dev.backprop.command.TrainingOptions;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds {@code train}'s options for every training setting ({@link TrainingOptions}) after {@code --preset}, which
 * chooses their defaults.
 */
final class SettingOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        TrainingOptions.insert(spec, "--preset", TrainingSettings.ALL, true);
        return spec;
    }
}
