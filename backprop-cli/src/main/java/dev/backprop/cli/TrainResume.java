package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.Preprocessor;
import dev.backprop.io.CheckpointFile;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.command.TrainingOptions;
import dev.backprop.train.Checkpoint;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code backprop train --resume}: continues the run a checkpoint paused, as its stored command line started it. */
final class TrainResume {
    /**
     * Options that --resume may be combined with: they change what is shown or where it is written, not what is
     * trained, or (a larger --epochs, --max-time) only how long it goes on.
     */
    private static final List<String> RESUME_OPTIONS = List.of("--resume", "--quiet", "--format", "--debug",
            "--threads", "--out", "--checkpoint", "--plot-loss", "--epochs", "--max-time");

    private TrainResume() {
    }

    /**
     * Continues a checkpoint: its stored arguments are parsed again for the data (relative to the directory the run
     * started in); the configuration, preprocessing and state come from the checkpoint; the outputs are those
     * {@link ResumeOutputs} allows, named on stderr before training starts.
     */
    static Integer run(TrainCommand current) throws Exception {
        List<String> extra = current.spec.commandLine().getParseResult().matchedOptions().stream()
                .map(option -> option.longestName()).filter(name -> !RESUME_OPTIONS.contains(name)).toList();
        if (!extra.isEmpty() || current.trainData.data != null) {
            throw new UserException("--resume continues a run exactly as it was started, with its data and options; "
                    + "only --quiet, --format, --threads, --out, --checkpoint, --plot-loss, a larger --epochs and "
                    + "--max-time may be added, but got "
                    + (current.trainData.data != null ? current.trainData.data : extra.get(0)));
        }
        CheckpointFile.Contents read = Inputs.checkpoint(current.resume);
        Checkpoint saved = read.checkpoint();
        List<String> args = saved.context().get("args");
        List<String> cwd = saved.context().get("cwd");
        if (args == null || cwd == null || cwd.size() != 1 || saved.model().preprocessor() == null) {
            throw new UserException(current.resume + ": this checkpoint was not written by backprop train (no "
                    + "arguments or preprocessing stored)");
        }
        TrainCommand original;
        try {
            // A fresh command line for the stored arguments, parsed as the running one parses.
            CommandLine running = current.spec.root().commandLine();
            CommandLine parser = Main.commandLine(args.isEmpty() ? null : args.get(0));
            parser.setCaseInsensitiveEnumValuesAllowed(running.isCaseInsensitiveEnumValuesAllowed());
            original = (TrainCommand) parser.parseArgs(args.toArray(String[]::new)).subcommand().commandSpec()
                    .userObject();
        } catch (CommandLine.ParameterException | ClassCastException | NullPointerException e) {
            throw new UserException(current.resume + ": the stored arguments " + args + " are not a train command");
        }
        original.readPaths();
        Path base = Path.of(cwd.get(0));
        original.trainData.data = original.trainData.data == null ? null : base.resolve(original.trainData.data);
        ResumeOutputs outputs = ResumeOutputs.of(current.resume, saved.context(), base.resolve(original.out),
                original.plotLoss == null ? null : base.resolve(original.plotLoss), out(current), current.checkpoint,
                current.plotLoss);
        original.out = outputs.model();
        original.checkpoint = outputs.checkpoint();
        original.plotLoss = outputs.plot();
        original.init = original.init == null ? null : base.resolve(original.init);
        original.spec = current.spec;
        original.quiet = current.quiet;
        original.common = current.common;
        original.timeLimit = current.timeLimit.maxTime() != null ? current.timeLimit : original.timeLimit;
        original.checkOutputs(current.resume);
        TrainerConfig config = extended(current, saved);
        PrintWriter stderr = current.spec.commandLine().getErr();
        if (!read.digested()) {
            stderr.println("warning: " + current.resume + " has no digest (\"sha256\"; a backprop before checkpoints "
                    + "carried one wrote it): it resumes, but a change made to it since it was written cannot be "
                    + "detected");
        }
        Map<String, List<String>> context = new LinkedHashMap<>(saved.context());
        context.put(TrainCommand.ENGINE_KEY, engines(current.resume, saved.context().get(TrainCommand.ENGINE_KEY),
                stderr));
        stderr.println(outputs.describe(current.resume));
        stderr.flush();
        Frame frame = Inputs.frame(original.trainData.data, original.trainData.readOptions(original.trainData.data));
        Preprocessor preprocessor = saved.model().preprocessor();
        try {
            TrainData.requireMemory(saved.config(), preprocessor, saved.model().network(), frame.rows(), true);
        } catch (TooLargeException e) {
            throw e.prefixed(current.resume + ": ");
        }
        Dataset dataset = TrainWeights.of(original.trainData.weightOptions).apply(frame, preprocessor.apply(frame),
                preprocessor.target().classes(),
                preprocessor.target().column());
        try {
            return original.train(TrainReport.Sample.of(frame), preprocessor, dataset, config, null, saved, context);
        } catch (TooLargeException e) {
            throw e.prefixed(current.resume + ": ");
        } catch (UserException e) {
            throw new UserException(current.resume + ": " + e.getMessage());
        }
    }

    /** The checkpoint's configuration, with the epoch limit --epochs raises it to, if given. */
    private static TrainerConfig extended(TrainCommand current, Checkpoint saved) {
        Map<TrainingSetting<?>, Object> given = TrainingOptions.given(current.spec.commandLine().getParseResult(),
                List.of(TrainingSettings.MAX_EPOCHS));
        TrainerConfig config = saved.config();
        if (!given.containsKey(TrainingSettings.MAX_EPOCHS)) {
            return config;
        }
        int epochs = TrainingSettings.MAX_EPOCHS.parse(given.get(TrainingSettings.MAX_EPOCHS));
        if (epochs < config.maxEpochs()) {
            throw new UserException(current.resume + ": --epochs can raise the run's epoch limit, "
                    + config.maxEpochs() + ", but not lower it to " + epochs);
        }
        return config.toBuilder().maxEpochs(epochs).build();
    }

    /** --out given with --resume, or null: its default value is not a choice the user made now. */
    private static Path out(TrainCommand current) {
        return current.spec.commandLine().getParseResult().hasMatchedOption("--out") ? current.out : null;
    }

    /**
     * The engines of a run resumed now: those it was computed with so far and this JVM's. Warns (one line) when
     * they differ: kernels round differently, so the end may differ in the last bits from an unbroken run's.
     */
    private static List<String> engines(Path resume, List<String> before, PrintWriter stderr) {
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
}
