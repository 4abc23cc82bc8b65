package dev.backprop.model;

import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPredictTest {
    /** Rows of the wrong width were refused by the scaling, "fitted on 2 columns": the model's inputs are named. */
    @Test
    void rowsOfTheWrongWidthAreRefusedNamingTheModelsInputs() {
        Network network = Network.of(List.of(new DenseLayer(Matrix.of(new double[][] {{0.5}, {-0.25}}), null,
                Activation.LINEAR)), Loss.SSE);
        Matrix training = Matrix.of(new double[][] {{0, 10}, {2, 30}});
        Model model = new Model(network, List.of("hours", "study"), List.of("score"),
                Scaling.fit(ScalingMethod.MINMAX, training), Scaling.none(1));
        assertThatThrownBy(() -> model.predict(Matrix.zeros(2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model takes 2 inputs (hours, study) but x is 2x3");
        // (1 - 0) / 2 * 0.5 + (20 - 10) / 20 * -0.25
        assertThat(model.predict(Matrix.of(new double[][] {{1, 20}})).get(0, 0)).isEqualTo(0.125);
    }
}
