package dev.backprop.cli;

import dev.backprop.command.CategoricalOption;
import dev.backprop.command.ColumnOptions;
import dev.backprop.command.KeepOption;
import dev.backprop.command.WeightOptions;
import dev.backprop.data.DataFormat;
import dev.backprop.data.Frame;
import dev.backprop.data.InputScreen;
import dev.backprop.data.ReadOptions;
import dev.backprop.model.Model;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How the commands that train ({@code train}, {@code studio}, {@code cv}, {@code tune}) read their data and choose
 * its columns, declared once: {@link DataOptions}, {@link ColumnOptions}, --categorical, --keep and
 * {@link WeightOptions}.
 */
class TrainDataOptions {
    @Mixin
    DataOptions dataOptions;

    @Mixin
    ColumnOptions columnOptions;

    @Mixin
    CategoricalOption categorical;

    @Mixin
    KeepOption keep;

    @Mixin
    WeightOptions weightOptions;

    /**
     * Reads the training data at {@code data} (null: the bundled example) with {@link #readOptions(Path)}, and
     * refuses a --categorical name it lacks.
     */
    Frame read(Path data) {
        Frame frame = Inputs.frame(data, readOptions(data));
        requireColumns(frame);
        return frame;
    }

    /**
     * The data's preprocessing as {@code train} fits it ({@link TrainData#preprocessor}), after checking the sample
     * weight column is there; column names that look like a row of data (a file without its header), each identifier
     * column left out (but those named by --keep) and each date column read as numbers are said on {@code err}.
     *
     * @param initial the model training starts from, or null
     */
    TrainData.Fitted fit(Frame frame, Model initial, PrintWriter err) {
        TrainWeights.of(weightOptions).requireColumn(frame);
        String header = InputScreen.headerWarning(frame.names());
        if (header != null) {
            err.println("warning: " + header);
        }
        TrainData.Fitted fitted = TrainData.preprocessor(frame, initial, columnOptions, keep.columns(),
                weightOptions.sampleWeight());
        fitted.leftOut().forEach(column -> err.println("warning: " + column.warning()));
        fitted.dateNotes().forEach(err::println);
        return fitted;
    }

    /**
     * How to read the training data at {@code data} (null: the bundled example): the columns named by --categorical,
     * and the ignored ones (whose content does not matter) but the sample weights, are categorical whatever they hold;
     * ARFF files keep their declared types.
     */
    ReadOptions readOptions(Path data) {
        ReadOptions options = dataOptions.readOptions();
        DataFormat format = options.format() != null ? options.format() : data == null ? DataFormat.CSV
                : DataFormat.of(data);
        if (format == DataFormat.ARFF && !categorical.columns().isEmpty()) {
            throw new UserException("--categorical applies to CSV and TSV files; an ARFF file declares each "
                    + "attribute's type (declare it nominal: {a,b,c})");
        }
        Set<String> columns = new LinkedHashSet<>(categorical.columns());
        for (String ignored : columnOptions.ignored()) {
            // the sample weights are read as numbers even when also ignored (train leaves them out of the inputs)
            if (!ignored.equals(weightOptions.sampleWeight())) {
                columns.add(ignored);
            }
        }
        return options.withCategorical(columns);
    }

    /**
     * Refuses a --categorical name the data lacks (the reader passes unknown names over, since --ignore's names go to
     * it too and are checked later with their own message).
     */
    private void requireColumns(Frame frame) {
        categorical.requireColumns(frame.source(), frame.names());
    }
}
