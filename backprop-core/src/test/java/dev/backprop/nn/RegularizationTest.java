package dev.backprop.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegularizationTest {
    private static final Architecture ARCHITECTURE = new Architecture(List.of(
            new LayerSpec(2, 2, Activation.SIGMOID, true),
            new LayerSpec(2, 1, Activation.LINEAR, true)), Loss.SSE);

    @Test
    void penaltyIsHalfLambdaTimesSquaredWeightsNotBiases() {
        // layer 0: W = [1 2; 3 4], b = [100 100]; layer 1: W = [5; 6], b = [100]
        double[] theta = {1, 2, 3, 4, 100, 100, 5, 6, 100};
        Regularization r = Regularization.l2(0.1);
        assertThat(r.penalty(ARCHITECTURE, theta)).isCloseTo(0.05 * (1 + 4 + 9 + 16 + 25 + 36), within(1e-12));
        double[] g = new double[9];
        r.addPenaltyGradient(ARCHITECTURE, theta, g);
        assertThat(g).containsExactly(new double[]{0.1, 0.2, 0.3, 0.4, 0, 0, 0.5, 0.6, 0}, within(1e-15));
        assertThat(Regularization.NONE.penalty(ARCHITECTURE, theta)).isZero();
    }

    @Test
    void withL2TheSummedLossBecomesAMean() {
        double[] theta = Initializer.initialParameters(ARCHITECTURE, new SplittableRandom(2));
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        double[] y = {1, 2, 3};
        double sse = new Backpropagation(ARCHITECTURE, 3).loss(theta, x, 0, y, 0, 3);
        double lambda = 0.01;
        double objective = new Backpropagation(ARCHITECTURE, 3, Regularization.l2(lambda), null)
                .loss(theta, x, 0, y, 0, 3);
        assertThat(objective).isCloseTo(sse / 3 + Regularization.l2(lambda).penalty(ARCHITECTURE, theta),
                within(1e-15));
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> new Regularization(-1, 0)).hasMessage("l2 must be >= 0 and finite but was -1.0");
        assertThatThrownBy(() -> new Regularization(0, 1)).hasMessage("dropout must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> new Regularization(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
