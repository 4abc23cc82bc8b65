package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.Frame;
import dev.backprop.data.Prepared;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.BinaryCurves;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.metrics.RegressionMetrics;
import dev.backprop.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code backprop evaluate}: how well a model fits a labelled data file. */
@Command(name = "evaluate", header = "Score a model on labelled data (regression or classification metrics).",
        description = {"Score a model on labelled data. Always: the loss J on the scaled data, as training computes it.",
                "Regression: MSE, RMSE, MAE and R^2 in the target's own units.",
                "Classification: accuracy, per-class precision, recall and F1, the confusion matrix, log loss;",
                "with two classes, --format json adds the ROC and precision-recall curves with their areas.",
                "A class the model never saw in training gets its own row, and every row holding it is an error."},
        footer = {"", "Example:", "  backprop evaluate --model model.json test.csv"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labelled rows (CSV/TSV with a header, or ARFF).")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    CommonOptions common;

    /**
     * A classifier's rows whose probabilities are NaN (inputs far outside the training range overflowed the network's
     * sums) have no most probable class: {@link ClassificationMetrics} counts each as an error that predicts no class.
     * Says so, with how many, and that a two-class model's curves, which rank every row's score, are left out.
     */
    private void warnUnanswered(ClassificationMetrics metrics, boolean twoClasses) {
        long rows = metrics.unansweredRows();
        if (rows > 0) {
            spec.commandLine().getErr().printf("warning: the class probabilities are NaN for %d row%s (the inputs lie "
                    + "so far outside the training data's range that the network's sums overflowed): the scores count "
                    + "%s as an error that predicts no class%s%n", rows, rows == 1 ? "" : "s",
                    rows == 1 ? "it" : "each", twoClasses ? "; the ROC and precision-recall curves are left out" : "");
        }
    }

    /**
     * A regression model's rows whose predictions are infinite or NaN (inputs far outside the training range
     * overflowed the network's sums) make every mean over the rows the same. Says so, with how many.
     */
    private void warnNotFinite(Matrix predicted) {
        int rows = RegressionMetrics.notFiniteRows(predicted);
        if (rows > 0) {
            spec.commandLine().getErr().printf("warning: the predictions are not finite numbers for %d row%s (the "
                    + "inputs lie so far outside the training data's range that the network's sums overflowed), so "
                    + "the scores over all rows are not either%n", rows, rows == 1 ? "" : "s");
        }
    }

    @Override
    public Integer call() throws IOException {
        Model trained = Inputs.modelForData(model);
        Frame frame = Inputs.modelFrame(data, dataOptions);
        Prepared prepared = ModelData.labelled(trained, frame, "evaluate", spec.commandLine().getErr());
        Matrix x = prepared.dataset().x();
        Matrix predicted = trained.predict(x);
        double loss = scaledLoss(trained, prepared);
        ObjectNode json = Json.object();
        json.put("rows", x.rows());
        json.put("task", trained.task().id());
        json.put("lossFunction", trained.network().loss().id());
        json.put("loss", loss);
        json.put("unseenClassRows", prepared.unseenClasses());
        StringBuilder text = new StringBuilder();
        text.append(String.format("rows      %d%n", x.rows()));
        // A row of a class the model never saw has an all-zero target, so adds 0 to J (unlike the log loss): say so.
        int unseen = prepared.unseenClasses();
        String without = unseen == 0 ? "" : String.format("; the %d row%s of unseen classes add%s 0", unseen,
                unseen == 1 ? "" : "s", unseen == 1 ? "s" : "");
        text.append(String.format("loss      %s (%s, on scaled data%s)%n", Text.number(loss),
                trained.network().loss().id(), without));
        if (ModelData.classification(trained)) {
            ClassificationMetrics metrics = ClassificationMetrics.of(trained.classes(), predicted,
                    ModelData.actualClasses(trained, frame, prepared));
            classification(metrics, json, text);
            BinaryCurves curves = ModelData.binaryCurves(trained, frame, prepared, predicted);
            warnUnanswered(metrics, trained.classes().size() == 2);
            if (curves != null) {
                curves(curves, trained.classes().get(1), json);
            }
        } else {
            warnNotFinite(predicted);
            regression(trained.targets(), predicted, prepared.dataset().y(), json, text);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(common.format() == OutputFormat.JSON ? Json.write(json) + System.lineSeparator() : text);
        return 0;
    }

    /** MSE, RMSE, MAE and R² of one target, or {@link #severalTargets} in a table. */
    private static void regression(List<String> names, Matrix predicted, Matrix actual, ObjectNode json,
                                   StringBuilder text) {
        if (names.size() > 1) {
            severalTargets(names, predicted, actual, json, text);
            return;
        }
        RegressionMetrics metrics = RegressionMetrics.of(predicted, actual);
        json.put("mse", metrics.mse());
        json.put("rmse", metrics.rmse());
        json.put("mae", metrics.mae());
        json.put("r2", metrics.r2());
        text.append(String.format("MSE       %s%nRMSE      %s%nMAE       %s%nR^2       %s%n",
                Text.number(metrics.mse()), Text.number(metrics.rmse()), Text.number(metrics.mae()),
                Text.number(metrics.r2())));
    }

    /** Each target's metrics in its own units: a table in text, {@code "targets": [{"name", "mse", ...}]} in JSON. */
    private static void severalTargets(List<String> names, Matrix predicted, Matrix actual, ObjectNode json,
                                       StringBuilder text) {
        ArrayNode targets = json.putArray("targets");
        List<List<String>> rows = new ArrayList<>();
        for (int t = 0; t < names.size(); t++) {
            RegressionMetrics metrics = RegressionMetrics.of(ModelData.column(predicted, t),
                    ModelData.column(actual, t));
            ObjectNode node = targets.addObject();
            node.put("name", names.get(t));
            node.put("mse", metrics.mse());
            node.put("rmse", metrics.rmse());
            node.put("mae", metrics.mae());
            node.put("r2", metrics.r2());
            rows.add(List.of(names.get(t), Text.number(metrics.mse()), Text.number(metrics.rmse()),
                    Text.number(metrics.mae()), Text.number(metrics.r2())));
        }
        text.append(System.lineSeparator());
        text.append(Text.table(List.of("target", "MSE", "RMSE", "MAE", "R^2"), rows));
    }

    private static void classification(ClassificationMetrics metrics, ObjectNode json, StringBuilder text) {
        json.put("accuracy", metrics.accuracy());
        json.put("balancedAccuracy", metrics.balancedAccuracy());
        json.put("macroF1", metrics.macroF1());
        json.put("logLoss", metrics.logLoss());
        json.put("unansweredRows", metrics.unansweredRows());
        ArrayNode unseen = json.putArray("unseenClasses");
        metrics.unseenClasses().forEach(unseen::add);
        ArrayNode classes = json.putArray("classes");
        List<String> names = metrics.classes();
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            long support = metrics.support(c);
            ObjectNode node = classes.addObject();
            node.put("name", names.get(c));
            node.put("precision", metrics.precision()[c]);
            node.put("recall", metrics.recall()[c]);
            node.put("f1", metrics.f1()[c]);
            node.put("support", support);
            rows.add(List.of(names.get(c), fixed(metrics.precision()[c]), fixed(metrics.recall()[c]),
                    fixed(metrics.f1()[c]), Long.toString(support)));
        }
        ObjectNode confusion = json.putObject("confusionMatrix");
        ArrayNode labels = confusion.putArray("labels");
        names.forEach(labels::add);
        ArrayNode counts = confusion.putArray("counts");
        for (long[] row : metrics.confusion()) {
            ArrayNode r = counts.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        ArrayNode unanswered = confusion.putArray("unanswered");
        for (long v : metrics.unanswered()) {
            unanswered.add(v);
        }
        text.append(String.format("accuracy  %s%nlog loss  %s%nmacro F1  %s%n%n", fixed(metrics.accuracy()),
                Text.number(metrics.logLoss()), fixed(metrics.macroF1())));
        text.append(Text.table(List.of("class", "precision", "recall", "F1", "support"), rows));
        if (!metrics.unseenClasses().isEmpty()) {
            text.append(String.format("not seen in training, so never predicted and every row an error: %s%n",
                    String.join(", ", metrics.unseenClasses())));
        }
        text.append(String.format("%nconfusion matrix (rows: actual, columns: predicted%s)%n",
                metrics.unansweredRows() > 0 ? "; (none): NaN probabilities, no class predicted" : ""));
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(names);
        if (metrics.unansweredRows() > 0) {
            header.add("(none)");
        }
        List<List<String>> matrix = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            List<String> row = new ArrayList<>();
            row.add(names.get(c));
            for (long v : metrics.confusion()[c]) {
                row.add(Long.toString(v));
            }
            if (metrics.unansweredRows() > 0) {
                row.add(Long.toString(metrics.unanswered()[c]));
            }
            matrix.add(row);
        }
        text.append(Text.table(header, matrix));
    }

    /**
     * The ROC and precision-recall curves as JSON: each point's threshold (null for the ROC's first, above every
     * score), rates, precision and recall, with the areas.
     */
    private static void curves(BinaryCurves curves, String positiveClass, ObjectNode json) {
        json.put("positiveClass", positiveClass);
        ObjectNode roc = json.putObject("roc");
        roc.put("auc", curves.rocAuc());
        array(roc.putArray("thresholds"), curves.rocThresholds());
        array(roc.putArray("falsePositiveRate"), curves.falsePositiveRate());
        array(roc.putArray("truePositiveRate"), curves.truePositiveRate());
        ObjectNode pr = json.putObject("precisionRecall");
        pr.put("averagePrecision", curves.averagePrecision());
        array(pr.putArray("thresholds"), curves.prThresholds());
        array(pr.putArray("precision"), curves.precision());
        array(pr.putArray("recall"), curves.recall());
    }

    private static void array(ArrayNode node, double[] values) {
        for (double v : values) {
            if (Double.isInfinite(v)) {
                node.addNull();
            } else {
                node.add(v);
            }
        }
    }

    private static String fixed(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** J as training computes it: the model's loss on the scaled inputs and targets. */
    static double scaledLoss(Model model, Prepared prepared) {
        Matrix[] scaled = ModelData.scaled(model, prepared);
        return model.network().loss(scaled[0], scaled[1]);
    }
}
