package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.Charts;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.train.TrainerConfig;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code backprop studio}'s page draws, as JSON: the losses so far, the network's weights and last gradient, and
 * the fit (the learned surface or decision regions for two inputs; predicted against actual, or the confusion
 * matrix, for more). The page only draws; every number is computed here.
 */
final class StudioViews {
    /** Cells along each side of the surface's grid. */
    static final int GRID = 80;
    /** The most data points drawn on the surface or the fit plot (an even sample beyond it). */
    static final int POINTS = 400;
    /** The most rows the confusion matrix counts (an even sample beyond it). */
    static final int CONFUSION_ROWS = 5000;

    private StudioViews() {
    }

    /**
     * The page's state: status, the losses from epoch {@code from} (0-based) on, the network and the fit.
     *
     * @param rowsPerSecond rows pushed through updates per second lately
     */
    static ObjectNode state(StudioSnapshot s, Dataset data, int from, double rowsPerSecond, int[] plane) {
        ObjectNode json = Json.object();
        json.put("version", s.version());
        json.put("status", s.status());
        json.put("paused", s.paused());
        json.put("epoch", s.losses().length);
        json.put("updates", s.updates());
        json.put("updatesPerEpoch", s.batchesPerEpoch());
        json.put("rowsPerSecond", Math.round(rowsPerSecond));
        json.put("stoppingRule", stoppingRule(s.config()));
        json.put("learningRate", s.config().learningRate());
        json.put("optimizer", s.config().optimizer().id());
        json.put("seed", s.config().seed());
        json.put("pace", s.epochsPerSecond());
        json.put("architecture", s.model().network().architecture().toString());
        json.put("loss", s.model().network().loss().id());
        json.put("from", from);
        ArrayNode training = json.putArray("losses");
        ArrayNode validation = json.putArray("validationLosses");
        for (int e = from; e < s.losses().length; e++) {
            training.add(s.losses()[e]);
            if (Double.isFinite(s.validationLosses()[e])) {
                validation.add(s.validationLosses()[e]);
            }
        }
        json.set("network", network(s.model(), s.gradient()));
        json.set("view", view(s.model(), data, plane));
        return json;
    }

    /** The rules that will end the run, in words. */
    static String stoppingRule(TrainerConfig config) {
        StringBuilder rule = new StringBuilder("stops after " + config.maxEpochs() + " epochs");
        if (config.tolerance() > 0) {
            rule.append(", or once no weight moves by more than ").append(Text.number(config.tolerance()))
                    .append(" in an epoch");
        }
        if (config.patience() > 0) {
            rule.append(", or after ").append(config.patience()).append(" epochs without the ")
                    .append(config.validationFraction() > 0 ? "validation" : "training").append(" loss improving");
        }
        return rule.toString();
    }

    /** Layer sizes, and each layer's weights, biases and their last gradients, row-major (inputs x outputs). */
    static ObjectNode network(Model model, double[] gradient) {
        Architecture architecture = model.network().architecture();
        double[] theta = model.network().parameters();
        ObjectNode json = Json.object();
        ArrayNode sizes = json.putArray("sizes");
        sizes.add(architecture.inputs());
        ArrayNode layers = json.putArray("layers");
        for (int l = 0; l < architecture.depth(); l++) {
            int in = architecture.layer(l).inputs();
            int out = architecture.layer(l).outputs();
            sizes.add(out);
            ObjectNode layer = layers.addObject();
            layer.put("activation", architecture.layer(l).activation().id());
            layer.set("w", slice(theta, architecture.weightOffset(l), in * out));
            layer.set("dw", slice(gradient, architecture.weightOffset(l), in * out));
            if (architecture.layer(l).bias()) {
                layer.set("b", slice(theta, architecture.biasOffset(l), out));
                layer.set("db", slice(gradient, architecture.biasOffset(l), out));
            }
        }
        ArrayNode inputs = json.putArray("inputs");
        model.inputs().forEach(inputs::add);
        ArrayNode outputs = json.putArray("outputs");
        model.outputs().forEach(outputs::add);
        return json;
    }

