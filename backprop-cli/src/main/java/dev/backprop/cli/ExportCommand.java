package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.io.AtomicFiles;
import dev.backprop.model.Model;
import dev.backprop.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code backprop export}: a model file as a file another runtime reads (ONNX). */
@Command(name = "export", header = "Export a model for another runtime: the whole pipeline as one ONNX graph.",
        description = {"Write the model as one ONNX graph: one input per raw column (double, or string",
                "for a categorical one), then missing-value filling, one-hot encoding, scaling",
                "and every layer; outputs 'predicted' and, for classification, 'probabilities'.",
                "See docs/onnx.md."},
        footer = {"", "Example:", "  backprop export --model iris.json --out iris.onnx"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The model to export.")
    Path model;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "Where to write it.")
    Path out;

    @Option(names = "--to", paramLabel = "FORMAT", defaultValue = "onnx",
            description = "The exported file's format: onnx (the only one so far). Default: ${DEFAULT-VALUE}.")
    String to;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (!to.toLowerCase(Locale.ROOT).equals("onnx")) {
            throw new ParameterException(spec.commandLine(), "--to must be onnx but was '" + to + "'");
        }
        new FileRoles().input("--model", model).output("--out", out).check(spec.commandLine());
        Model exported = Inputs.model(model);
        byte[] bytes;
        try {
            bytes = OnnxExport.of(exported).toByteArray();
        } catch (IllegalArgumentException e) {
            throw new UserException(model + ": " + e.getMessage());
        }
        AtomicFiles.write(out, stream -> stream.write(bytes));
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("out", out.toString());
            json.put("format", "onnx");
            json.put("bytes", bytes.length);
            json.put("opset", OnnxExport.OPSET);
            json.put("irVersion", OnnxExport.IR_VERSION);
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            spec.commandLine().getOut().printf("model exported to %s (ONNX, opset %d, IR version %d)%n", out,
                    OnnxExport.OPSET, OnnxExport.IR_VERSION);
        }
        return 0;
    }
}
