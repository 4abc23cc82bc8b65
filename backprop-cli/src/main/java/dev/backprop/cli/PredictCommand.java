package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Frame;
import dev.backprop.io.AtomicFiles;
import dev.backprop.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code backprop predict}: the model's prediction for each row of a data file. */
@Command(name = "predict", header = "Predict each row of a data file with a trained model.",
        description = {"Predict with a trained model. Columns are matched by name; a target column in DATA is ignored.",
                "Writes the columns training ignored (ids, so the predictions can be joined back) that DATA has, the "
                        + "model's input columns, and predicted_<target> (a number, or a class name) as CSV;",
                "with --proba, also one probability column per class."},
        footer = {"", "Examples:", "  backprop predict --model model.json new.csv",
                "  backprop predict --model iris.json data/iris.csv --proba --out predictions.csv"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA", description = "Rows to predict (CSV/TSV with a header, or ARFF).")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE.csv", description = "Write the CSV here instead of stdout.")
    Path out;

    @Option(names = "--drop-ignored", description = "Leave out the columns training ignored (--ignore, or left "
            + "out as identifiers); by default they are written first, as DATA has them.")
    boolean dropIgnored;

    @Option(names = "--proba", description = "Classification: add a probability column per class, proba_<class>.")
    boolean proba;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        new FileRoles().input("--model", model).input("DATA", data).output("--out", out).check(spec.commandLine());
        Model trained = Inputs.modelForData(model);
        // The ignored columns are copied to the output as text, so a numeric id is not rewritten as a number.
        Frame frame = Inputs.frame(data, dataOptions.readOptions().withMixedColumns(true).withVerbatim(
                trained.preprocessor() == null ? Set.of() : Set.copyOf(trained.preprocessor().ignored())));
        Predictions predictions = Predictions.of(trained, frame);
        Inputs.warnUnseen(spec.commandLine().getErr(), predictions.unseenCategories());
        List<Long> classless = predictions.classlessLines();
        if (!classless.isEmpty()) {
            spec.commandLine().getErr().printf("warning: the class probabilities are NaN for %d row%s (line%s %s): "
                    + "the inputs lie so far outside the training data's range that the network's sums overflowed; "
                    + "no class is predicted for %s%n", classless.size(), classless.size() == 1 ? "" : "s",
                    classless.size() == 1 ? "" : "s", lines(classless), classless.size() == 1 ? "it" : "them");
        }
        int skipped = predictions.skipped();
        if (skipped > 0) {
            spec.commandLine().getErr().printf("warning: %d row%s with missing values skipped (--missing drop)%n",
                    skipped, skipped == 1 ? "" : "s");
        }
        if (common.format() != OutputFormat.JSON || out != null) {
            predictions.csv(proba, !dropIgnored).answerColumns().forEach((plain, written) -> {
                if (!plain.equals(written)) {
                    spec.commandLine().getErr().printf("warning: %s's column %s is copied to the answer, so the "
                            + "answer's own %s is named %s%n", data, ColumnNames.quoted(plain),
                            ColumnNames.quoted(plain), ColumnNames.quoted(written));
                }
            });
        }
        if (out != null) {
            AtomicFiles.write(out, stream -> predictions.csv(proba, !dropIgnored).write(stream));
        }
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = predictions.json(proba);
            json.put("out", out == null ? null : out.toString());
            spec.commandLine().getOut().println(Json.write(json));
        } else if (out == null) {
            StringWriter text = new StringWriter();
            predictions.csv(proba, !dropIgnored).write(text);
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            spec.commandLine().getOut().printf("%d predictions written to %s%n", predictions.rows().length, out);
        }
        return 0;
    }

    /** The first five lines, then "..." if there are more. */
    private static String lines(List<Long> lines) {
        List<String> shown = new ArrayList<>();
        lines.stream().limit(5).forEach(line -> shown.add(Long.toString(line)));
        return String.join(", ", shown) + (lines.size() > 5 ? ", ..." : "");
    }
}
