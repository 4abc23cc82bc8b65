package dev.backprop.spark;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.ColumnType;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.TargetEncoder;
import dev.backprop.data.Task;

import java.util.List;

/**
 * The core's own errors for data problems the Spark aggregations find, obtained by replaying the offending cell on a
 * one-row frame through the core's code, so that the wording is the command line's without a copy of it here. The
 * frames have no line numbers, so the messages name the data and the column but no line.
 */
final class CoreMessages {
    private final String source;

    /** @param source the data's name in messages, or null */
    CoreMessages(String source) {
        this.source = source;
    }

    /** Regression was asked of the target {@code column}, which holds {@code label}, not a number. */
    InvalidDataException notANumericTarget(String column, String label) {
        return thrown(() -> TargetEncoder.fit(Frame.of(source, List.of(text(column, label))), column,
                Task.REGRESSION));
    }

    /** {@code column} was numeric in training but holds {@code label}. */
    InvalidDataException wasNumeric(String column, String label) {
        FeatureEncoder numeric = FeatureEncoder.of(List.of(column), List.of(ColumnType.NUMERIC), List.of(List.of()));
        return thrown(() -> numeric.encode(Frame.of(source, List.of(text(column, label)))));
    }

    private static CategoricalColumn text(String column, String label) {
        return CategoricalColumn.of(column, List.of(label), new int[] {0});
    }

    private static InvalidDataException thrown(Runnable replay) {
        try {
            replay.run();
        } catch (InvalidDataException e) {
            return e;
        }
        throw new IllegalStateException("the core accepted data the Spark statistics found wrong");
    }
}
