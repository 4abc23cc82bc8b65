package dev.backprop.model;

import dev.backprop.data.ColumnNames;
import dev.backprop.data.ColumnType;
import dev.backprop.data.EncodedInputs;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Frame;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.Prepared;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
import dev.backprop.data.TargetEncoder;
import dev.backprop.data.Task;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What training produces and a model file holds: the network, the names of the columns it reads and predicts, the
 * scaling fitted on the training data, and (for models trained on data files) the {@link Preprocessor} that turns a
 * file's columns into those inputs: ignored columns, missing-value handling, one-hot encoding, the target's task and
 * classes. Raw data in goes to predictions in the target's own units or classes. Immutable.
 *
 * @param network       the trained network
 * @param inputs        names of the network's inputs, in order (one-hot inputs are named {@code column=category})
 * @param outputs       names of the network's outputs (for classification, {@code target=class})
 * @param inputScaling  applied to the encoded inputs before the network
 * @param outputScaling inverted on the network's outputs
 * @param preprocessor  how data files are prepared for the network, or {@code null} for a model whose inputs and
 *                      single output are numeric columns read as they are (hand-written files, the Java API)
 * @param history       how it was trained, or {@code null} (a hand-written model)
 */
public record Model(Network network, List<String> inputs, List<String> outputs, Scaling inputScaling,
                    Scaling outputScaling, Preprocessor preprocessor, TrainingHistory history) {
    /**
     * @param network       the trained network
     * @param inputs        names of the network's inputs, copied
     * @param outputs       names of the network's outputs, copied
     * @param inputScaling  applied to the encoded inputs before the network
     * @param outputScaling inverted on the network's outputs
     * @param preprocessor  how data files are prepared, or {@code null}
     * @param history       how it was trained, or {@code null}
     * @throws IllegalArgumentException if names, scalings or the preprocessor disagree with the network's input and
     *                                  output counts
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
        if (preprocessor != null) {
            if (!preprocessor.features().outputNames().equals(inputs)) {
                throw new IllegalArgumentException("the preprocessor makes inputs "
                        + preprocessor.features().outputNames() + " but the network reads " + inputs);
            }
            if (!preprocessor.target().outputNames().equals(outputs)) {
                throw new IllegalArgumentException("the preprocessor makes targets "
                        + preprocessor.target().outputNames() + " but the network predicts " + outputs);
            }
        }
    }

    /**
     * A model without a preprocessor or history: its inputs and outputs are numeric columns of those names.
     *
     * @param network       the trained network
     * @param inputs        names of the network's inputs, one per input, copied
     * @param outputs       names of the network's outputs, one per output, copied
     * @param inputScaling  applied to the inputs before the network
     * @param outputScaling inverted on the network's outputs
     * @throws IllegalArgumentException if a count disagrees with the network's
     */
    public Model(Network network, List<String> inputs, List<String> outputs, Scaling inputScaling,
                 Scaling outputScaling) {
        this(network, inputs, outputs, inputScaling, outputScaling, null, null);
    }

    /**
     * A model without a training history.
     *
     * @param network       the trained network
     * @param inputs        names of the network's inputs, one per input, copied
     * @param outputs       names of the network's outputs, one per output, copied
     * @param inputScaling  applied to the encoded inputs before the network
     * @param outputScaling inverted on the network's outputs
     * @param preprocessor  how data files are prepared, or {@code null}
     * @throws IllegalArgumentException if a count or the preprocessor's names disagree with the network
     */
    public Model(Network network, List<String> inputs, List<String> outputs, Scaling inputScaling,
                 Scaling outputScaling, Preprocessor preprocessor) {
        this(network, inputs, outputs, inputScaling, outputScaling, preprocessor, null);
    }

    /**
     * A model whose data needs no scaling, with generated column names.
     *
     * @param network the network, which reads its inputs and produces its outputs in their own units
     * @return a model with inputs x1..xm, outputs y1..yk and identity scalings
     */
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
     * Predictions in the target's own units (for classification: class probabilities) for encoded, unscaled inputs,
     * one row per example. A float32 network's predictions are floats: its network computes in float32, and the values
     * in the target's units are rounded to float.
     *
     * @param x encoded inputs, one row per example and one column per input; not modified
     * @return a new n x outputs matrix; NaN inputs give NaN predictions
     * @throws IllegalArgumentException if x does not have one column per input
     */
    public Matrix predict(Matrix x) {
        if (x.cols() != inputs.size()) {
            throw new IllegalArgumentException("the model takes " + inputs.size() + " inputs ("
                    + ColumnNames.listed(inputs) + ") but x is " + x.shape());
        }
        Matrix y = outputScaling.invert(network.predict(inputScaling.apply(x)));
        if (network.precision() == Precision.FLOAT64) {
            return y;
        }
        double[] values = y.toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = network.precision().round(values[i]);
        }
        return Matrix.wrap(y.rows(), y.cols(), values);
    }

    /**
     * The same model preparing data files with {@code other}.
     *
     * @param other the new preprocessor, or {@code null} for none
     * @return a new model; this one is unchanged
     * @throws IllegalArgumentException if its encoded names differ from the network's inputs and outputs
     */
    public Model withPreprocessor(Preprocessor other) {
        return new Model(network, inputs, outputs, inputScaling, outputScaling, other, history);
    }

    /**
     * The same model with a training history attached.
     *
     * @param other the history, or {@code null} for none
     * @return a new model; this one is unchanged
     */
    public Model withHistory(TrainingHistory other) {
        return new Model(network, inputs, outputs, inputScaling, outputScaling, preprocessor, other);
    }

    /**
     * Regression, or classification for a model trained on a categorical target.
     *
     * @return {@link Task#REGRESSION} for a model without a preprocessor, otherwise the target's task
     */
    public Task task() {
        return preprocessor == null ? Task.REGRESSION : preprocessor.target().task();
    }

    /**
     * The class names, in the order of the network's outputs; empty for regression.
     *
     * @return an unmodifiable list, one class per output for classification
     */
    public List<String> classes() {
        return preprocessor == null ? Collections.emptyList() : preprocessor.target().classes();
    }

    /**
     * The name of the predicted column (the target's; the first, for several regression targets).
     *
     * @return the target column's name; for a model without a preprocessor, its single output's name
     */
    public String target() {
        return preprocessor == null ? outputs.get(0) : preprocessor.target().column();
    }

    /**
     * The names of the predicted columns: one, or several regression targets predicted together.
     *
     * @return an unmodifiable list; for a model without a preprocessor, its single output's name
     */
    public List<String> targets() {
        return preprocessor == null ? List.of(outputs.get(0)) : preprocessor.target().columns();
    }

    /**
     * The preprocessor, or for a model without one, the equivalent: its inputs and single output read as numeric
     * columns of those names, and a missing cell refused.
     *
     * @return the preprocessor that turns a data file's columns into this model's inputs and outputs
     * @throws IllegalArgumentException for a model without a preprocessor and with more than one output
     */
    public Preprocessor preparation() {
        if (preprocessor != null) {
            return preprocessor;
        }
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("a model with " + outputs.size() + " outputs needs a preprocessor "
                    + "to read data files");
        }
        List<ColumnType> types = new ArrayList<>(Collections.nCopies(inputs.size(), ColumnType.NUMERIC));
        List<List<String>> none = new ArrayList<>(Collections.nCopies(inputs.size(), List.<String>of()));
        return Preprocessor.of(List.of(), MissingPolicy.ERROR, null, FeatureEncoder.of(inputs, types, none),
                TargetEncoder.of(outputs.get(0), Task.REGRESSION, List.of()));
    }

    /**
     * The network's inputs from {@code frame} (columns matched by name, a target column ignored), encoded and not
     * yet scaled, ready for {@link #predict(Matrix)}.
     *
     * @param frame the data, with at least this model's input columns; not modified
     * @return the encoded inputs, one row per frame row
     * @throws dev.backprop.data.InvalidDataException naming missing columns or bad cells
     */
    public EncodedInputs prepareInputs(Frame frame) {
        return preparation().applyInputs(frame);
    }

    /**
     * Inputs and targets from {@code frame}, which must have the target column, for evaluation.
     *
     * @param frame the data, with this model's input columns and its target column; not modified
     * @return encoded inputs and targets, one row per frame row
     * @throws dev.backprop.data.InvalidDataException naming missing columns or bad cells
     */
    public Prepared prepare(Frame frame) {
        return preparation().apply(frame);
    }
}
