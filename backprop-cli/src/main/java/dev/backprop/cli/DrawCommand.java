package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.NetworkDrawing;
import dev.backprop.cli.plot.Picture;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code backprop draw}: the network as the seed draws it, weights as edges. */
@Command(name = "draw", header = "Draw the network: nodes in columns, weights as edges.",
        description = {"Draw the network: input, hidden and output nodes in columns, labelled with column names;",
                "every weight an edge whose thickness shows |w| and whose colour its sign (blue +, red -).",
                "PNG or SVG, by FILE's extension."},
        footer = {"", "Example:", "  backprop draw --model model.json network.png"})
final class DrawCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The model to draw.")
    Path model;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the picture: .png or .svg.")
    Path file;

    @picocli.CommandLine.Mixin
    Pictures size;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        size.check();
        Picture.format(file);
        new FileRoles().input("--model", model).output("FILE", file).check(spec.commandLine());
        Model drawn = Inputs.model(model);
        NetworkDrawing.of(drawn, size.width, size.height).write(file);
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("out", file.toString());
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            spec.commandLine().getOut().printf("network drawn to %s%n", file);
        }
        return 0;
    }
}
