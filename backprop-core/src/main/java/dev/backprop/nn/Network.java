package dev.backprop.nn;

import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained (or hand-made) feed-forward network: an {@link Architecture} and the values of all its parameters.
 * Immutable and thread-safe; {@link #predict} allocates its own workspace on each call.
 */
public final class Network {
    private static final int PREDICT_CHUNK = 1024;
    private final Architecture architecture;
    private final double[] parameters;
    private final Precision precision;

    private Network(Architecture architecture, double[] parameters, Precision precision) {
        this.architecture = architecture;
        this.parameters = parameters;
        this.precision = precision;
    }

    /**
     * A network from its layers, first (input side) to last.
     *
     * @param layers the layers, at least one; their weights are copied
     * @param loss   the loss the network is trained with
     * @return a new network
     * @throws IllegalArgumentException if the layers do not chain
     */
    public static Network of(List<DenseLayer> layers, Loss loss) {
        List<LayerSpec> specs = new ArrayList<>();
        for (DenseLayer layer : layers) {
            specs.add(new LayerSpec(layer.inputs(), layer.outputs(), layer.activation(), layer.hasBias()));
        }
        Architecture architecture = new Architecture(specs, loss);
        double[] parameters = new double[architecture.parameterCount()];
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            double[] w = layer.weights().toArray();
            System.arraycopy(w, 0, parameters, architecture.weightOffset(l), w.length);
            if (layer.hasBias()) {
                double[] b = layer.bias();
                System.arraycopy(b, 0, parameters, architecture.biasOffset(l), b.length);
            }
        }
        return new Network(architecture, parameters, Precision.FLOAT64);
    }

    /**
     * A network from an architecture and its flat parameter vector (layout in {@link Architecture}); copies it.
     *
     * @param architecture the structure
     * @param parameters   the flat parameter vector, of length {@link Architecture#parameterCount()}; copied
     * @return a new network
     * @throws IllegalArgumentException if the vector's length is not the architecture's parameter count
     */
    public static Network of(Architecture architecture, double[] parameters) {
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("the architecture has " + architecture.parameterCount()
                    + " parameters but " + parameters.length + " values were given");
        }
        return new Network(architecture, parameters.clone(), Precision.FLOAT64);
    }

    /**
     * A network from an architecture and its flat parameter vector that computes in {@code precision}: for float32
     * every parameter is rounded to the nearest float (a float32 model's parameters are floats already, so they keep
     * their bits).
     *
     * @param architecture the structure
     * @param parameters   the flat parameter vector, of length {@link Architecture#parameterCount()}; copied
     * @param precision    the format {@link #predict} and {@link #loss} compute in
     * @return a new network
     * @throws IllegalArgumentException if the vector's length is not the architecture's parameter count
     */
    public static Network of(Architecture architecture, double[] parameters, Precision precision) {
        Network network = of(architecture, parameters);
        if (precision == Precision.FLOAT64) {
            return network;
        }
        double[] rounded = network.parameters;
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = precision.round(rounded[i]);
        }
        return new Network(architecture, rounded, precision);
    }

    /**
     * The floating-point format this network computes in.
     *
     * @return {@link Precision#FLOAT64} unless made with {@link #of(Architecture, double[], Precision)}
     */
    public Precision precision() {
        return precision;
    }

    /**
     * The network's structure: its layers, loss and parameter layout.
     *
     * @return the architecture, never null
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The loss the network was built for, {@code architecture().loss()}.
     *
     * @return the loss, never null
     */
    public Loss loss() {
        return architecture.loss();
    }

    /**
     * A copy of the flat parameter vector.
     *
     * @return a new array of length {@link Architecture#parameterCount()}; changing it does not change this network
     */
    public double[] parameters() {
        return parameters.clone();
    }

    /**
     * The number of layers, {@code architecture().depth()}.
     *
     * @return ≥ 1
     */
    public int depth() {
        return architecture.depth();
    }

    /**
     * Layer l (0 = the one fed by the inputs), as a copy.
     *
     * @param l layer index in [0, {@link #depth()})
     * @return a new layer holding copies of layer l's weights and bias
     */
    public DenseLayer layer(int l) {
        LayerSpec spec = architecture.layer(l);
        int w = architecture.weightOffset(l);
        Matrix weights = Matrix.wrap(spec.inputs(), spec.outputs(),
                Arrays.copyOfRange(parameters, w, w + spec.inputs() * spec.outputs()));
        double[] bias = null;
        if (spec.bias()) {
            int b = architecture.biasOffset(l);
            bias = Arrays.copyOfRange(parameters, b, b + spec.outputs());
        }
        return new DenseLayer(weights, bias, spec.activation());
    }

    /**
     * All layers, as copies.
     *
     * @return a new list of {@link #depth()} new layers, input side first
     */
    public List<DenseLayer> layers() {
        List<DenseLayer> out = new ArrayList<>();
        for (int l = 0; l < depth(); l++) {
            out.add(layer(l));
        }
        return out;
    }

    /**
     * ŷ for each row of {@code x} (already scaled as the network expects).
     *
     * @param x scaled inputs, one row per example; not modified; may have 0 rows. A float32 network rounds them to
     *          float and computes in float ({@link FloatBackpropagation})
     * @return a new n x outputs matrix of the output layer's activations; a NaN input gives NaN in its row
     * @throws IllegalArgumentException if x does not have one column per network input
     * @throws dev.backprop.linalg.TooLargeException if the n x outputs result would not fit the heap or one array
     */
    public Matrix predict(Matrix x) {
        if (x.cols() != architecture.inputs()) {
            throw new IllegalArgumentException("the network takes " + architecture.inputs() + " inputs but x is "
                    + x.shape());
        }
        int n = x.rows();
        int outputs = architecture.outputs();
        long cells = MemoryBudget.times(n, outputs);
        String what = "predicting " + MemoryBudget.count(n) + " rows x " + MemoryBudget.count(outputs) + " outputs";
        MemoryBudget.heap().require(MemoryBudget.doubles(cells), what, "", "predict fewer rows at a time");
        double[] result = new double[MemoryBudget.arrayLength(cells, what)];
        double[] input = x.toArray();
        int capacity = Math.max(1, Math.min(n, PREDICT_CHUNK));
        if (precision == Precision.FLOAT32) {
            predictInFloat(input, n, capacity, result);
            return Matrix.wrap(n, outputs, result);
        }
        // Chunks bound the workspace: predicting a million rows must not need a million-row buffer per layer.
        Backpropagation pass = new Backpropagation(architecture, capacity);
        for (int start = 0; start < n; start += PREDICT_CHUNK) {
            int rows = Math.min(PREDICT_CHUNK, n - start);
            double[] yhat = pass.forward(parameters, input, start * architecture.inputs(), rows);
            System.arraycopy(yhat, 0, result, start * outputs, rows * outputs);
        }
        return Matrix.wrap(n, outputs, result);
    }

    /** {@link #predict} in float32: each chunk's inputs rounded to float once, ŷ widened back exactly. */
    private void predictInFloat(double[] input, int n, int capacity, double[] result) {
        int inputs = architecture.inputs();
        int outputs = architecture.outputs();
        float[] theta = FloatArrays.rounded(parameters);
        float[] chunk = new float[capacity * inputs];
        FloatBackpropagation pass = new FloatBackpropagation(architecture, capacity);
        for (int start = 0; start < n; start += PREDICT_CHUNK) {
            int rows = Math.min(PREDICT_CHUNK, n - start);
            float[] yhat = pass.forward(theta, FloatArrays.round(input, start * inputs, chunk, rows * inputs), 0, rows);
            for (int i = 0, at = start * outputs; i < rows * outputs; i++, at++) {
                result[at] = yhat[i];
            }
        }
    }

    /**
     * The network's loss J on scaled inputs and targets, as training computes it without regularization or dropout,
     * in chunks like {@link #predict} so a large data set needs no full-size workspace, and in the network's
     * {@link #precision()} (float32: inputs and targets rounded to float, the loss summed in double). Chunk losses are added for a
     * loss summed over rows (sse) and weighted by their rows for one averaged over rows (mse, cross-entropy).
     *
     * @param x scaled inputs, one row per example; not modified
     * @param y targets as the network's outputs see them, one row per example; not modified
     * @return J; 0 for no rows; NaN if an input or target is NaN
     * @throws IllegalArgumentException if the shapes do not fit the network or each other
     */
    public double loss(Matrix x, Matrix y) {
        if (x.cols() != architecture.inputs() || y.cols() != architecture.outputs() || x.rows() != y.rows()) {
            throw new IllegalArgumentException("the network maps " + architecture.inputs() + " inputs to "
                    + architecture.outputs() + " outputs but x is " + x.shape() + " and y is " + y.shape());
        }
        int n = x.rows();
        double[] input = x.toArray();
        double[] target = y.toArray();
        boolean mean = architecture.loss().meanOverRows();
        int capacity = Math.max(1, Math.min(n, PREDICT_CHUNK));
        Backpropagation pass = precision == Precision.FLOAT64 ? new Backpropagation(architecture, capacity) : null;
        FloatBackpropagation floatPass = pass == null ? new FloatBackpropagation(architecture, capacity) : null;
        float[] theta = pass == null ? FloatArrays.rounded(parameters) : null;
        int inputs = architecture.inputs();
        int outputs = architecture.outputs();
        float[] chunkX = pass == null ? new float[capacity * inputs] : null;
        float[] chunkY = pass == null ? new float[capacity * outputs] : null;
        double sum = 0.0;
        for (int start = 0; start < n; start += PREDICT_CHUNK) {
            int rows = Math.min(PREDICT_CHUNK, n - start);
            double j = pass != null
                    ? pass.loss(parameters, input, start * inputs, target, start * outputs, rows)
                    : floatPass.loss(theta, FloatArrays.round(input, start * inputs, chunkX, rows * inputs), 0,
                            FloatArrays.round(target, start * outputs, chunkY, rows * outputs), 0, rows);
            sum += mean ? j * rows : j;
        }
        return mean && n > 0 ? sum / n : sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && architecture.equals(n.architecture) && Arrays.equals(parameters, n.parameters)
                && precision == n.precision;
    }

    @Override
    public int hashCode() {
        return 31 * architecture.hashCode() + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "Network(" + architecture + ")";
    }
}
