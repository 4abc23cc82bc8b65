package dev.backprop.cli;

import dev.backprop.data.Task;
import dev.backprop.train.Preset;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one trial of {@code backprop tune} trains: the fixed options with its searched values, less those that do not
 * apply to it ({@code --momentum} where the optimizer is adam: the trial trains without it, as {@code train} would
 * have to be told), or why its settings do not work together (softmax with the loss mse).
 *
 * @param values  the searched values, by setting, as the search chose them
 * @param applied the options the trial trains with: the fixed and the searched, less the unused
 * @param config  the configuration they make, or null when they make none
 * @param unused  each option left out, with why ({@code --momentum applies to the momentum and nesterov optimizers,
 *                not adam})
 * @param invalid why the settings make no configuration, or null
 */
record TrialSetup(Map<TrainingSetting<?>, Object> values, Map<TrainingSetting<?>, Object> applied,
                  TrainerConfig config, Map<TrainingSetting<?>, String> unused, String invalid) {

    /**
     * The trial of {@code values} on top of the fixed options {@code given}.
     *
     * @param preset where the settings neither given nor searched start
     * @param task   the target's task
     * @param rows   the data's rows
     * @param given  the fixed options, by setting
     * @param values the trial's searched values, by setting
     * @return the trial, with {@link #invalid} set when its settings do not work together
     */
    static TrialSetup of(Preset preset, Task task, int rows, Map<TrainingSetting<?>, Object> given,
                         Map<TrainingSetting<?>, Object> values) {
        Map<TrainingSetting<?>, Object> all = new LinkedHashMap<>(given);
        all.putAll(values);
        // The settings that always apply decide which of the others do (the optimizer decides whether momentum does).
        Map<TrainingSetting<?>, Object> always = new LinkedHashMap<>(all);
        always.keySet().removeIf(setting -> setting.appliesTo() != null);
        TrainerConfig config;
        try {
            config = TrainingSettings.configure(preset, task, rows, always);
        } catch (IllegalArgumentException e) {
            return new TrialSetup(values, all, null, Map.of(), e.getMessage());
        }
        if (always.size() == all.size()) {
            return new TrialSetup(values, all, config, Map.of(), null);
        }
        Map<TrainingSetting<?>, String> unused = new LinkedHashMap<>();
        Map<TrainingSetting<?>, Object> applied = new LinkedHashMap<>(all);
        for (TrainingSetting<?> setting : all.keySet()) {
            String why = TrainingSettings.notApplying(setting, config);
            if (why != null) {
                unused.put(setting, why);
                applied.remove(setting);
            }
        }
        try {
            config = TrainingSettings.configure(preset, task, rows, applied);
        } catch (IllegalArgumentException e) {
            return new TrialSetup(values, applied, null, unused, e.getMessage());
        }
        return new TrialSetup(values, applied, config, unused, null);
    }

    /** The searched values as a person reads them: {@code optimizer adam, momentum 0.5}. */
    String named() {
        List<String> named = new ArrayList<>();
        values.forEach((setting, value) -> named.add(setting.option().substring(2) + " "
                + SearchDimension.text(value)));
        return String.join(", ", named);
    }

    /** Why the unused options are left out, joined: {@code --momentum applies to ..., not adam}. */
    String unusedText() {
        return String.join("; ", unused.values());
    }
}
