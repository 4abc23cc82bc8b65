package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Dataset;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Table;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Model;
import dev.backprop.nn.Network;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code backprop train}: fits a network to a data file (or the seed's bundled example) and writes the model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network on DATA.csv and write the model file.",
                "Without DATA, trains the seed's own example (hours of sleep and study against test score) on the "
                        + "seed's network: 2-3-1, sigmoid, no bias, loss sse, full-batch gradient descent."},
        footer = {"", "Examples:", "  backprop train", "  backprop train data.csv --target price --hidden 8,4 --out price.json",
                "  backprop train scaled.csv --init start.json --scale none --epochs 1000 --tolerance 0"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA.csv",
            description = "Training data: CSV with a header row and numeric columns. Default: the bundled example.")
    Path data;

    @Option(names = "--target", paramLabel = "COL", description = "The column to predict. Default: the last column.")
    String target;

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]",
            description = "Sizes of the hidden layers, input side first. Default: 3.")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "F",
            description = "Hidden-layer activation: sigmoid, tanh, relu, leaky-relu, linear. Default: sigmoid.")
    String activation;

    @Option(names = "--output-activation", paramLabel = "F",
            description = "Output activation: sigmoid, linear, softmax (with categorical-cross-entropy). Default: sigmoid.")
    String outputActivation;

    @Option(names = "--bias", negatable = true, description = "Give every layer a bias vector. Default: --no-bias (the seed).")
    Boolean bias;

    @Option(names = "--loss", paramLabel = "L",
            description = "sse (the seed's sum of 1/2 (y - yhat)^2), mse (sse / rows), binary-cross-entropy "
                    + "(sigmoid output), categorical-cross-entropy (softmax output). Default: sse.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "gd",
            description = "gd (full-batch gradient descent, W <- W - eta dJ/dW), sgd, momentum, nesterov, adam "
                    + "(mini-batches), lbfgs, bfgs (full batch, line search). Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = {"--learning-rate", "--eta"}, paramLabel = "ETA",
            description = "Learning rate eta (> 0). Default: the optimizer's (gd 1, sgd/momentum/nesterov 0.01, adam 0.001).")
    Double learningRate;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Rows per update. Default: all rows for gd, lbfgs, bfgs; min(200, rows) for the others.")
    Integer batchSize;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "mu of momentum and nesterov, in [0, 1). Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant",
            description = "Learning-rate schedule: constant, step[:FACTOR:EVERY], exponential[:FACTOR], "
                    + "plateau[:FACTOR:PATIENCE[:MIN]]. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0",
            description = "L2 penalty: J/n + lambda/2 * sum of squared weights (biases not penalised). Default: 0.")
    double l2;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Drop each hidden unit with probability P while training (inverted dropout), in [0, 1). "
                    + "Default: 0.")
    double dropout;

    @Option(names = "--validation", paramLabel = "FRACTION", defaultValue = "0",
            description = "Hold out this fraction of rows (seeded) and keep the weights of the best validation "
                    + "epoch, in [0, 1). Default: 0.")
    double validation;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop when the validation loss (training loss without --validation) has not improved "
                    + "for N epochs; 0 never. Default: 0.")
    int patience;

    @Option(names = "--epochs", paramLabel = "MAX", defaultValue = "10000",
            description = "Most updates to make. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--tolerance", paramLabel = "TOL", defaultValue = "1e-6",
            description = "Stop once no weight changes by more than TOL in an update (0: never). Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--scale", paramLabel = "METHOD", defaultValue = "minmax",
            description = "Input and target scaling: minmax (to [0,1]), max (divide by the column maximum), none. "
                    + "Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the initial weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--init", paramLabel = "MODEL.json",
            description = "Start from this model file's architecture and weights instead of random ones.")
    Path init;

    @Option(names = {"--out", "-o"}, paramLabel = "MODEL.json", defaultValue = "model.json",
            description = "Where to write the model. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--plot-loss", paramLabel = "FILE",
            description = "Also draw the loss of every epoch to FILE (.png or .svg).")
    Path plotLoss;

    @Option(names = "--log-scale", description = "With --plot-loss: a logarithmic loss axis.")
    boolean logScale;

    @Option(names = {"--quiet", "-q"}, description = "No progress while training.")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        Model initial = init == null ? null : Inputs.model(init);
        if (initial != null && (hidden != null || activation != null || bias != null)) {
            throw new UserException("--hidden, --activation and --bias cannot be combined with --init: "
                    + "the model file decides the architecture");
        }
        if (plotLoss != null) {
            parse(() -> dev.backprop.cli.plot.Picture.format(plotLoss));
        }
        TrainerConfig config = config();
        Table table = Inputs.table(data);
        Dataset dataset = table.toDataset(targetColumn(table, initial));
        TrainingResult result;
        Interruption.install();
        try (Progress progress = quiet ? null : Progress.on(spec.commandLine().getErr())) {
            Trainer trainer = Trainer.of(config).withListener(new Watch(progress));
            if (initial == null) {
                result = trainer.train(dataset);
            } else {
                result = trainer.train(matchInputs(table, dataset, initial), startingNetwork(initial));
            }
        }
        ModelFile.write(result.model(), out);
        if (plotLoss != null) {
            double[] validationHistory = result.validationLossHistory();
            dev.backprop.cli.plot.Picture.of(dev.backprop.cli.plot.Charts.loss(result.lossHistory(),
                    validationHistory.length > 0 ? validationHistory : null,
                    result.model().network().loss().id(), logScale), 800, 500).write(plotLoss);
        }
        report(result, dataset, table);
        if (result.stopReason() == dev.backprop.train.StopReason.INTERRUPTED) {
            spec.commandLine().getErr().printf("interrupted by %s after %d epochs: the model so far is in %s; "
                    + "continue from it with --init %s%n", Interruption.signalName(), result.epochs(), out, out);
            spec.commandLine().getErr().flush();
            return Interruption.exitCode();
        }
        if (result.stopReason() == dev.backprop.train.StopReason.DIVERGED) {
            throw new TrainingFailedException("training diverged: the loss became infinite or NaN in epoch "
                    + result.epochs() + "; the last weights with a finite loss were written to " + out
                    + "; try a smaller --learning-rate or --scale minmax");
        }
        return 0;
    }

    /** Shows progress (unless quiet) and stops the run when a signal arrived. */
    private static final class Watch implements dev.backprop.train.TrainingListener {
        private final Progress progress;

        Watch(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
            if (progress != null) {
                progress.trainingStarted(maxEpochs, rows, batchesPerEpoch);
            }
        }

        @Override
        public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
            if (progress != null) {
                progress.epochEnded(epoch, trainingLoss, validationLoss, learningRate);
            }
        }

        @Override
        public boolean stopRequested() {
            return Interruption.requested();
        }
    }

    private TrainerConfig config() {
        TrainerConfig.Builder builder = TrainerConfig.builder()
                .optimizer(parse(() -> OptimizerType.fromId(optimizer)))
                .maxEpochs(epochs).tolerance(tolerance).seed(seed)
                .scaling(parse(() -> ScalingMethod.fromId(scale)))
                .momentum(momentum).schedule(parse(() -> LearningRateSchedule.parse(schedule)))
                .l2(l2).dropout(dropout).validationFraction(validation).patience(patience);
        if (learningRate != null) {
            builder.learningRate(learningRate);
        }
        if (batchSize != null) {
            builder.batchSize(batchSize);
        }
        if (outputActivation != null) {
            builder.output(parse(() -> Activation.fromId(outputActivation)));
        }
        if (hidden != null) {
            builder.hidden(hidden);
        }
        if (activation != null) {
            builder.activation(parse(() -> Activation.fromId(activation)));
        }
        if (bias != null) {
            builder.bias(bias);
        }
        if (loss != null) {
            builder.loss(parse(() -> Loss.fromId(loss)));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UserException(optionName(e.getMessage()));
        }
    }

    /** Turns the core's field names in a validation message into the option a user typed. */
    private static String optionName(String message) {
        return message.replace("learningRate", "--learning-rate").replace("maxEpochs", "--epochs")
                .replace("tolerance", "--tolerance").replace("hidden layer sizes", "--hidden sizes")
                .replace("batchSize", "--batch-size").replace("validationFraction", "--validation")
                .replace("momentum must", "--momentum must").replace("l2 must", "--l2 must")
                .replace("dropout must", "--dropout must").replace("patience must", "--patience must");
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private String targetColumn(Table table, Model initial) {
        if (target != null) {
            return target;
        }
        if (initial != null && initial.outputs().size() == 1 && table.indexOf(initial.outputs().get(0)) >= 0) {
            return initial.outputs().get(0);
        }
        return table.columns().get(table.columns().size() - 1);
    }

    /** Orders the inputs as the model file names them when it names columns of this file; otherwise keeps file order. */
    private static Dataset matchInputs(Table table, Dataset dataset, Model initial) {
        boolean named = initial.inputs().stream().allMatch(name -> table.indexOf(name) >= 0);
        if (!named) {
            return dataset;
        }
        Matrix x = table.select(initial.inputs());
        return new Dataset(initial.inputs(), dataset.targetNames(), x, dataset.y());
    }

    private Network startingNetwork(Model initial) {
        Network network = initial.network();
        if (loss == null) {
            return network;
        }
        return Network.of(network.layers(), parse(() -> Loss.fromId(loss)));
    }

    private void report(TrainingResult result, Dataset dataset, Table table) {
        PrintWriter stdout = spec.commandLine().getOut();
        Model model = result.model();
        if (format == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("stopReason", result.stopReason().id());
            json.put("epochs", result.epochs());
            json.put("finalLoss", result.finalLoss());
            json.put("bestEpoch", result.bestEpoch());
            double[] validationHistory = result.validationLossHistory();
            if (validationHistory.length > 0) {
                json.put("bestValidationLoss", validationHistory[result.bestEpoch() - 1]);
            }
            json.put("loss", model.network().loss().id());
            json.put("architecture", model.network().architecture().toString());
            json.put("parameters", model.network().architecture().parameterCount());
            json.put("rows", dataset.rows());
            json.put("out", out.toString());
            json.put("lossPlot", plotLoss == null ? null : plotLoss.toString());
            stdout.println(Json.write(json));
            return;
        }
        stdout.printf("trained %s (%d parameters) on %d rows of %s%n", model.network().architecture(),
                model.network().architecture().parameterCount(), dataset.rows(),
                data == null ? Inputs.EXAMPLE_NAME : data.toString());
        stdout.printf("stopped: %s after %d epochs, J = %s%n", describe(result), result.epochs(),
                Text.number(result.finalLoss()));
        stdout.print(predictionTable(model, dataset));
        stdout.printf("model written to %s%n", out);
        if (plotLoss != null) {
            stdout.printf("loss plot written to %s%n", plotLoss);
        }
    }

    private static String describe(TrainingResult result) {
        return switch (result.stopReason()) {
            case CONVERGED -> "converged (weights stopped changing)";
            case MAX_EPOCHS -> "epoch limit reached";
            case EARLY_STOPPING -> "early stopping (validation loss stopped improving; kept epoch "
                    + result.bestEpoch() + ")";
            case NO_IMPROVEMENT -> "training loss stopped improving";
            case INTERRUPTED -> "interrupted";
            case DIVERGED -> "diverged (the loss became infinite or NaN; kept the last weights with a finite loss)";
        };
    }

    /** The first rows' inputs and targets beside the predictions, in the data's own units. */
    static String predictionTable(Model model, Dataset dataset) {
        int shown = Math.min(dataset.rows(), 10);
        Matrix predicted = model.predict(dataset.x());
        List<String> header = new ArrayList<>(dataset.inputNames());
        header.addAll(dataset.targetNames());
        dataset.targetNames().forEach(name -> header.add("predicted_" + name));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            List<String> row = new ArrayList<>();
            for (double v : dataset.x().row(i)) {
                row.add(Text.number(v));
            }
            for (double v : dataset.y().row(i)) {
                row.add(Text.number(v));
            }
            for (double v : predicted.row(i)) {
                row.add(String.format(java.util.Locale.ROOT, "%.2f", v));
            }
            rows.add(row);
        }
        String table = Text.table(header, rows);
        return dataset.rows() > shown ? table + "... " + (dataset.rows() - shown) + " more rows\n" : table;
    }
}
