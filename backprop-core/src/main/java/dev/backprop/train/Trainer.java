package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Model;
import dev.backprop.nn.Network;
import dev.backprop.optim.GradientDescent;
import dev.backprop.optim.Optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a network on a dataset by the seed's full-batch gradient descent: each epoch computes J and ∂J/∂W over all
 * examples, then W ← W - η ∂J/∂W. It stops when the largest absolute change to any parameter (weights and biases)
 * in one update falls below the tolerance, or after {@code maxEpochs} updates.
 *
 * <p>Scaling is fitted on the dataset by the configured method, for the inputs and the targets alike, and stored in
 * the resulting {@link Model}: with min-max, training targets map onto [0, 1] exactly. A sigmoid never reaches 0 or
 * 1, so the smallest and largest training targets are approached but not hit; that is the seed's setting (data
 * normalised to [0, 1]) and costs a fraction of a unit on its example.
 *
 * <pre>{@code TrainingResult result = Trainer.of(config).train(dataset);}</pre>
 */
public final class Trainer {
    private final TrainerConfig config;

    private Trainer(TrainerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static Trainer of(TrainerConfig config) {
        return new Trainer(config);
    }

    public TrainerConfig config() {
        return config;
    }

    /** The network the configuration describes for {@code inputs} inputs and {@code outputs} outputs. */
    public Architecture architecture(int inputs, int outputs) {
        List<LayerSpec> layers = new ArrayList<>();
        int previous = inputs;
        for (int size : config.hidden()) {
            layers.add(new LayerSpec(previous, size, config.activation(), config.bias()));
            previous = size;
        }
        layers.add(new LayerSpec(previous, outputs, config.output(), config.bias()));
        return new Architecture(layers, config.loss());
    }

    /**
     * Trains a new network, its weights drawn by {@link Initializer} from the configured seed.
     *
     * @throws IllegalArgumentException if the dataset has no rows
     */
    public TrainingResult train(Dataset data) {
        Architecture architecture = architecture(data.x().cols(), data.y().cols());
        double[] parameters = Initializer.initialParameters(architecture, new SplittableRandom(config.seed()));
        return run(architecture, parameters, data);
    }

    /**
     * Trains starting from {@code initial}'s architecture (layers, activations, bias, loss) and weights instead of
     * random ones; the configuration's learning rate, epochs, tolerance and scaling apply.
     *
     * @throws IllegalArgumentException if the dataset's column counts do not match the network
     */
    public TrainingResult train(Dataset data, Network initial) {
        Architecture architecture = initial.architecture();
        if (architecture.inputs() != data.x().cols() || architecture.outputs() != data.y().cols()) {
            throw new IllegalArgumentException("the network maps " + architecture.inputs() + " inputs to "
                    + architecture.outputs() + " outputs but the data has " + data.x().cols() + " inputs and "
                    + data.y().cols() + " targets");
        }
        return run(architecture, initial.parameters(), data);
    }

    /**
     * The model training would start from, before any update: fresh seeded weights and scaling fitted on
     * {@code data}. For showing a network's first steps (the CLI's {@code explain}).
     */
    public Model initialModel(Dataset data) {
        Architecture architecture = architecture(data.x().cols(), data.y().cols());
        double[] parameters = Initializer.initialParameters(architecture, new SplittableRandom(config.seed()));
        return new Model(Network.of(architecture, parameters), data.inputNames(), data.targetNames(),
                Scaling.fit(config.scaling(), data.x()), Scaling.fit(config.scaling(), data.y()));
    }

    private TrainingResult run(Architecture architecture, double[] parameters, Dataset data) {
        int n = data.rows();
        if (n == 0) {
            throw new IllegalArgumentException("the dataset has no rows");
        }
        Scaling inputScaling = Scaling.fit(config.scaling(), data.x());
        Scaling outputScaling = Scaling.fit(config.scaling(), data.y());
        double[] x = inputScaling.apply(data.x()).toArray();
        double[] y = outputScaling.apply(data.y()).toArray();

        Backpropagation backprop = new Backpropagation(architecture, n);
        Optimizer optimizer = new GradientDescent(config.learningRate());
        double[] gradient = new double[parameters.length];
        double[] history = new double[config.maxEpochs()];
        StopReason stop = StopReason.MAX_EPOCHS;
        int epochs = 0;
        while (epochs < config.maxEpochs()) {
            history[epochs] = backprop.lossAndGradient(parameters, x, y, n, gradient);
            double largestChange = optimizer.step(parameters, gradient);
            epochs++;
            if (largestChange < config.tolerance()) {
                stop = StopReason.CONVERGED;
                break;
            }
        }
        double finalLoss = backprop.loss(parameters, x, 0, y, 0, n);
        Network network = Network.of(architecture, parameters);
        Model model = new Model(network, data.inputNames(), data.targetNames(), inputScaling, outputScaling);
        return new TrainingResult(model, stop, epochs, finalLoss, Arrays.copyOf(history, epochs));
    }
}
