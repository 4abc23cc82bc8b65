package dev.backprop.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code train --resume} writes. A checkpoint is input, as untrusted as a data file: its stored command line
 * can name any path. So a resumed run writes
 * <ul>
 *   <li>checkpoints to the file it resumes, or to {@code --checkpoint} given now;</li>
 *   <li>the model and the loss plot where the stored run wrote them, read relative to the checkpoint's own folder and
 *       only inside that folder (or below), or where {@code --out} and {@code --plot-loss} given now say;</li>
 * </ul>
 * and never over the data it reads or the checkpoint it resumes, nor one output over another. A stored output outside
 * the folder is refused with a message that names the option to give instead.
 *
 * @param model      where the model goes
 * @param checkpoint where checkpoints go
 * @param plot       where the loss plot goes, or null for none
 */
record ResumeOutputs(Path model, Path checkpoint, Path plot) {
    /** The context key of the model file, relative to the checkpoint's folder. */
    static final String MODEL_KEY = "out";
    /** The context key of the loss plot, relative to the checkpoint's folder. */
    static final String PLOT_KEY = "plot-loss";

    /**
     * The context notes that let a resumed run find the outputs again: each output relative to the checkpoint's
     * folder.
     *
     * @param checkpoint where the checkpoints are written
     * @param model      where the model is written
     * @param plot       where the loss plot is written, or null
     */
    static Map<String, List<String>> notes(Path checkpoint, Path model, Path plot) {
        Path folder = folder(checkpoint);
        Map<String, List<String>> notes = new LinkedHashMap<>();
        notes.put(MODEL_KEY, List.of(folder.relativize(model.toAbsolutePath().normalize()).toString()));
        if (plot != null) {
            notes.put(PLOT_KEY, List.of(folder.relativize(plot.toAbsolutePath().normalize()).toString()));
        }
        return notes;
    }

    /**
     * Decides the outputs of resuming {@code resume}.
     *
     * @param resume          the checkpoint file given to --resume
     * @param context         its stored notes (with {@link #MODEL_KEY} when written by this version)
     * @param storedModel     the stored --out, resolved against the stored working directory (for checkpoints
     *                        without {@link #MODEL_KEY})
     * @param storedPlot      the stored --plot-loss resolved likewise, or null
     * @param givenModel      --out given now, or null
     * @param givenCheckpoint --checkpoint given now, or null
     * @param givenPlot       --plot-loss given now, or null
     * @throws UserException if a stored output lies outside the checkpoint's folder (whether outputs are inputs or
     *                       clash is {@link FileRoles}' check)
     */
    static ResumeOutputs of(Path resume, Map<String, List<String>> context, Path storedModel, Path storedPlot,
                            Path givenModel, Path givenCheckpoint, Path givenPlot) {
        Path folder = folder(resume);
        Path model = givenModel;
        Path plot = givenPlot;
        boolean notes = context.containsKey(MODEL_KEY);
        if (model == null) {
            model = stored(resume, folder, notes ? note(context, MODEL_KEY, folder) : storedModel, "the model",
                    "--out");
        }
        if (plot == null) {
            Path storedOne = notes ? note(context, PLOT_KEY, folder) : storedPlot;
            plot = storedOne == null ? null : stored(resume, folder, storedOne, "the loss plot", "--plot-loss");
        }
        return new ResumeOutputs(model, givenCheckpoint != null ? givenCheckpoint : resume, plot);
    }

    /**
     * The command that continues a run checkpointed to {@code checkpoint}, with {@code --out} and {@code --plot-loss}
     * for outputs outside the checkpoint's folder, which --resume would not write unless told.
     *
     * @param checkpoint where the run's checkpoints are written
     * @param model      where its model is written
     * @param plot       where its loss plot is written, or null
     */
    static String command(Path checkpoint, Path model, Path plot) {
        Path folder = folder(checkpoint);
        StringBuilder command = new StringBuilder("backprop train --resume ").append(checkpoint);
        if (!inside(folder, model)) {
            command.append(" --out ").append(model);
        }
        if (plot != null && !inside(folder, plot)) {
            command.append(" --plot-loss ").append(plot);
        }
        return command.toString();
    }

    private static boolean inside(Path folder, Path file) {
        Path normal = file.toAbsolutePath().normalize();
        return normal.startsWith(folder) && !normal.equals(folder);
    }

    /** One line for stderr, before training starts, saying where everything will be written. */
    String describe(Path resume) {
        return "resuming " + resume + ": the model will be written to " + model + ", checkpoints to " + checkpoint
                + (plot == null ? "" : ", the loss plot to " + plot);
    }

    private static Path folder(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : file.toAbsolutePath().getRoot();
    }

    private static Path note(Map<String, List<String>> context, String key, Path folder) {
        List<String> values = context.get(key);
        if (values == null || values.size() != 1) {
            return null;
        }
        return folder.resolve(values.get(0));
    }

    /** A stored output, accepted only inside the checkpoint's folder. */
    private static Path stored(Path resume, Path folder, Path output, String what, String option) {
        if (output == null || !inside(folder, output)) {
            throw new UserException(resume + ": the checkpoint asks to write " + what + " to " + output
                    + ", outside its own folder " + folder + "; a checkpoint is input, so --resume writes there only "
                    + "when you say so: add " + option + " FILE");
        }
        Path normal = output.toAbsolutePath().normalize();
        return resume.isAbsolute() ? normal : relativeToWorkingDirectory(normal);
    }

    /** Shown as the user would type it when it lies below the working directory. */
    private static Path relativeToWorkingDirectory(Path absolute) {
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
    }
}
