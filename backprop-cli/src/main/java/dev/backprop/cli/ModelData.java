package dev.backprop.cli;

import dev.backprop.data.Table;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Model;

/** A model and a data table matched column by column, by name. */
final class ModelData {
    private ModelData() {
    }

    /** The model's input columns, in the model's order. Names any missing column. */
    static Matrix inputs(Model model, Table table) {
        return table.select(model.inputs());
    }

    /** The model's target columns; {@code command} says in the message what needed them. */
    static Matrix targets(Model model, Table table, String command) {
        for (String name : model.outputs()) {
            if (table.indexOf(name) < 0) {
                throw new UserException(table.source() + ": " + command + " needs the target column '" + name
                        + "', which the file does not have (columns: " + String.join(", ", table.columns()) + ")");
            }
        }
        return table.select(model.outputs());
    }
}
