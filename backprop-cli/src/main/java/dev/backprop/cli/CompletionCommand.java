package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Task;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Preset;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

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

    /** What each option that takes one of a few words completes to. */
    static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry("--optimizer", ids(OptimizerType.values(), OptimizerType::id)),
            Map.entry("--preset", ids(Preset.values(), preset -> preset.name().toLowerCase(Locale.ROOT))),
            Map.entry("--activation", ids(Activation.values(), Activation::id)),
            Map.entry("--output-activation", ids(Activation.values(), Activation::id)),
            Map.entry("--loss", ids(Loss.values(), Loss::id)),
            Map.entry("--scale", ids(ScalingMethod.values(), ScalingMethod::id)),
            Map.entry("--missing", ids(MissingPolicy.values(), MissingPolicy::id)),
            Map.entry("--task", ids(Task.values(), Task::id)),
            Map.entry("--format", ids(OutputFormat.values(), format -> format.name().toLowerCase(Locale.ROOT))),
            Map.entry("--data-format", List.of("csv", "tsv", "arff")),
            Map.entry("--kind", List.of("auto", "fit", "confusion", "surface", "roc", "pr")),
            Map.entry("--to", List.of("onnx")));

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), completing());
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

    /**
     * The command line for the completion generator only (never parsed with): options that take one of a few
     * words offer them ({@link #VALUES}), and options that name a file (their label says FILE or has an extension,
     * such as MODEL.json) complete file names.
     */
    static CommandLine completing() {
        CommandLine copy = Main.commandLine();
        complete(copy.getCommandSpec());
        return copy;
    }

    private static void complete(CommandSpec command) {
        for (OptionSpec option : List.copyOf(command.options())) {
            List<String> values = VALUES.get(option.longestName());
            String label = option.paramLabel();
            boolean file = option.arity().max() > 0 && option.type() == String.class
                    && (label.contains("FILE") || label.matches(".*\\.[a-z]+"));
            if (values != null || file) {
                // A new option of the same names: the generator reads only names, arity, type and candidates.
                OptionSpec.Builder rebuilt = OptionSpec.builder(option.names()).paramLabel(label)
                        .arity(option.arity().toString()).description(option.description());
                if (values != null) {
                    // The generator names each option's array of words after its label: one label per option.
                    rebuilt.completionCandidates(values).paramLabel(option.longestName().substring(2)
                            .toUpperCase(Locale.ROOT).replace('-', '_'));
                } else {
                    rebuilt.type(Path.class);
                }
                command.remove(option);
                command.addOption(rebuilt.build());
            }
        }
        for (CommandLine sub : command.subcommands().values()) {
            complete(sub.getCommandSpec());
        }
    }

    private static <T> List<String> ids(T[] values, Function<T, String> id) {
        List<String> out = new ArrayList<>();
        for (T value : values) {
            out.add(id.apply(value));
        }
        return out;
    }
}
