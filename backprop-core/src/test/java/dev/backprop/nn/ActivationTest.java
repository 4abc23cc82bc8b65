package dev.backprop.nn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ActivationTest {
    @Test
    void sigmoidIsStableAtTheExtremes() {
        assertThat(Activation.sigmoid(1000)).isEqualTo(1.0);
        assertThat(Activation.sigmoid(-1000)).isEqualTo(0.0);
        assertThat(Activation.SIGMOID.derivative(1000)).isEqualTo(0.0);
        assertThat(Activation.SIGMOID.derivative(-1000)).isEqualTo(0.0);
        assertThat(Activation.sigmoid(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Activation.sigmoid(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Activation.sigmoid(Double.NaN)).isNaN();
    }

    @Test
    void sigmoidAndItsDerivativeMatchTheSeed() {
        for (double z = -8; z <= 8; z += 0.25) {
            double e = Math.exp(-z);
            assertThat(Activation.sigmoid(z)).isCloseTo(1 / (1 + e), within(1e-15));
            assertThat(Activation.SIGMOID.derivative(z)).isCloseTo(e / ((1 + e) * (1 + e)), within(1e-15));
        }
        assertThat(Activation.sigmoid(0)).isEqualTo(0.5);
    }

    @Test
    void namesRoundTripAndUnknownNamesSayWhatIsAllowed() {
        for (Activation f : Activation.values()) {
            assertThat(Activation.fromId(f.id())).isEqualTo(f);
        }
        assertThat(Activation.fromId("SIGMOID")).isEqualTo(Activation.SIGMOID);
        assertThatThrownBy(() -> Activation.fromId("swish")).hasMessageContaining("swish")
                .hasMessageContaining("sigmoid");
    }
}
