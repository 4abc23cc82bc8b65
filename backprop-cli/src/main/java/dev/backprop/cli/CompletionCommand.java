package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.OutputFormat;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code backprop generate-completion}: the bash/zsh completion script, from picocli's generator, as a command that
 * takes the common options like every other (picocli's own generator command ignores options it does not know).
 */
@Command(name = "generate-completion",
        header = "Print a bash/zsh completion script for backprop.",
        description = {"Print a bash/zsh completion script for backprop on stdout; source it, for instance from",
                "~/.bashrc. With --format json: {\"shell\": \"bash\", \"script\": \"...\"}."},
        footer = {"", "Example:", "  backprop generate-completion > backprop-completion.sh"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("shell", "bash");
            json.put("script", script);
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            spec.commandLine().getOut().print(script);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
