package dev.backprop.nn;

import dev.backprop.data.Scaling;
import dev.backprop.linalg.Matrix;

import java.util.List;
import java.util.Objects;

/**
 * What training produces and a model file holds: the network, the names of the columns it reads and predicts, and
 * the scaling fitted on the training data, so raw data in goes to predictions in the target's own units. Immutable.
 *
 * @param network       the trained network
 * @param inputs        names of the input columns, in the order the network reads them
 * @param outputs       names of the predicted columns
 * @param inputScaling  applied to raw inputs before the network
 * @param outputScaling inverted on the network's outputs
 */
public record Model(Network network, List<String> inputs, List<String> outputs, Scaling inputScaling,
                    Scaling outputScaling) {
    /**
     * @throws IllegalArgumentException if names or scalings disagree with the network's input and output counts
     */
    public Model {
        Objects.requireNonNull(network, "network");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        int m = network.architecture().inputs();
        int k = network.architecture().outputs();
        if (inputs.size() != m) {
            throw new IllegalArgumentException("the network takes " + m + " inputs but " + inputs.size()
                    + " input names were given");
        }
        if (outputs.size() != k) {
            throw new IllegalArgumentException("the network has " + k + " outputs but " + outputs.size()
                    + " output names were given");
        }
        if (inputScaling.columns() != m) {
            throw new IllegalArgumentException("input scaling covers " + inputScaling.columns()
                    + " columns but the network takes " + m + " inputs");
        }
        if (outputScaling.columns() != k) {
            throw new IllegalArgumentException("output scaling covers " + outputScaling.columns()
                    + " columns but the network has " + k + " outputs");
        }
    }

    /** A model whose data needs no scaling, with generated column names. */
    public static Model unscaled(Network network) {
        int m = network.architecture().inputs();
        int k = network.architecture().outputs();
        return new Model(network, names("x", m), names("y", k), Scaling.none(m), Scaling.none(k));
    }

    private static List<String> names(String prefix, int count) {
        String[] names = new String[count];
        for (int j = 0; j < count; j++) {
            names[j] = prefix + (j + 1);
        }
        return List.of(names);
    }

    /**
     * Predictions in the target's own units for raw (unscaled) inputs, one row per example.
     *
     * @throws IllegalArgumentException if x does not have one column per input
     */
    public Matrix predict(Matrix x) {
        return outputScaling.invert(network.predict(inputScaling.apply(x)));
    }

    /** The same model with other weights (same names and scaling). */
    public Model withNetwork(Network other) {
        return new Model(other, inputs, outputs, inputScaling, outputScaling);
    }
}
