package dev.backprop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import dev.backprop.linalg.Matrix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an exported model in ONNX Runtime (an independent engine) on a frame's rows, fed as the sklearn-onnx
 * convention says a user would: one [N, 1] tensor per input column, double (NaN for missing) or string (the label,
 * "" for missing).
 */
final class OnnxRuntime implements AutoCloseable {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OnnxRuntime(byte[] model) throws OrtException {
        session = ENV.createSession(model, new OrtSession.SessionOptions());
    }

    /** The session's input names, in the graph's order. */
    List<String> inputs() {
        return List.copyOf(session.getInputNames());
    }

    /** The outputs of a model with a preprocessor, on the input columns of {@code frame}. */
    Outputs run(Frame frame, FeatureEncoder features) throws OrtException {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (int j = 0; j < features.columns().size(); j++) {
                Column column = frame.column(features.columns().get(j));
                int n = frame.rows();
                if (features.types().get(j) == ColumnType.NUMERIC) {
                    double[][] x = new double[n][1];
                    for (int i = 0; i < n; i++) {
                        x[i][0] = ((NumericColumn) column).value(i);
                    }
                    feeds.put(column.name(), OnnxTensor.createTensor(ENV, x));
                } else {
                    CategoricalColumn labels = column.toCategorical();
                    String[] x = new String[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = labels.isMissing(i) ? "" : labels.label(i);
                    }
                    feeds.put(column.name(), OnnxTensor.createTensor(ENV, x, new long[] {n, 1}));
                }
            }
            return run(feeds);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /** The outputs of a model without a preprocessor, on the n x inputs matrix {@code x}. */
    Outputs run(Matrix x) throws OrtException {
        double[][] rows = new double[x.rows()][x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                rows[i][j] = x.get(i, j);
            }
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENV, rows)) {
            return run(Map.of(OnnxExport.FEATURES, tensor));
        }
    }

    private Outputs run(Map<String, OnnxTensor> feeds) throws OrtException {
        try (OrtSession.Result result = session.run(feeds)) {
            Object predicted = result.get(OnnxExport.PREDICTED).orElseThrow().getValue();
            double[][] probabilities = result.get(OnnxExport.PROBABILITIES).map(OnnxRuntime::value)
                    .map(double[][].class::cast).orElse(null);
            return new Outputs(predicted, probabilities);
        }
    }

    private static Object value(OnnxValue v) {
        try {
            return v.getValue();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /**
     * What a run gives.
     *
     * @param predicted     String[] (classification) or double[][] (regression)
     * @param probabilities N x classes, or null for regression
     */
    record Outputs(Object predicted, double[][] probabilities) {
    }
}
