package dev.backprop.cli;

import dev.backprop.command.ColumnOptions;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Frame;
import dev.backprop.data.InputScreen;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.TargetEncoder;
import dev.backprop.data.TaskChoice;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Network;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;

import java.util.ArrayList;
import java.util.List;

/** How {@code backprop train} turns a data file into training rows, and checks they fit the heap first. */
final class TrainData {
    private TrainData() {
    }

    /**
     * A preprocessor and the task it was fitted for, with the reason the run prints.
     *
     * @param preprocessor how the data becomes the network's inputs and outputs
     * @param task         the task and why it was chosen
     * @param leftOut      the identifier columns left out, for a warning each
     * @param config       what the preprocessor was fitted with (identifiers left out, dates, the task), so other
     *                     rows (a fold's) can be prepared alike; null when the starting model's is reused
     */
    record Fitted(Preprocessor preprocessor, TaskChoice task, List<InputScreen.LeftOut> leftOut,
                  PreprocessConfig config) {
        /**
         * One line per date column read as numbers, naming the columns it became.
         *
         * @return the notes, possibly none
         */
        List<String> dateNotes() {
            return preprocessor.dates().notes();
        }
    }

    /**
     * How the data becomes the network's inputs: the starting model's own preprocessing if it has one; otherwise
     * fitted on this data, for the task asked or inferred ({@link TaskChoice}). Fitted from scratch, it leaves out the
     * identifier columns ({@link InputScreen}) but those in {@code keep}, and reads date columns as numbers; the
     * sample-weight column ({@code weightColumn}, or null) is never an input. A starting model without preprocessing
     * that names numeric columns of this data reads those, in its order; one with generated names reads the data's
     * columns in file order.
     */
    static Fitted preprocessor(Frame frame, Model initial, ColumnOptions columnOptions, List<String> keep,
                               String weightColumn) {
        if (initial != null && initial.preprocessor() != null) {
            return new Fitted(initial.preprocessor(), new TaskChoice(initial.task(), "as the starting model (--init) "
                    + "has it"), List.of(), null);
        }
        List<String> targets = columnOptions.targetColumns(frame.names(), initial);
        PreprocessConfig asked = config(columnOptions, targets, weightColumn);
        List<String> inputs = asked.inputs(frame.names(), frame.source());
        TaskChoice task = TaskChoice.of(asked, target -> TaskChoice.of(asked.task(), frame.column(target)),
                frame.source());
        List<InputScreen.LeftOut> leftOut = initial == null ? InputScreen.find(frame, inputs, keep) : List.of();
        List<String> dates = initial == null ? InputScreen.dates(frame, inputs) : List.of();
        List<String> ignored = new ArrayList<>(asked.ignore());
        leftOut.forEach(column -> ignored.add(column.column()));
        // Several targets keep an inferred task unset, so that a target that would be classified is refused.
        PreprocessConfig config = asked.withIgnore(ignored).withDates(dates)
                .withTask(targets.size() == 1 ? task.task() : asked.task());
        return new Fitted(fit(frame, columnOptions.startingColumns(frame.names(), initial, targets), config), task,
                leftOut, config);
    }

    /** Fits on {@code starting}'s columns, in that order, if not null; else on the frame as {@code config} says. */
    private static Preprocessor fit(Frame frame, List<String> starting, PreprocessConfig config) {
        if (starting != null) {
            List<Column> columns = starting.stream().map(frame::column).toList();
            long[] lines = new long[frame.rows()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = frame.line(i);
            }
            return Preprocessor.fit(Frame.of(frame.source(), columns, lines), config.withIgnore(List.of()));
        }
        return Preprocessor.fit(frame, config);
    }

    /** The column options' preprocessing, leaving out the sample weights: read with the data, never an input. */
    static PreprocessConfig config(ColumnOptions columnOptions, List<String> targets, String weightColumn) {
        PreprocessConfig given = TrainCommand.parse(() -> columnOptions.config(targets));
        return weightColumn == null || given.ignore().contains(weightColumn) || targets.contains(weightColumn)
                ? given : given.withIgnore(concat(given.ignore(), weightColumn));
    }

    private static List<String> concat(List<String> names, String name) {
        List<String> all = new ArrayList<>(names);
        all.add(name);
        return all;
    }

    /**
     * Refuses, before the data is encoded, a run whose encoded data and training would not fit the heap; a message
     * about the data names the columns that make it wide.
     *
     * @param inPlace whether the run takes the encoded data over and scales it in place ({@link
     *                Trainer#scalingInPlace()}: train and its resumption), or keeps it and trains on a copy (studio)
     */
    static void requireMemory(TrainerConfig config, Preprocessor preprocessor, Network start, int rows,
                              boolean inPlace) {
        Trainer trainer = inPlace ? Trainer.of(config).scalingInPlace() : Trainer.of(config);
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
                wide.add("target " + ColumnNames.quoted(target.column()) + " has "
                        + MemoryBudget.count(target.width()) + " classes");
            }
            throw wide.isEmpty() ? e : e.prefixed(String.join(", ", wide) + ": ");
        } catch (IllegalArgumentException e) {
            // A network the configuration cannot build: training reports it, naming the option.
        }
    }
}
