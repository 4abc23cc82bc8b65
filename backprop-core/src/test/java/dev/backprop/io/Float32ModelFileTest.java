package dev.backprop.io;

import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Float32ModelFileTest {
    private static final Architecture ARCHITECTURE = new Architecture(List.of(
            new LayerSpec(3, 40, Activation.TANH, true), new LayerSpec(40, 2, Activation.LINEAR, true)), Loss.MSE);

    /** Floats of every kind: random bit patterns (subnormals included), the extremes, and floats near decimal midpoints. */
    private static double[] floats(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[count];
        float[] special = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL,
                0.0f, -0.0f, 0.1f, 1.0f / 3, 16777217f, 1e-38f, 3.4e38f};
        for (int i = 0; i < count; i++) {
            float v;
            if (i < special.length) {
                v = special[i];
            } else {
                do {
                    v = Float.intBitsToFloat(random.nextInt());
                } while (!Float.isFinite(v));
            }
            values[i] = v;
        }
        return values;
    }

    @Test
    void float32ParametersAreWrittenShortestAndReadBackBitIdentical() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] parameters = floats(ARCHITECTURE.parameterCount(), seed);
            Network network = Network.of(ARCHITECTURE, parameters, Precision.FLOAT32);
            Model model = Model.unscaled(network);
            String json = ModelFile.toJson(model);

            Model loaded = ModelFile.parse(json);

            assertThat(loaded.network().precision()).isEqualTo(Precision.FLOAT32);
            double[] read = loaded.network().parameters();
            for (int i = 0; i < parameters.length; i++) {
                assertThat(Float.floatToRawIntBits((float) read[i]))
                        .as("parameter %d (%s)", i, (float) parameters[i])
                        .isEqualTo(Float.floatToRawIntBits((float) parameters[i]));
            }
            assertThat(ModelFile.toJson(loaded)).isEqualTo(json);
        }
    }

    @Test
    void theTextIsTheFloatsShortestNotTheWidenedDouble() {
        double[] parameters = new double[ARCHITECTURE.parameterCount()];
        java.util.Arrays.fill(parameters, 0.1f);
        String json = ModelFile.toJson(Model.unscaled(Network.of(ARCHITECTURE, parameters, Precision.FLOAT32)));

        assertThat(json).contains("\"precision\" : \"float32\"").contains("0.1").doesNotContain("0.10000000149");
    }

    @Test
    void float64FilesSayNothingAboutPrecisionAndReadAsFloat64() {
        Network network = Network.of(ARCHITECTURE, floats(ARCHITECTURE.parameterCount(), 7));
        String json = ModelFile.toJson(Model.unscaled(network));

        assertThat(json).doesNotContain("precision");
        assertThat(ModelFile.parse(json).network().precision()).isEqualTo(Precision.FLOAT64);
        assertThat(ModelFile.parse(json).network()).isEqualTo(network);
    }

    @Test
    void aHandWrittenFloat32FileRoundsToFloatsAndRefusesWhatNoFloatHolds() {
        String json = ModelFileTest.HAND_WRITTEN.replace("\"loss\": \"sse\",", "\"loss\": \"sse\", \"precision\": \"float32\",");
        Network network = ModelFile.parse(json).network();
        assertThat(network.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(network.layer(0).weights().get(0, 0)).isEqualTo(0.5);
        assertThat(network.layer(0).weights().get(0, 1)).isEqualTo((double) -0.3f);

        assertThatThrownBy(() -> ModelFile.parse(json.replace("0.7]", "1e39]")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("outside float32's range");
        assertThatThrownBy(() -> ModelFile.parse(json.replace("\"float32\"", "\"float16\"")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("precision: unknown precision 'float16'");
    }
}
