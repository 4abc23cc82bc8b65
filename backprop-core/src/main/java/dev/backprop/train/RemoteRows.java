package dev.backprop.train;

import dev.backprop.data.Scaling;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;

import java.util.List;

/**
 * Training rows held elsewhere (a cluster's), already scaled, that {@link Trainer#train(RemoteRows)} reaches only
 * through the objective they compute. Full-batch training: each epoch is one update.
 */
public interface RemoteRows {
    /**
     * The number of rows.
     *
     * @return n ≥ 1
     */
    long rows();

    /**
     * The names of the inputs, in the network's order.
     *
     * @return one name per input
     */
    List<String> inputNames();

    /**
     * The names of the targets, in the network's order.
     *
     * @return one name per output
     */
    List<String> targetNames();

    /**
     * How the raw inputs were scaled into the rows.
     *
     * @return the input scaling, stored in the model
     */
    Scaling inputScaling();

    /**
     * How the raw targets were scaled into the rows.
     *
     * @return the target scaling, stored in the model
     */
    Scaling outputScaling();

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