    /**
     * The fit: "surface" for two inputs, or over the two inputs {@code plane} names (the others held at their means);
     * otherwise "fit" (regression) or "confusion" (classification).
     *
     * @param plane two distinct input indices, or null
     */
    static ObjectNode view(Model model, Dataset data, int[] plane) {
        boolean classify = ModelData.classification(model);
        int m = model.inputs().size();
        if (m == 2) {
            return surface(model, data, classify, new int[] {0, 1});
        }
        if (plane != null && plane.length == 2 && plane[0] != plane[1] && plane[0] >= 0 && plane[1] >= 0
                && plane[0] < m && plane[1] < m) {
            return surface(model, data, classify, plane);
        }
        return classify ? confusion(model, data) : fit(model, data);
    }

    private static ObjectNode surface(Model model, Dataset data, boolean classify, int[] plane) {
        Matrix x = data.x();
        int m = x.cols();
        double[] means = new double[m];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < m; j++) {
                means[j] += x.get(i, j) / x.rows();
            }
        }
        double[] low = new double[2];
        double[] high = new double[2];
        for (int c = 0; c < 2; c++) {
            low[c] = Double.POSITIVE_INFINITY;
            high[c] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.rows(); i++) {
                low[c] = Math.min(low[c], x.get(i, plane[c]));
                high[c] = Math.max(high[c], x.get(i, plane[c]));
            }
            double pad = high[c] > low[c] ? 0.05 * (high[c] - low[c]) : 0.5;
            low[c] -= pad;
            high[c] += pad;
        }
        double[] cellCentres = new double[GRID * GRID * m];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                int at = (r * GRID + c) * m;
                System.arraycopy(means, 0, cellCentres, at, m);
                cellCentres[at + plane[0]] = low[0] + (c + 0.5) * (high[0] - low[0]) / GRID;
                cellCentres[at + plane[1]] = low[1] + (r + 0.5) * (high[1] - low[1]) / GRID;
            }
        }
        Matrix grid = Matrix.wrap(GRID * GRID, m, cellCentres);
        Matrix predicted = model.predict(grid);
        ObjectNode json = Json.object();
        json.put("kind", "surface");
        json.put("classify", classify);
        json.put("grid", GRID);
        json.put("xName", model.inputs().get(plane[0]));
        json.put("yName", model.inputs().get(plane[1]));
        json.put("othersAtMeans", m > 2);
        json.put("target", model.target());
        json.set("low", Json.vector(low));
        json.set("high", Json.vector(high));
        // A cell whose sums overflowed has no class (-1) or no value (null): the page paints it grey.
        ArrayNode cells = json.putArray("cells");
        for (int k = 0; k < grid.rows(); k++) {
            if (classify) {
                cells.add(ClassificationMetrics.answered(predicted, k) ? ClassificationMetrics.argmax(predicted, k) : -1);
            } else if (Double.isFinite(predicted.get(k, 0))) {
                cells.add(predicted.get(k, 0));
            } else {
                cells.addNull();
            }
        }
        ArrayNode points = json.putArray("points");
        int step = Math.max(1, (x.rows() + POINTS - 1) / POINTS);
        for (int i = 0; i < x.rows(); i += step) {
            ArrayNode point = points.addArray();
            point.add(x.get(i, plane[0])).add(x.get(i, plane[1]));
            point.add(classify ? ClassificationMetrics.argmax(data.y(), i) : data.y().get(i, 0));
        }
        classes(json, model, classify);
        return json;
    }

    private static ObjectNode fit(Model model, Dataset data) {
        int step = Math.max(1, (data.x().rows() + POINTS - 1) / POINTS);
        Matrix sample = rows(data.x(), step);
        Matrix predicted = model.predict(sample);
        ObjectNode json = Json.object();
        json.put("kind", "fit");
        json.put("target", model.target());
        ArrayNode points = json.putArray("points");
        double sum = 0;
        for (int i = 0; i < sample.rows(); i++) {
            sum += data.y().get(i * step, 0);
        }
        double mean = sum / Math.max(1, sample.rows());
        double residual = 0;
        double total = 0;
        int notFinite = 0;
        for (int i = 0; i < sample.rows(); i++) {
            double actual = data.y().get(i * step, 0);
            double guess = predicted.get(i, 0);
            if (!Double.isFinite(guess)) {
                notFinite++;
                continue;
            }
            points.addArray().add(actual).add(guess);
            residual += (actual - guess) * (actual - guess);
            total += (actual - mean) * (actual - mean);
        }
        json.put("r2", total > 0 && notFinite == 0 ? 1 - residual / total : Double.NaN);
        json.put("notFinite", notFinite);
        json.put("sampled", step > 1);
        return json;
    }

    private static ObjectNode confusion(Model model, Dataset data) {
        int step = Math.max(1, (data.x().rows() + CONFUSION_ROWS - 1) / CONFUSION_ROWS);
        Matrix sample = rows(data.x(), step);
        Matrix predicted = model.predict(sample);
        int k = model.classes().size();
        long[][] counts = new long[k][k];
        int unanswered = 0;
        for (int i = 0; i < sample.rows(); i++) {
            if (!ClassificationMetrics.answered(predicted, i)) {
                unanswered++;
                continue;
            }
            counts[ClassificationMetrics.argmax(data.y(), i * step)][ClassificationMetrics.argmax(predicted, i)]++;
        }
        ObjectNode json = Json.object();
        json.put("kind", "confusion");
        json.put("target", model.target());
        ArrayNode matrix = json.putArray("counts");
        for (long[] row : counts) {
            ArrayNode r = matrix.addArray();
            for (long c : row) {
                r.add(c);
            }
        }
        json.put("sampled", step > 1);
        json.put("unanswered", unanswered);
        classes(json, model, true);
        return json;
    }

    /** The class names and each one's colour, as {@code plot} draws it ({@link Charts#classColour}). */
    private static void classes(ObjectNode json, Model model, boolean classify) {
        ArrayNode names = json.putArray("classes");
        ArrayNode colours = json.putArray("colours");
        if (classify) {
            List<String> classes = model.classes();
            classes.forEach(names::add);
            for (int c = 0; c < classes.size(); c++) {
                colours.add(String.format(Locale.ROOT, "#%06x", Charts.classColour(c).getRGB() & 0xffffff));
            }
        }
    }

    /** Every {@code step}-th row of m. */
    private static Matrix rows(Matrix m, int step) {
        int n = (m.rows() + step - 1) / step;
        double[] out = new double[n * m.cols()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[i * m.cols() + j] = m.get(i * step, j);
            }
        }
        return Matrix.wrap(n, m.cols(), out);
    }

    /** flat[offset, offset + length) to float precision: the page draws and hovers them with 4 digits. */
    private static ArrayNode slice(double[] flat, int offset, int length) {
        ArrayNode out = Json.object().arrayNode(length);
        for (int i = 0; i < length; i++) {
            out.add((float) flat[offset + i]);
        }
        return out;
    }

    /**
     * The seed's walkthrough of the next gradient-descent step from the model's weights, on all rows of the data as
     * {@code explain --model} reads them: the same {@link GradientWalk} that {@code explain} prints.
     */
    static ObjectNode walkthrough(Model model, Frame frame, PrintWriter warnings,
                                  double learningRate) {
        Matrix[] scaled = ModelData.scaled(model, ModelData.labelled(model, frame, "studio", warnings));
        GradientWalk.Step step = GradientWalk.step(1, model.network().architecture(),
                model.network().parameters(), scaled[0], scaled[1], learningRate, model.network().precision());
        ObjectNode json = Json.object();
        json.put("learningRate", learningRate);
        json.put("rows", scaled[0].rows());
        json.put("loss", step.loss());
        json.put("lossAfterStep", step.lossAfter());
        ExplainCommand.putMatrices(json, step);
        return json;
    }
}
