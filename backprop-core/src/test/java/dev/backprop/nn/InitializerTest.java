package dev.backprop.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InitializerTest {
    @Test
    void sigmoidLayersAreGlorotUniformDrawnInOrder() {
        Architecture a = new Architecture(List.of(new LayerSpec(2, 3, Activation.SIGMOID, true),
                new LayerSpec(3, 1, Activation.SIGMOID, true)), Loss.SSE);
        double[] theta = Initializer.initialParameters(a, new SplittableRandom(42));
        SplittableRandom expected = new SplittableRandom(42);
        double r0 = Math.sqrt(6.0 / 5);
        for (int i = 0; i < 6; i++) {
            assertThat(theta[i]).isEqualTo((2.0 * expected.nextDouble() - 1.0) * r0);
        }
        assertThat(theta[6]).isZero();
        assertThat(theta[7]).isZero();
        assertThat(theta[8]).isZero();
        double r1 = Math.sqrt(6.0 / 4);
        for (int i = 9; i < 12; i++) {
            assertThat(theta[i]).isEqualTo((2.0 * expected.nextDouble() - 1.0) * r1);
        }
        assertThat(theta[12]).isZero();
    }

    @Test
    void rectifierLayersAreHeUniform() {
        Architecture a = new Architecture(List.of(new LayerSpec(4, 8, Activation.RELU, false),
                new LayerSpec(8, 2, Activation.LEAKY_RELU, false), new LayerSpec(2, 3, Activation.SOFTMAX, false)),
                Loss.CATEGORICAL_CROSS_ENTROPY);
        assertThat(Initializer.range(a.layer(0))).isEqualTo(Math.sqrt(6.0 / 4));
        assertThat(Initializer.range(a.layer(1))).isEqualTo(Math.sqrt(6.0 / 8));
        assertThat(Initializer.range(a.layer(2))).isEqualTo(Math.sqrt(6.0 / 5));
        double[] theta = Initializer.initialParameters(a, new SplittableRandom(1));
        for (int i = 0; i < 32; i++) {
            assertThat(Math.abs(theta[i])).isLessThanOrEqualTo(Math.sqrt(6.0 / 4));
        }
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherBits() {
        Architecture a = new Architecture(List.of(new LayerSpec(3, 5, Activation.TANH, true),
                new LayerSpec(5, 1, Activation.LINEAR, true)), Loss.MSE);
        assertThat(Initializer.initialParameters(a, new SplittableRandom(9)))
                .isEqualTo(Initializer.initialParameters(a, new SplittableRandom(9)));
        assertThat(Initializer.initialParameters(a, new SplittableRandom(9)))
                .isNotEqualTo(Initializer.initialParameters(a, new SplittableRandom(10)));
    }
}
