package dev.backprop.command;

import dev.backprop.train.SettingKind;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training settings as picocli options, for both command lines ({@code backprop train}, {@code backprop-spark}):
 * each {@link TrainingSetting} becomes an option with its names, value type, help and default, and what the user typed
 * comes back by setting for {@link TrainingSettings#configure}. Built from the settings'
 * public description alone, so the core itself knows nothing of picocli.
 */
public final class TrainingOptions {
    private TrainingOptions() {
    }

    /**
     * Adds the options of {@code settings} to {@code spec}, right after the option {@code after} (so that the help
     * lists them there), in the settings' order.
     *
     * @param spec     a command's model, from annotations; modified
     * @param after    the longest name of the option they follow
     * @param settings the settings the command offers
     * @param presets  true if the command has {@code --preset}: the help names both presets' defaults
     */
    public static void insert(CommandSpec spec, String after, List<TrainingSetting<?>> settings, boolean presets) {
        List<OptionSpec> later = new ArrayList<>();
        boolean seen = false;
        for (OptionSpec option : spec.options()) {
            if (seen) {
                later.add(option);
            }
            seen |= option.longestName().equals(after);
        }
        later.forEach(spec::remove);
        for (TrainingSetting<?> setting : settings) {
            spec.addOption(option(setting, presets));
        }
        later.forEach(spec::addOption);
    }

    /** The option that sets {@code setting}, its text converted by picocli to {@link SettingKind#optionType()}. */
    private static OptionSpec option(TrainingSetting<?> setting, boolean presets) {
        OptionSpec.Builder option = OptionSpec.builder(setting.options().toArray(String[]::new))
                .description(setting.help(presets)).type(setting.kind().optionType());
        if (setting.kind() == SettingKind.SIZES) {
            option.auxiliaryTypes(Integer.class).splitRegex(",");
        }
        return setting.kind() == SettingKind.BOOLEAN ? option.arity("0").negatable(true).build()
                : option.paramLabel(setting.paramLabel()).build();
    }

    /**
     * The settings typed on a command line.
     *
     * @param parsed   the command's parse result
     * @param settings the settings the command offers
     * @return the values picocli converted, by setting, in the settings' order
     */
    public static Map<TrainingSetting<?>, Object> given(ParseResult parsed, List<TrainingSetting<?>> settings) {
        Map<TrainingSetting<?>, Object> given = new LinkedHashMap<>();
        for (TrainingSetting<?> setting : settings) {
            Object value = parsed.matchedOptionValue(setting.option(), null);
            if (value != null) {
                given.put(setting, value);
            }
        }
        return given;
    }
}
