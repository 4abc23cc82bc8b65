package dev.backprop.io;

import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM of its own for {@link StreamedModelFileTest}: builds a 4,000 x 2,000 sigmoid layer and a 2,000 x 1 output
 * (8 million weights, 64 MB) and writes the model to the path given, in whatever heap the JVM was started with.
 */
final class LargeModelChild {
    private LargeModelChild() {
    }

    public static void main(String[] args) throws IOException {
        int inputs = 4_000;
        int hidden = 2_000;
        double[] weights = new double[inputs * hidden];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (i % 1999 - 999) / 1024.0;
        }
        double[] output = new double[hidden];
        java.util.Arrays.fill(output, 0.5);
        Network network = Network.of(List.of(
                new DenseLayer(Matrix.wrap(inputs, hidden, weights), null, Activation.SIGMOID),
                new DenseLayer(Matrix.wrap(hidden, 1, output), null, Activation.LINEAR)), Loss.MSE);
        ModelFile.write(Model.unscaled(network), Path.of(args[0]));
        System.out.println("written");
    }
}
