package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.Picture;
import dev.backprop.data.Column;
import dev.backprop.data.Dataset;
import dev.backprop.data.DataFormat;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.ReadOptions;
import dev.backprop.data.TargetEncoder;
import dev.backprop.data.Task;
import dev.backprop.io.CheckpointFile;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Gemm;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Model;
import dev.backprop.nn.Network;
import dev.backprop.train.Checkpoint;
import dev.backprop.train.ColumnOptions;
import dev.backprop.train.InvalidSettingException;
import dev.backprop.train.Preset;
import dev.backprop.train.StopReason;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import dev.backprop.train.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code backprop train}: fits a network to a data file (or the seed's bundled example) and writes the model. */
@Command(name = "train", modelTransformer = SettingOptions.class,
        header = "Train a network on a data file (or the seed's example) and write the model.", sortOptions = false,
        description = {"Train a network on DATA (CSV, TSV or ARFF) and write the model file.",
                "Without DATA, trains the seed's own example (hours of sleep and study against test score) on the "
                        + "seed's network: 2-3-1, sigmoid, no bias, loss sse, full-batch gradient descent.",
                "A numeric target means regression, a categorical one classification (--task overrides)."},
        footer = {"", "Examples:", "  backprop train",
                "  backprop train data/iris.csv --target species",
                "  backprop train data/vote.arff --missing mean --hidden 16 --validation 0.2 --patience 20",
                "  backprop train data/diabetes.csv --hidden 64,32 --optimizer lbfgs --epochs 300",
                "  backprop train my.csv --preset seed --hidden 3 --learning-rate 0.5"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "Training data: CSV/TSV with a header row, or ARFF. Default: the bundled example.")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ColumnOptions columnOptions;

    @Option(names = "--categorical", split = ",", paramLabel = "COL[,COL...]",
            description = "Columns of a CSV/TSV file to read as categories whatever they hold (a code such as 1, 2, "
                    + "3, or a column of numbers with some text). Other columns with at least half numbers and some "
                    + "text are refused. ARFF files declare their types.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--preset", paramLabel = "P",
            description = "Starting point of the training options below: seed (the seed's network exactly) or auto (a modern "
                    + "network for real data). Default: seed without DATA or with an --init model that has no "
                    + "preprocessing (a hand-written one); auto otherwise.")
    String preset;

    @Option(names = "--init", paramLabel = "MODEL.json",
            description = "Start from this model file's architecture and weights instead of random ones.")
    Path init;

    @Option(names = {"--out", "-o"}, paramLabel = "MODEL.json", defaultValue = "model.json",
            description = "Where to write the model. Default: ${DEFAULT-VALUE}.")
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
                    + "--format, --threads and the outputs --out, --checkpoint, --plot-loss may be given); ends as if "
                    + "never stopped. Writes the model and plot only inside the checkpoint's folder unless told.")
    Path resume;

    @Option(names = "--plot-loss", paramLabel = "FILE",
            description = "Also draw the loss of every epoch to FILE (.png or .svg).")
    Path plotLoss;

    @Option(names = "--log-scale", description = "With --plot-loss: a logarithmic loss axis.")
    boolean logScale;

    @Option(names = {"--quiet", "-q"}, description = "No progress while training.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that share large products and element-wise passes. Default: the number of "
                    + "processors. The model is the same for every N. Products that native OpenBLAS computes run on "
                    + "its own threads, set by the environment variable OPENBLAS_NUM_THREADS.")
    Integer threads;

    @Mixin
    CommonOptions common;

    /**
     * Options that --resume may be combined with: they change what is shown or where it is written, not what is
     * trained.
     */
    private static final List<String> RESUME_OPTIONS = List.of("--resume", "--quiet", "--format", "--debug",
            "--threads", "--out", "--checkpoint", "--plot-loss");
    /** The context key of the engines a run has been computed with, in order (see {@link ComputeEngine}). */
    static final String ENGINE_KEY = "engine";
    /** The suffix of the default checkpoint file, after the model file's name. */
    static final String CHECKPOINT_SUFFIX = ".checkpoint.json";

    @Override
    public Integer call() throws Exception {
        // Catch signals from the start: one that arrives while the data is read stops training after its first batch,
        // with the model and checkpoint written, instead of killing the process with nothing saved.
        Interruption.install(spec.commandLine().getErr());
        if (threads != null) {
            if (threads < 1) {
                throw new UserException("--threads must be a number of threads > 0 but was " + threads);
            }
            if (threads > Gemm.MAX_THREADS) {
                throw new UserException("--threads must be at most " + Gemm.MAX_THREADS + " (the model is the same "
                        + "for every count; threads beyond the cores only wait) but was " + threads);
            }
            Gemm.setThreads(threads);
        }
        if (resume != null) {
            return resumeRun();
        }
        files().check();
        if (checkpointEvery != null && checkpointEvery <= 0) {
            throw new UserException("--checkpoint-every must be a number of epochs > 0 but was " + checkpointEvery);
        }
        if (plotLoss != null) {
            parse(() -> Picture.format(plotLoss));
        }
        Model initial = init == null ? null : Inputs.model(init);
        Map<TrainingSetting<?>, Object> given = SettingOptions.given(spec.commandLine().getParseResult());
        if (initial != null) {
            parse(() -> {
                TrainingSettings.checkStartingModel(given);
                return null;
            });
        }
        Frame frame = Inputs.frame(data, readOptions());
        Preprocessor preprocessor = preprocessor(frame, initial);
        TrainerConfig config = config(preprocessor.target().task(), initial, given);
        Network start = initial == null ? null : parse(() -> TrainingSettings.startingNetwork(initial.network(),
                given));
        requireMemory(config, preprocessor, start, frame.rows());
        Dataset dataset = preprocessor.apply(frame).dataset();
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return train(frame, preprocessor, dataset, config, start, null,
                Map.of("args", args, "cwd", List.of(Path.of("").toAbsolutePath().toString()),
                        ENGINE_KEY, List.of(ComputeEngine.current())));
    }

    /**
     * How to read the training data: the columns named by --categorical, and the ignored ones (whose content does not
     * matter), are categorical whatever they hold; ARFF files keep their declared types.
     */
    private ReadOptions readOptions() {
        ReadOptions options = dataOptions.readOptions();
        DataFormat format = options.format() != null ? options.format() : data == null ? DataFormat.CSV
                : DataFormat.of(data);
        if (format == DataFormat.ARFF && !categorical.isEmpty()) {
            throw new UserException("--categorical applies to CSV and TSV files; an ARFF file declares each "
                    + "attribute's type (declare it nominal: {a,b,c})");
        }
        Set<String> columns = new LinkedHashSet<>(categorical);
        columns.addAll(columnOptions.ignored());
        return options.withCategorical(columns);
    }

    /**
     * Continues a checkpoint: its stored arguments are parsed again for the data (relative to the directory the run
     * started in); the configuration, preprocessing and state come from the checkpoint; the outputs are those
     * {@link ResumeOutputs} allows, named on stderr before training starts.
     */
    private Integer resumeRun() throws Exception {
        List<String> extra = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(option -> option.longestName()).filter(name -> !RESUME_OPTIONS.contains(name)).toList();
        if (!extra.isEmpty() || data != null) {
            throw new UserException("--resume continues a run exactly as it was started, with its data and options; "
                    + "only --quiet, --format, --threads, --out, --checkpoint and --plot-loss may be added, but got "
                    + (data != null ? data : extra.get(0)));
        }
        Checkpoint saved = Inputs.checkpoint(resume);
        List<String> args = saved.context().get("args");
        List<String> cwd = saved.context().get("cwd");
        if (args == null || cwd == null || cwd.size() != 1 || saved.model().preprocessor() == null) {
            throw new UserException(resume + ": this checkpoint was not written by backprop train (no arguments or "
                    + "preprocessing stored)");
        }
        TrainCommand original;
        try {
            CommandLine parser = new CommandLine(new Main());
            parser.setCaseInsensitiveEnumValuesAllowed(true);
            original = (TrainCommand) parser.parseArgs(args.toArray(String[]::new)).subcommand().commandSpec()
                    .userObject();
        } catch (CommandLine.ParameterException | ClassCastException | NullPointerException e) {
            throw new UserException(resume + ": the stored arguments " + args + " are not a train command");
        }
        Path base = Path.of(cwd.get(0));
        original.data = original.data == null ? null : base.resolve(original.data);
        ResumeOutputs outputs = ResumeOutputs.of(resume, saved.context(), base.resolve(original.out),
                original.plotLoss == null ? null : base.resolve(original.plotLoss), out(), checkpoint, plotLoss);
        original.out = outputs.model();
        original.checkpoint = outputs.checkpoint();
        original.plotLoss = outputs.plot();
        original.init = original.init == null ? null : base.resolve(original.init);
        original.spec = spec;
        original.quiet = quiet;
        original.common = common;
        original.files().input("--resume", resume, "--checkpoint").check();
        PrintWriter stderr = spec.commandLine().getErr();
        Map<String, List<String>> context = new LinkedHashMap<>(saved.context());
        context.put(ENGINE_KEY, engines(saved.context().get(ENGINE_KEY), stderr));
        stderr.println(outputs.describe(resume));
        stderr.flush();
        Frame frame = Inputs.frame(original.data, original.readOptions());
        Preprocessor preprocessor = saved.model().preprocessor();
        try {
            requireMemory(saved.config(), preprocessor, saved.model().network(), frame.rows());
        } catch (TooLargeException e) {
            throw e.prefixed(resume + ": ");
        }
        Dataset dataset = preprocessor.apply(frame).dataset();
        return original.train(frame, preprocessor, dataset, saved.config(), null, saved, context);
    }

    /** --out given with --resume, or null: its default value is not a choice the user made now. */
    private Path out() {
        return spec.commandLine().getParseResult().hasMatchedOption("--out") ? out : null;
    }

    /**
     * The engines of a run resumed now: those it was computed with so far and this JVM's. Warns (one line) when
     * they differ: kernels round differently, so the end may differ in the last bits from an unbroken run's.
     */
    private List<String> engines(List<String> before, PrintWriter stderr) {
        String now = ComputeEngine.current();
        if (before == null || before.isEmpty()) {
            return List.of(now);
        }
        if (!before.equals(List.of(now))) {
            stderr.println("warning: " + resume + " was computed with " + String.join(" then ", before)
                    + " and continues with " + now + ": the result may differ in the last bits from an unbroken run "
                    + "(resume with the settings it started with, such as BACKPROP_VECTOR and OPENBLAS_NUM_THREADS, "
                    + "to avoid that)");
        }
        List<String> all = new ArrayList<>(before);
        if (!all.contains(now)) {
            all.add(now);
        }
        return all;
    }

    /**
     * The files this run reads and writes, under the names the user gave them. The checkpoint is an output even
     * without --checkpoint-every, since Ctrl-C writes one, but then its location is only checked if it is written.
     * A resumed run checks the files its stored arguments name.
     */
    FileRoles files() {
        FileRoles files = new FileRoles().input("DATA", data).input("--init", init).output("--out", out)
                .output("--plot-loss", plotLoss);
        return checkpoint != null || checkpointEvery != null ? files.output("--checkpoint", checkpointFile())
                : files.occasionalOutput("--checkpoint", checkpointFile());
    }

    /**
     * Refuses, before the data is encoded, a run whose encoded data and training would not fit the heap; a message
     * about the data names the columns that make it wide.
     */
    private static void requireMemory(TrainerConfig config, Preprocessor preprocessor, Network start, int rows) {
        Trainer trainer = Trainer.of(config);
        try {
            Architecture architecture = start != null ? start.architecture()
                    : trainer.architecture(preprocessor.features().width(), preprocessor.target().width());
            trainer.requireMemory(architecture, rows);
        } catch (TooLargeException e) {
            List<String> wide = new ArrayList<>();
            if (!preprocessor.features().wideColumns().isEmpty()) {
                wide.add(preprocessor.features().wideColumns());
            }
            TargetEncoder target = preprocessor.target();
            if (target.width() > 1 && target.width() >= preprocessor.features().width()) {
                wide.add("target '" + target.column() + "' has " + MemoryBudget.count(target.width()) + " classes");
            }
            throw wide.isEmpty() ? e : e.prefixed(String.join(", ", wide) + ": ");
        } catch (IllegalArgumentException e) {
            // A network the configuration cannot build: training reports it, naming the option.
        }
    }

    /** Where checkpoints go: --checkpoint, or the model file's name with {@link #CHECKPOINT_SUFFIX}. */
    private Path checkpointFile() {
        return checkpoint != null ? checkpoint : out.resolveSibling(out.getFileName() + CHECKPOINT_SUFFIX);
    }

    /** Trains (from {@code start}'s weights, fresh ones if null, or continuing {@code from}), writes and reports. */
    private Integer train(Frame frame, Preprocessor preprocessor, Dataset dataset, TrainerConfig config,
                          Network start, Checkpoint from, Map<String, List<String>> context) throws Exception {
        Path checkpointFile = checkpointFile();
        Map<String, List<String>> notes = new LinkedHashMap<>(context);
        notes.putAll(ResumeOutputs.notes(checkpointFile, out, plotLoss));
        TrainingResult result;
        try (Progress progress = quiet ? null : Progress.on(spec.commandLine().getErr())) {
            Trainer trainer = Trainer.of(config).withListener(new Watch(progress))
                    .withCheckpoints(checkpointEvery == null ? 0 : checkpointEvery, paused -> {
                        try {
                            CheckpointFile.write(paused.withModel(paused.model().withPreprocessor(preprocessor))
                                    .withContext(notes), checkpointFile);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            result = from != null ? trainer.resume(dataset, from)
                    : start == null ? trainer.train(dataset) : trainer.train(dataset, start);
        } catch (TooLargeException e) {
            throw from != null ? e.prefixed(resume + ": ") : e;
        } catch (IllegalArgumentException e) {
            throw new UserException(from != null ? resume + ": " + e.getMessage()
                    : e instanceof InvalidSettingException setting ? setting.optionMessage() : e.getMessage());
        }
        Model model = result.model().withPreprocessor(preprocessor);
        ModelFile.write(model, out);
        if (plotLoss != null) {
            double[] validationHistory = result.validationLossHistory();
            Picture.of(Charts.loss(result.lossHistory(), validationHistory.length > 0 ? validationHistory : null,
                    model.network().loss().id(), logScale), 800, 500).write(plotLoss);
        }
        report(result, model, frame);
        PrintWriter stderr = spec.commandLine().getErr();
        if (result.stopReason() == StopReason.INTERRUPTED) {
            stderr.printf("interrupted by %s after %d epochs: the model so far is in %s and a checkpoint in %s; "
                    + "continue exactly where it stopped with: %s (or start from the model with --init %s)%n",
                    Interruption.signalName(), result.epochs(), out, checkpointFile,
                    ResumeOutputs.command(checkpointFile, out, plotLoss), out);
            stderr.flush();
            return Interruption.exitCode();
        }
        if (result.stopReason() == StopReason.DIVERGED) {
            throw new TrainingFailedException("training diverged: the loss became infinite or NaN in epoch "
                    + result.epochs() + "; the last weights with a finite loss were written to " + out
                    + "; try a smaller --learning-rate or --scale minmax");
        }
        return 0;
    }

    /**
     * How the data becomes the network's inputs: the starting model's own preprocessing if it has one; otherwise
     * fitted on this data. A starting model without preprocessing that names numeric columns of this data reads
     * those, in its order; one with generated names reads the data's columns in file order.
     */
    private Preprocessor preprocessor(Frame frame, Model initial) {
        if (initial != null && initial.preprocessor() != null) {
            return initial.preprocessor();
        }
        String targetColumn = columnOptions.targetColumn(frame.names(), initial);
        PreprocessConfig config = parse(() -> columnOptions.config(targetColumn));
        if (initial != null && initial.inputs().stream().allMatch(name -> frame.indexOf(name) >= 0)) {
            List<Column> columns = new ArrayList<>();
            for (String name : initial.inputs()) {
                columns.add(frame.column(name));
            }
            columns.add(frame.column(targetColumn));
            long[] lines = new long[frame.rows()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = frame.line(i);
            }
            return Preprocessor.fit(Frame.of(frame.source(), columns, lines), config.withIgnore(List.of()));
        }
        return Preprocessor.fit(frame, config);
    }

    /**
     * The preset decides what options not given default to: seed without data or when continuing a model without
     * preprocessing (a hand-written one, say); auto otherwise.
     */
    private TrainerConfig config(Task detected, Model initial, Map<TrainingSetting<?>, Object> given) {
        boolean seedLike = data == null || (initial != null && initial.preprocessor() == null);
        Preset chosen = preset != null ? parse(() -> Preset.fromId(preset)) : seedLike ? Preset.SEED : Preset.AUTO;
        return parse(() -> TrainingSettings.configure(chosen, detected, given));
    }

    private static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** Shows progress (unless quiet) and stops the run when a signal arrived. */
    private static final class Watch implements TrainingListener {
        private final Progress progress;

        Watch(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
            if (progress != null) {
                progress.trainingStarted(maxEpochs, rows, batchesPerEpoch);
            }
        }

        @Override
        public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
            if (progress != null) {
                progress.epochEnded(epoch, trainingLoss, validationLoss, learningRate);
            }
        }

        @Override
        public boolean stopRequested() {
            return Interruption.requested();
        }
    }

    private void report(TrainingResult result, Model model, Frame frame) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("stopReason", result.stopReason().id());
            json.put("epochs", result.epochs());
            json.put("finalLoss", result.finalLoss());
            json.put("bestEpoch", result.bestEpoch());
            double[] validationHistory = result.validationLossHistory();
            if (validationHistory.length > 0) {
                json.put("bestValidationLoss", validationHistory[result.bestEpoch() - 1]);
            }
            json.put("task", model.task().id());
            json.put("loss", model.network().loss().id());
            json.put("architecture", model.network().architecture().toString());
            json.put("parameters", model.network().architecture().parameterCount());
            json.put("rows", frame.rows());
            json.put("out", out.toString());
            json.put("lossPlot", plotLoss == null ? null : plotLoss.toString());
            stdout.println(Json.write(json));
            return;
        }
        stdout.printf("trained %s (%d parameters) on %d rows of %s%n", model.network().architecture(),
                model.network().architecture().parameterCount(), frame.rows(),
                data == null ? Inputs.EXAMPLE_NAME : data.toString());
        stdout.printf("stopped: %s after %d epochs, J = %s%n", describe(result), result.epochs(),
                Text.number(result.finalLoss()));
        stdout.print(predictionTable(model, frame));
        stdout.printf("model written to %s%n", out);
        if (plotLoss != null) {
            stdout.printf("loss plot written to %s%n", plotLoss);
        }
    }

    private static String describe(TrainingResult result) {
        return switch (result.stopReason()) {
            case CONVERGED -> "converged (weights stopped changing)";
            case MAX_EPOCHS -> "epoch limit reached";
            case EARLY_STOPPING -> "early stopping (validation loss stopped improving; kept epoch "
                    + result.bestEpoch() + ")";
            case NO_IMPROVEMENT -> "training loss stopped improving";
            case INTERRUPTED -> "interrupted";
            case DIVERGED -> "diverged (the loss became infinite or NaN; kept the last weights with a finite loss)";
        };
    }

    /** How many rows the training summary shows beside their predictions. */
    static final int TABLE_ROWS = 10;

    /** A cell as written in the data, or {@code missing} for a missing one. */
    static String cell(Column column, int row, String missing) {
        return column.isMissing(row) ? missing : column.label(row);
    }

    /** The first rows' inputs and target beside the prediction, in the data's own units or class names. */
    static String predictionTable(Model model, Frame frame) {
        // Only the first rows are shown, so only they are prepared and predicted: a large file is not done twice.
        int total = frame.rows();
        int[] head = new int[Math.min(total, TABLE_ROWS)];
        for (int i = 0; i < head.length; i++) {
            head[i] = i;
        }
        Frame first = frame.select(head);
        var prepared = model.prepare(first);
        int[] rows = prepared.rows();
        int shown = Math.min(rows.length, TABLE_ROWS);
        Matrix predicted = model.predict(prepared.dataset().x());
        List<String> columns = new ArrayList<>(model.preparation().features().columns());
        boolean cut = columns.size() > 6;
        if (cut) {
            columns = new ArrayList<>(columns.subList(0, 5));
        }
        List<String> header = new ArrayList<>(columns);
        if (cut) {
            header.add("...");
        }
        String target = model.target();
        header.add(target);
        header.add("predicted_" + target);
        boolean classify = ModelData.classification(model);
        List<List<String>> table = new ArrayList<>();
        for (int r = 0; r < shown; r++) {
            int row = rows[r];
            List<String> cells = new ArrayList<>();
            for (String name : columns) {
                cells.add(cell(first.column(name), row, "?"));
            }
            if (cut) {
                cells.add("");
            }
            cells.add(cell(first.column(target), row, "?"));
            if (classify) {
                int c = ClassificationMetrics.argmax(predicted, r);
                cells.add(model.classes().get(c) + String.format(Locale.ROOT, " (%.2f)", predicted.get(r, c)));
            } else {
                cells.add(String.format(Locale.ROOT, "%.2f", predicted.get(r, 0)));
            }
            table.add(cells);
        }
        String text = Text.table(header, table);
        int rest = total - head.length;
        return rest > 0 ? text + "... " + rest + " more rows\n" : text;
    }
}
