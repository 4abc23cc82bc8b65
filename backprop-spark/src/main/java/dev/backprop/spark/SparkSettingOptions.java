package dev.backprop.spark;

import dev.backprop.train.SettingKind;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code backprop-spark}'s options for the training settings, made from their descriptions in the core
 * ({@link TrainingSettings}) as {@code backprop train}'s are: every setting Spark trains with
 * ({@link SparkSettings#SUPPORTED}), with the seed preset's defaults. Placed in the help after {@code --features}.
 */
final class SparkSettingOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        List<OptionSpec> later = new ArrayList<>(spec.options());
        later.subList(0, later.indexOf(spec.findOption("--features")) + 1).clear();
        later.forEach(spec::remove);
        for (TrainingSetting<?> setting : SparkSettings.SUPPORTED) {
            OptionSpec.Builder option = OptionSpec.builder(setting.options().toArray(String[]::new))
                    .description(setting.help(false)).type(setting.kind().optionType());
            if (setting.kind() == SettingKind.SIZES) {
                option.auxiliaryTypes(Integer.class).splitRegex(",");
            }
            spec.addOption(setting.kind() == SettingKind.BOOLEAN ? option.arity("0").negatable(true).build()
                    : option.paramLabel(setting.paramLabel()).build());
        }
        later.forEach(spec::addOption);
        return spec;
    }

    /** The settings typed on the command line {@code spec} parsed. */
    static Map<TrainingSetting<?>, Object> given(CommandSpec spec) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return TrainingSettings.given(SparkSettings.SUPPORTED, name -> parsed.matchedOptionValue(name, null));
    }
}
