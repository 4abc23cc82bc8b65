package dev.backprop.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
        assertThat(InitScale.AUTO.range(a.layer(0))).isEqualTo(Math.sqrt(6.0 / 4));
        assertThat(InitScale.AUTO.range(a.layer(1))).isEqualTo(Math.sqrt(6.0 / 8));
        assertThat(InitScale.AUTO.range(a.layer(2))).isEqualTo(Math.sqrt(6.0 / 5));
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

    @Test
    void glorotAndHeScaleEveryLayerAlikeFromTheSameDraws() {
        Architecture a = new Architecture(List.of(new LayerSpec(10, 100, Activation.RELU, true),
                new LayerSpec(100, 2, Activation.SOFTMAX, true)), Loss.CATEGORICAL_CROSS_ENTROPY);
        assertThat(InitScale.GLOROT.range(a.layer(0))).isEqualTo(Math.sqrt(6.0 / 110));
        assertThat(InitScale.GLOROT.range(a.layer(1))).isEqualTo(Math.sqrt(6.0 / 102));
        assertThat(InitScale.HE.range(a.layer(0))).isEqualTo(Math.sqrt(6.0 / 10));
        assertThat(InitScale.HE.range(a.layer(1))).isEqualTo(Math.sqrt(6.0 / 100));
        double[] auto = Initializer.initialParameters(a, new SplittableRandom(5));
        double[] glorot = Initializer.initialParameters(a, InitScale.GLOROT, new SplittableRandom(5));
        double[] he = Initializer.initialParameters(a, InitScale.HE, new SplittableRandom(5));
        // the same uniform numbers, stretched by the ratio of the ranges; biases stay 0
        assertThat(glorot[7]).isCloseTo(auto[7] * Math.sqrt(10.0 / 110), within(1e-15));
        assertThat(he[7]).isEqualTo(auto[7]);
        int bias = a.biasOffset(0);
        assertThat(glorot[bias]).isZero();
        int output = a.weightOffset(1);
        assertThat(glorot[output]).isEqualTo(auto[output]);
        assertThat(he[output]).isCloseTo(auto[output] * Math.sqrt(102.0 / 100),
                within(1e-15));
    }

    @Test
    void scalesAreNamedByTheirIds() {
        assertThat(InitScale.fromId("Glorot")).isEqualTo(InitScale.GLOROT);
        assertThat(InitScale.fromId("xavier")).isEqualTo(InitScale.GLOROT);
        assertThat(InitScale.fromId("he")).isEqualTo(InitScale.HE);
        assertThat(InitScale.fromId("auto")).isEqualTo(InitScale.AUTO);
        assertThatThrownBy(() -> InitScale.fromId("lecun"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "unknown initial scale 'lecun' (choose auto, glorot or he)");
    }
}
