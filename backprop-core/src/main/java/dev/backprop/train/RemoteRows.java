package dev.backprop.train;

import dev.backprop.data.ColumnRanges;
import dev.backprop.data.Scaling;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Network;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;

import java.util.List;

/**
 * Training rows held elsewhere (a cluster's), already scaled, that {@link Trainer#train(RemoteRows)} reaches only
 * through the objective they compute. Full-batch training: each epoch is one update.
 */
public interface RemoteRows {
    /**
     * What was fitted on rows held elsewhere and what the trainer checks of them, before any update.
     *
     * @param rows           n ≥ 1, the number of rows
     * @param inputNames     the inputs' names, in the network's order
     * @param targetNames    the targets' names, in the network's order
     * @param inputScaling   how the raw inputs were scaled into the rows, stored in the model
     * @param outputScaling  how the raw targets were scaled, stored in the model
     * @param targetRanges   the raw targets' ranges, which the target scaling was fitted on: the trainer checks that
     *                       the targets suit the loss and were scaled as it scales them ({@link TargetCheck#scaling})
     * @param targetSumError max_i |Σ_o y_io − 1| over the raw targets: categorical cross-entropy needs one-hot ones
     */
    record Description(long rows, List<String> inputNames, List<String> targetNames, Scaling inputScaling,
                       Scaling outputScaling, ColumnRanges targetRanges, double targetSumError) {
        /**
         * Copies the name lists.
         *
         * @param rows           n ≥ 1
         * @param inputNames     the inputs' names; copied
         * @param targetNames    the targets' names; copied
         * @param inputScaling   the inputs' scaling
         * @param outputScaling  the targets' scaling
         * @param targetRanges   the raw targets' ranges
         * @param targetSumError the largest deviation of a row's targets' sum from 1
         */
        public Description {
            inputNames = List.copyOf(inputNames);
            targetNames = List.copyOf(targetNames);
        }

        /**
         * The model of a network trained on these rows: it reads and writes them by their names and scalings.
         *
         * @param network the trained network
         * @return the model, without preprocessing
         */
        public Model model(Network network) {
            return new Model(network, inputNames, targetNames, inputScaling, outputScaling);
        }
    }

    /**
     * What was fitted on the rows.
     *
     * @return the rows' description
     */
    Description description();

    /**
     * The exact objective of a network of {@code architecture} over every row: the line searches' J and the final
     * loss.
     *
     * @param architecture   the network's layout and loss
     * @param regularization the L2 penalty (dropout must be 0)
     * @return the objective
     * @throws IllegalArgumentException if the architecture does not fit the rows
     */
    FullBatchObjective objective(Architecture architecture, Regularization regularization);

    /**
     * What each update steps on: {@code exact} itself, or an estimate of it from a sample of the rows.
     *
     * @param exact the objective from {@link #objective}
     * @param seed  the run's seed, for a sample
     * @return the objective of each update's J and ∇J
     */
    default Objective steps(FullBatchObjective exact, long seed) {
        return exact;
    }
}
