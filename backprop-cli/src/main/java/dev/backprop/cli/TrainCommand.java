package dev.backprop.cli;

import dev.backprop.command.Interruption;
import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.Picture;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.FileRoles;
import dev.backprop.command.ModelOptions;
import dev.backprop.command.TimeLimitOption;
import dev.backprop.command.TrainingOptions;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Task;
import dev.backprop.data.TaskChoice;
import dev.backprop.io.AtomicFiles;
import dev.backprop.io.CheckpointFile;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.model.Model;
import dev.backprop.nn.Network;
import dev.backprop.train.Checkpoint;
import dev.backprop.train.InvalidSettingException;
import dev.backprop.train.Preset;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code backprop train}: fits a network to a data file (or the seed's bundled example) and writes the model. */
@Command(name = "train", modelTransformer = SettingOptions.class,
        header = "Train a network on a data file (or the seed's example) and write the model.", sortOptions = false,
        description = {"Train a network on DATA (CSV, TSV or ARFF) and write the model file.",
                "Without DATA, trains the seed's own example (hours of sleep and study against test score) on the "
                        + "seed's network: 2-3-1, sigmoid, no bias, loss sse, full-batch gradient descent.",
                "The task is inferred from the target: text labels, or a few whole numbers each in several rows "
                        + "(digits 0-9), mean classification; other numbers regression. The first line printed says "
                        + "which and why; --task overrides."},
        footer = {"", "Examples:", "  backprop train",
                "  backprop train data/iris.csv --target species",
                "  backprop train data/vote.arff --missing mean --validation 0.2 --patience 20",
                "  backprop train data/diabetes.csv --hidden 64,32 --optimizer lbfgs --epochs 300",
                "  backprop train my.csv --preset seed --hidden 3 --learning-rate 0.5"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOrExample trainData;

    @Option(names = "--preset", paramLabel = "P",
            description = "Starting point of the training options below: seed (the seed's network exactly) or "
                    + "auto (a modern network for real data). Default: seed without DATA or with an --init model that has no "
                    + "preprocessing (a hand-written one); auto otherwise.")
    String preset;

    @Mixin
    ModelOptions modelOptions;

    /** --init and --out as paths: set from {@link #modelOptions} by {@link #readPaths()} before they are used. */
    Path init;
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint (weights, optimizer and random state, history, configuration) every N "
                    + "epochs, atomically; --resume continues from it bit-identically.")
    Integer checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where checkpoints go (also the one written on Ctrl-C). Default: MODEL.json.checkpoint.json "
                    + "beside --out.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the run this checkpoint paused, with its data and options (only --quiet, "
                    + "--format, --threads, the outputs --out, --checkpoint, --plot-loss, a larger --epochs and "
                    + "--max-time may be given); ends as if never stopped. Writes the model and plot only inside the "
                    + "checkpoint's folder unless told.")
    Path resume;

    @Mixin
    TimeLimitOption timeLimit;

    @Option(names = "--plot-loss", paramLabel = "FILE",
            description = "Also draw the loss of every epoch to FILE (.png or .svg).")
    Path plotLoss;

    @Option(names = "--log-scale", description = "With --plot-loss: a logarithmic loss axis.")
    boolean logScale;

    @Mixin
    QuietOption quiet;

    @Mixin
    ThreadsOption threads;

    @Mixin
    CommonOptions common;

    /** The task this run learns and why; null until a new run has fitted its preprocessing (and for a resumed one). */
    TaskChoice taskChoice;

    /** The context key of the engines a run has been computed with, in order (see {@link ComputeEngine}). */
    static final String ENGINE_KEY = "engine";
    /** The suffix of the default checkpoint file, after the model file's name. */
    static final String CHECKPOINT_SUFFIX = ".checkpoint.json";

    @Override
    public Integer call() throws Exception {
        // Catch signals from the start: one that arrives while the data is read ends the run once the read is done,
        // before training, with no file written (an existing --out is left as it was: there is no model so far).
        Interruption.install(spec.commandLine().getErr());
        threads.apply();
        readPaths();
        if (resume != null) {
            return TrainResume.run(this);
        }
        checkOutputs(null);
        Model initial = init == null ? null : Inputs.model(init);
        Map<TrainingSetting<?>, Object> given = TrainingOptions.given(spec.commandLine().getParseResult(),
                TrainingSettings.ALL);
        if (initial != null) {
            parse(() -> {
                TrainingSettings.checkStartingModel(given);
                return null;
            });
        }
        Input input = input(initial, given);
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return train(input.sample(), input.preprocessor(), input.dataset(), input.config(), input.start(), null,
                Map.of("args", args, "cwd", List.of(Path.of("").toAbsolutePath().toString()),
                        ENGINE_KEY, List.of(ComputeEngine.current())));
    }

    /** What training starts from; the data file as read is not kept (only its first rows, for the report). */
    private record Input(TrainReport.Sample sample, Preprocessor preprocessor, TrainerConfig config, Network start,
                         Dataset dataset) {
    }

    /** Reads the data, fits its preprocessing and checks the run fits the heap before the data is encoded. */
    private Input input(Model initial, Map<TrainingSetting<?>, Object> given) {
        Frame frame = trainData.read();
        TrainData.Fitted fitted = trainData.fit(frame, initial, spec.commandLine().getErr());
        taskChoice = fitted.task();
        Preprocessor preprocessor = fitted.preprocessor();
        TrainerConfig config = config(preprocessor.target().task(), frame.rows(), initial, given);
        Network start = initial == null ? null : parse(() -> TrainingSettings.startingNetwork(initial.network(),
                given));
        TrainData.requireMemory(config, preprocessor, start, frame.rows(), true);
        Dataset dataset = TrainWeights.of(trainData.weightOptions).encode(frame, preprocessor);
        return new Input(TrainReport.Sample.of(frame), preprocessor, config, start, dataset);
    }

    /**
     * Checks, before any work, what this run writes: where each output goes and that none is an input or another
     * output (with {@code resumed}, the checkpoint being continued, as one more input that only --checkpoint may
     * rewrite), the checkpoint interval, and the loss plot's file type. A resumed run checks its stored outputs too.
     */
    void checkOutputs(Path resumed) throws IOException {
        files().input("--resume", resumed, "--checkpoint").check(spec.commandLine());
        if (checkpointEvery != null && checkpointEvery <= 0) {
            throw new UserException("--checkpoint-every must be a number of epochs > 0 but was " + checkpointEvery);
        }
        if (checkpointEvery != null && checkpointFile() == null) {
            throw new UserException("--checkpoint-every needs --checkpoint FILE here: --out " + out + " keeps no file "
                    + "to put checkpoints beside");
        }
        if (plotLoss != null) {
            parse(() -> Picture.format(plotLoss));
        }
    }

    /**
     * The files this run reads and writes, under the names the user gave them. The checkpoint is an output even
     * without --checkpoint-every, since Ctrl-C writes one, but then its location is only checked if it is written.
     * A resumed run checks the files its stored arguments name.
     */
    FileRoles files() {
        FileRoles files = new FileRoles().input("DATA", trainData.data).input("--init", init).output("--out", out)
                .output("--plot-loss", plotLoss);
        return checkpoint != null || checkpointEvery != null ? files.output("--checkpoint", checkpointFile())
                : files.occasionalOutput("--checkpoint", checkpointFile());
    }

    /** Reads --init and --out as paths, as picocli would convert them. */
    void readPaths() {
        init = modelOptions.init() == null ? null : path("--init", modelOptions.init());
        out = path("--out", modelOptions.out());
    }

    private static Path path(String option, String text) {
        try {
            return PathArgument.of(text);
        } catch (TypeConversionException e) {
            throw new UserException(option + " " + e.getMessage());
        }
    }

    /**
     * Where checkpoints go: --checkpoint, or the model file's name with {@link #CHECKPOINT_SUFFIX}; null (no
     * checkpoint) for an --out written in place, such as /dev/null or /dev/stdout, which has no folder of the user's
     * to put one in (/dev/null.checkpoint.json would land in /dev).
     */
    private Path checkpointFile() {
        if (checkpoint != null) {
            return checkpoint;
        }
        return AtomicFiles.writtenInPlace(out) ? null : out.resolveSibling(out.getFileName() + CHECKPOINT_SUFFIX);
    }

    /** Trains (from {@code start}'s weights, fresh ones if null, or continuing {@code from}), writes and reports. */
    Integer train(TrainReport.Sample sample, Preprocessor preprocessor, Dataset dataset, TrainerConfig config,
                          Network start, Checkpoint from, Map<String, List<String>> context) throws Exception {
        if (Interruption.requested()) {
            return Interruption.beforeTraining(spec.commandLine().getErr());
        }
        Path checkpointFile = checkpointFile();
        TaskChoice task = taskChoice != null ? taskChoice
                : new TaskChoice(preprocessor.target().task(), "as the run being resumed has it");
        Map<String, List<String>> notes = new LinkedHashMap<>(context);
        TrainingResult result;
        try (Progress progress = quiet.on ? null : Progress.on(spec.commandLine().getErr())) {
            // The encoded data is this run's alone (the report keeps only a sample of the file): scaled where it lies.
            Trainer trainer = Trainer.of(config).scalingInPlace().withListener(new TrainingWatch(progress));
            if (checkpointFile != null) {
                notes.putAll(ResumeOutputs.notes(checkpointFile, out, plotLoss));
                trainer = trainer.withCheckpoints(checkpointEvery == null ? 0 : checkpointEvery, paused -> {
                    try {
                        CheckpointFile.write(paused.withModel(paused.model().withPreprocessor(preprocessor))
                                .withContext(notes), checkpointFile);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            if (timeLimit.maxTime() != null) {
                trainer = trainer.withTimeLimit(timeLimit.maxTime());
            }
            result = from != null ? trainer.resume(dataset, from)
                    : start == null ? trainer.train(dataset) : trainer.train(dataset, start);
        } catch (TooLargeException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UserException(e instanceof InvalidSettingException setting ? setting.optionMessage()
                    : e.getMessage());
        }
        Model model = TrainWeights.of(trainData.weightOptions).noted(result.model().withPreprocessor(preprocessor));
        ModelFile.write(model, out);
        if (plotLoss != null) {
            double[] validationHistory = result.validationLossHistory();
            Picture.of(Charts.loss(result.lossHistory(), validationHistory.length > 0 ? validationHistory : null,
                    model.network().loss().id(), logScale), 800, 500).write(plotLoss);
        }
        TrainReport.print(spec.commandLine().getOut(), common.format(), result, model, task, sample,
                trainData.data == null ? Inputs.EXAMPLE_NAME : trainData.data.toString(), out, plotLoss);
        return TrainEnding.report(result, out, checkpointFile, plotLoss, spec.commandLine().getErr());
    }

    /**
     * The preset decides what options not given default to: seed without data or when continuing a model without
     * preprocessing (a hand-written one, say); auto otherwise.
     */
    private TrainerConfig config(Task detected, int rows, Model initial,
                                 Map<TrainingSetting<?>, Object> given) {
        boolean seedLike = trainData.data == null || (initial != null && initial.preprocessor() == null);
        Preset chosen = preset != null ? parse(() -> Preset.fromId(preset)) : seedLike ? Preset.SEED : Preset.AUTO;
        return parse(() -> TrainingSettings.configure(chosen, detected, rows, given));
    }

    static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

}
