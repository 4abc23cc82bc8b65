package dev.backprop.cli;

import dev.backprop.command.ColumnList;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code backprop train} command line that trains on DATA, read and prepared as a tune run read it, with the
 * settings it chose: printed for the user to run, and the same model as tune's {@code --out}.
 */
final class TrainCommandLine {
    /** An argument a POSIX shell takes as it is; any other is single-quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+-]+");

    private final Path data;
    private final TrainDataOptions trainData;
    private final String preset;
    private final Path out;

    /**
     * @param data      the data file
     * @param trainData how it was read (delimiter, format, categorical and kept columns, weights)
     * @param preset    the --preset given, or null
     * @param out       the --out given, or null
     */
    TrainCommandLine(Path data, TrainDataOptions trainData, String preset, Path out) {
        this.data = data;
        this.trainData = trainData;
        this.preset = preset;
        this.out = out;
    }

    /**
     * The command line.
     *
     * @param preprocessing how the data was read and prepared (targets, ignored columns, missing values, task)
     * @param settings      the training settings given and chosen
     * @return {@code backprop train DATA ...}, each argument quoted for a POSIX shell where it needs it
     */
    String of(PreprocessConfig preprocessing, Map<TrainingSetting<?>, Object> settings) {
        List<String> args = new ArrayList<>(List.of("backprop", "train", data.toString()));
        if (trainData.dataOptions.delimiter != null) {
            args.addAll(List.of("--delimiter", trainData.dataOptions.delimiter));
        }
        if (trainData.dataOptions.format.format() != null) {
            args.addAll(List.of("--data-format", trainData.dataOptions.format.format()));
        }
        if (!trainData.categorical.columns().isEmpty()) {
            args.addAll(List.of("--categorical", ColumnList.joined(trainData.categorical.columns())));
        }
        if (!trainData.keep.columns().isEmpty()) {
            args.addAll(List.of("--keep", ColumnList.joined(trainData.keep.columns())));
        }
        args.addAll(List.of("--target", ColumnList.joined(preprocessing.targets())));
        // train leaves the --sample-weight column out of the inputs itself: naming it in --ignore too says nothing.
        List<String> ignored = preprocessing.ignore().stream()
                .filter(column -> !column.equals(trainData.weightOptions.sampleWeight())).toList();
        if (!ignored.isEmpty()) {
            args.addAll(List.of("--ignore", ColumnList.joined(ignored)));
        }
        args.addAll(List.of("--missing", preprocessing.missing().id()));
        if (preprocessing.task() != null) {
            args.addAll(List.of("--task", preprocessing.task().id()));
        }
        if (trainData.weightOptions.classWeight() != null) {
            args.addAll(List.of("--class-weight", trainData.weightOptions.classWeight()));
        }
        if (trainData.weightOptions.sampleWeight() != null) {
            args.addAll(List.of("--sample-weight", trainData.weightOptions.sampleWeight()));
        }
        if (preset != null) {
            args.addAll(List.of("--preset", preset));
        }
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            if (settings.containsKey(setting)) {
                Object value = settings.get(setting);
                if (value instanceof Boolean flag) {
                    args.add(flag ? setting.option() : "--no-" + setting.option().substring(2));
                } else {
                    args.addAll(List.of(setting.option(), SearchDimension.text(value)));
                }
            }
        }
        if (out != null) {
            args.addAll(List.of("--out", out.toString()));
        }
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            line.append(line.length() == 0 ? "" : " ")
                    .append(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
