package dev.backprop.cli;

import dev.backprop.train.SettingKind;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code train}'s options for the training settings, made from their descriptions in the core
 * ({@link TrainingSettings}): each setting's option names, value type, help and preset defaults are stated there once.
 * Placed in the help after {@code --preset}, which chooses their defaults.
 */
final class SettingOptions implements CommandLine.IModelTransformer {
    /** The option the settings' options follow. */
    private static final String AFTER = "--preset";

    @Override
    public CommandSpec transform(CommandSpec spec) {
        List<OptionSpec> later = new ArrayList<>();
        boolean seen = false;
        for (OptionSpec option : spec.options()) {
            if (seen) {
                later.add(option);
            }
            seen |= option.longestName().equals(AFTER);
        }
        later.forEach(spec::remove);
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            spec.addOption(option(setting));
        }
        later.forEach(spec::addOption);
        return spec;
    }

    /** The option that sets {@code setting}, its value converted by picocli to the setting's kind. */
    private static OptionSpec option(TrainingSetting<?> setting) {
        OptionSpec.Builder option = OptionSpec.builder(setting.options().toArray(String[]::new))
                .description(setting.help(true)).type(setting.kind().optionType());
        if (setting.kind() == SettingKind.SIZES) {
            option.auxiliaryTypes(Integer.class).splitRegex(",");
        }
        return setting.kind() == SettingKind.BOOLEAN ? option.arity("0").negatable(true).build()
                : option.paramLabel(setting.paramLabel()).build();
    }

    /**
     * The settings the user typed, with the values picocli converted.
     *
     * @param parsed the command's parse result
     * @return the typed values by setting, in the table's order
     */
    static Map<TrainingSetting<?>, Object> given(ParseResult parsed) {
        return TrainingSettings.given(TrainingSettings.ALL, name -> parsed.matchedOptionValue(name, null));
    }
}
