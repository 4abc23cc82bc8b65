package dev.backprop.cli;

import dev.backprop.command.ColumnOptions;
import dev.backprop.data.Column;
import dev.backprop.data.DataFormat;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.ReadOptions;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.TargetEncoder;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Network;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How {@code backprop train} turns a data file into training rows, and checks they fit the heap first. */
final class TrainData {
    private TrainData() {
    }

    /**
     * How the data becomes the network's inputs: the starting model's own preprocessing if it has one; otherwise
     * fitted on this data. A starting model without preprocessing that names numeric columns of this data reads
     * those, in its order; one with generated names reads the data's columns in file order.
     */
    static Preprocessor preprocessor(Frame frame, Model initial, ColumnOptions columnOptions) {
        if (initial != null && initial.preprocessor() != null) {
            return initial.preprocessor();
        }
        String targetColumn = columnOptions.targetColumn(frame.names(), initial);
        PreprocessConfig config = TrainCommand.parse(() -> columnOptions.config(targetColumn));
        List<String> starting = columnOptions.startingColumns(frame.names(), initial, targetColumn);
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

    /**
     * How {@code train} reads its data: the columns named by --categorical, and the ignored ones (whose content does
     * not matter), are categorical whatever they hold; ARFF files keep their declared types.
     */
    static ReadOptions readOptions(TrainCommand train) {
        ReadOptions options = train.dataOptions.readOptions();
        DataFormat format = options.format() != null ? options.format() : train.data == null ? DataFormat.CSV
                : DataFormat.of(train.data);
        if (format == DataFormat.ARFF && !train.categorical.isEmpty()) {
            throw new UserException("--categorical applies to CSV and TSV files; an ARFF file declares each "
                    + "attribute's type (declare it nominal: {a,b,c})");
        }
        Set<String> columns = new LinkedHashSet<>(train.categorical);
        columns.addAll(train.columnOptions.ignored());
        return options.withCategorical(columns);
    }

    /**
     * Refuses, before the data is encoded, a run whose encoded data and training would not fit the heap; a message
     * about the data names the columns that make it wide.
     */
    static void requireMemory(TrainerConfig config, Preprocessor preprocessor, Network start, int rows) {
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

    /**
     * Refuses a --categorical name the data lacks (the reader passes unknown names over, since --ignore's names go to
     * it too and are checked later with their own message).
     */
    static void requireColumns(Frame frame, List<String> categorical) {
        for (String name : categorical) {
            if (!frame.names().contains(name)) {
                throw new InvalidDataException(frame.source(), 1, null, "--categorical names the column '" + name
                        + "', which the header does not have (columns: " + String.join(", ", frame.names()) + ")");
            }
        }
    }
}
