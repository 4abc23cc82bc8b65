package dev.backprop.cli;

import dev.backprop.command.ColumnOptions;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.TrainingOptions;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Task;
import dev.backprop.model.Model;
import dev.backprop.train.CrossValidation;
import dev.backprop.train.CrossValidationResult;
import dev.backprop.train.InvalidSettingException;
import dev.backprop.train.Preset;
import dev.backprop.train.Scores;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code backprop cv} and {@code backprop tune} share: the data, read and prepared as {@code train} reads it,
 * with {@code train}'s options ({@link SettingOptions}, {@link ColumnOptions}), and the folds scoring a configuration.
 */
abstract class SelectionCommand {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labelled rows: CSV/TSV with a header row, or ARFF.")
    Path data;

    @Mixin
    TrainDataOptions trainData;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Folds: stratified by class for classification, plain for regression. "
                    + "Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "1",
            description = "Repeat the K folds R times, each divided afresh (seeded). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Folds trained at once. Default and most: the processors. The scores are the same for "
                    + "every N.")
    Integer jobs;

    @Option(names = "--preset", paramLabel = "P",
            description = "Starting point of the training options below: auto (the default) or seed.")
    String preset;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "The score that ranks: accuracy, logLoss, macroF1 or balancedAccuracy (classification), "
                    + "r2, rmse or mae (regression); logLoss, rmse and mae rank lower first. Default: accuracy or r2.")
    String metric;

    @Mixin
    QuietOption quiet;

    @Mixin
    ThreadsOption threads;

    @Mixin
    CommonOptions common;

    /**
     * The data, read once: its preprocessing options and task (for each fold's own fit) and the preprocessing fitted
     * on all of it (for the final model).
     */
    record Input(Frame frame, PreprocessConfig preprocessing, Task task, Preprocessor preprocessor) {
    }

    /** Reads DATA as train does and decides the task from the whole target column (its type, not its values' fit). */
    Input input() {
        if (folds < 2) {
            throw new UserException("--folds must be >= 2 but was " + folds);
        }
        if (repeats < 1) {
            throw new UserException("--repeats must be >= 1 but was " + repeats);
        }
        if (jobs != null && jobs < 1) {
            throw new UserException("--jobs must be >= 1 but was " + jobs);
        }
        threads.apply();
        Frame frame = trainData.read(data);
        // Identifier columns left out, dates read as numbers and the task fixed as train decides them on all rows.
        TrainData.Fitted fitted = trainData.fit(frame, null, spec.commandLine().getErr());
        if (frame.rows() < folds) {
            throw new UserException(data + ": --folds " + folds + " needs at least " + folds + " rows but there "
                    + "are " + frame.rows());
        }
        return new Input(frame, fitted.config(), fitted.task().task(), fitted.preprocessor());
    }

    /** The --metric of the task, checked, or the task's ranking score (accuracy, R^2) without it. */
    String metric(Input input) {
        return TrainCommand.parse(() -> Scores.named(input.task(), metric));
    }

    /** The training options typed, by setting. */
    Map<TrainingSetting<?>, Object> given() {
        return TrainingOptions.given(spec.commandLine().getParseResult(), TrainingSettings.ALL);
    }

    /** The configuration of {@code given} on top of the preset (auto unless --preset says). */
    TrainerConfig config(Input input, Map<TrainingSetting<?>, Object> given) {
        Preset chosen = preset();
        return TrainCommand.parse(() -> TrainingSettings.configure(chosen, input.task(), input.frame().rows(),
                given));
    }

    /** The --preset given, or auto. */
    Preset preset() {
        return preset != null ? TrainCommand.parse(() -> Preset.fromId(preset)) : Preset.AUTO;
    }

    /**
     * Cross-validates {@code config}, up to --jobs folds at once (never more than the processors), with a progress
     * line on stderr as each fold is scored (unless --quiet): {@code trial}, then the fold and its {@code ranked}
     * score.
     */
    CrossValidationResult crossValidate(Input input, TrainerConfig config, String ranked, String trial) {
        try {
            return scored(input, config, ranked, trial);
        } catch (InvalidSettingException e) {
            throw new UserException(e.optionMessage());
        }
    }

    /**
     * {@link #crossValidate}, with a setting that the rows make wrong (a mini-batch for lbfgs, smaller than a fold's
     * training rows) left as the core reports it.
     *
     * @throws InvalidSettingException if a fold cannot train with {@code config}
     */
    CrossValidationResult scored(Input input, TrainerConfig config, String ranked, String trial) {
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = Math.min(jobs == null ? cores : Math.min(jobs, cores), folds * repeats);
        Consumer<String> progress = quiet.progress(spec.commandLine().getErr());
        return CrossValidation.of(config, input.preprocessing()).withParallelism(Math.max(1, parallel))
                .withEncoding(TrainWeights.of(trainData.weightOptions).folds(input.preprocessor().target().classes()))
                .withProgress(fold -> progress.accept(trial + "fold " + (fold.fold() + 1) + "/" + folds
                        + (repeats == 1 ? "" : " of repeat " + (fold.repeat() + 1) + "/" + repeats)
                        + " scored: " + label(ranked) + " " + fixed(fold.scores().get(ranked))))
                .run(input.frame(), input.task(), folds, repeats);
    }

    /** {@code config} trained on every row as {@code train} trains it, with the row weights noted in the model. */
    Model trainOnAll(Input input, TrainerConfig config) {
        TrainWeights weights = TrainWeights.of(trainData.weightOptions);
        Preprocessor preprocessor = input.preprocessor();
        Dataset dataset = weights.encode(input.frame(), preprocessor);
        return weights.noted(Trainer.of(config).scalingInPlace().train(dataset).model()
                .withPreprocessor(preprocessor));
    }

    /**
     * Why {@code score}'s mean over the folds is NaN, or null when it is a number: the folds where the score is
     * undefined, and for R² the reason (it divides by the spread of the fold's targets, none on one row or equal ones).
     */
    static String undefined(CrossValidationResult result, String score) {
        int nan = 0;
        for (double value : result.values(score)) {
            nan += Double.isNaN(value) ? 1 : 0;
        }
        if (nan == 0) {
            return null;
        }
        return label(score) + " is undefined on " + nan + " of " + result.folds().size() + " folds"
                + (score.equals("r2") ? " (it divides by the spread of a fold's test targets, which have none when "
                + "they are all equal, as on a fold of one row)" : "") + ", so its mean is NaN";
    }

    /** How people read a score's name. */
    static String label(String score) {
        return switch (score) {
            case "accuracy" -> "accuracy";
            case "logLoss" -> "log loss";
            case "macroF1" -> "macro F1";
            case "r2" -> "R^2";
            case "rmse" -> "RMSE";
            case "mae" -> "MAE";
            case "balancedAccuracy" -> "balanced accuracy";
            default -> score;
        };
    }

    /**
     * A score as the tables print it: four decimals, or four significant digits and an exponent from 10⁹ on (a
     * diverged trial's R² of -3.3e187 would fill a line with digits).
     */
    static String fixed(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e9 ? "%.4e" : "%.4f", v);
    }
}
