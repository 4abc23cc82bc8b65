package dev.backprop.train;

import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.WorkspaceBudget;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a training run allocates before its first epoch, counted in long from the architecture, the data's size
 * and the configuration, and checked against a {@link MemoryBudget} before any of them is allocated. Counted, in
 * doubles (P parameters, n rows, m inputs, k outputs, B rows per batch, Σo the units of all layers):
 * <ul>
 *   <li>weights, their gradient and the last finite weights: 3P (4P with a validation split, which keeps the best);
 *   <li>the optimizer's state and workspaces: {@link dev.backprop.optim.OptimizerType#extraDoubles};
 *   <li>the batch workspaces: 3 B Σo (z, a, δ per layer; 2 more for each dropped hidden layer) and the batch's rows;
 *   <li>the scaled copy of the data training works on: 2 n (m + k) (the copy and its scaling's temporary), and
 *       n (m + k) more when the check comes before the data is encoded. A run that scales the data in place (the
 *       data handed over, {@link Trainer#scalingInPlace()}) holds no copy without a validation split, and one, the
 *       selected rows, with it.
 * </ul>
 * In float32 the weights, workspaces, first-order state and the training copy of the data are floats (4 bytes), the
 * scaled double copy is counted as before (it exists until the float copy is made), and line searches keep doubles.
 * The loss history grows as epochs run and is not counted: 8 bytes an epoch.
 */
final class TrainingFootprint {
    private TrainingFootprint() {
    }

    /**
     * @param inPlace whether the data is handed over and scaled where it lies
     * @throws dev.backprop.linalg.TooLargeException if the run would need more than {@code budget} has, or a
     *                                               workspace more elements than one array holds
     */
    static void check(TrainerConfig config, Architecture architecture, int rows, boolean inPlace,
                      MemoryBudget budget) {
        check(config, architecture, rows, false, inPlace, budget);
    }

    /**
     * @param encoding whether the data is still to be encoded: then its rows x (inputs + outputs) are counted too
     * @param inPlace  whether the data is handed over and scaled where it lies
     * @throws dev.backprop.linalg.TooLargeException as above
     */
    static void check(TrainerConfig config, Architecture architecture, int rows, boolean encoding, boolean inPlace,
                      MemoryBudget budget) {
        long p = architecture.parameterCount();
        // All rows, as if none were held out: an upper bound on the training rows and their batch.
        int batch = config.batchRows(rows);
        long units = WorkspaceBudget.doubles(architecture, batch, config.dropout() > 0,
                "batches of " + MemoryBudget.count(batch) + " rows");
        long width = (long) architecture.inputs() + architecture.outputs();
        MemoryBudget.arrayLength(MemoryBudget.times(batch, architecture.inputs()), "a batch of "
                + MemoryBudget.count(batch) + " rows x " + MemoryBudget.count(architecture.inputs()) + " inputs");
        long workspaces = MemoryBudget.plus(units, MemoryBudget.times(batch, width + 1));
        long copies = inPlace ? (config.validationFraction() > 0 ? 1 : 0) : 2;
        long data = MemoryBudget.times((encoding ? copies + 1 : copies) * rows, width);
        long weights = MemoryBudget.times(config.validationFraction() > 0 ? 4 : 3, p);
        long optimizer = config.optimizer().extraDoubles(p);
        boolean single = config.precision() == Precision.FLOAT32;
        // float32 holds weights, workspaces, first-order state and the data's training copy in floats; the line
        // searches keep their state in double and widen θ and ∇J into two more vectors.
        long inFormat = MemoryBudget.plus(weights, workspaces);
        long inDoubles = data;
        if (config.optimizer().lineSearch()) {
            inDoubles = MemoryBudget.plus(inDoubles, single ? MemoryBudget.plus(optimizer, 2 * p) : optimizer);
        } else {
            inFormat = MemoryBudget.plus(inFormat, optimizer);
        }
        if (single) {
            inFormat = MemoryBudget.plus(inFormat, MemoryBudget.times(rows, width));
        }
        long bytes = MemoryBudget.plus(MemoryBudget.doubles(inDoubles),
                MemoryBudget.times(inFormat, single ? Float.BYTES : Double.BYTES));
        List<String> parts = new ArrayList<>();
        if (encoding) {
            parts.add("the encoded " + MemoryBudget.count(rows) + " x " + MemoryBudget.count(width) + " data");
        }
        parts.add("weights, gradient");
        if (!config.optimizer().extraState().isEmpty()) {
            parts.add(config.optimizer().extraState());
        }
        parts.add("workspaces for batches of " + MemoryBudget.count(batch) + " rows");
        if (copies > 0) {
            parts.add("the scaled data");
        }
        budget.require(bytes, "the network has " + MemoryBudget.count(p)
                        + " parameters: training on " + MemoryBudget.count(rows) + " rows", String.join(", ", parts),
                "use fewer or smaller hidden layers, a smaller batch, or fewer inputs (leave out columns with many "
                        + "distinct values)");
    }

}
