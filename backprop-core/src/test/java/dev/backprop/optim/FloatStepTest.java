package dev.backprop.optim;

import dev.backprop.linalg.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The float32 steps of the first-order optimizers: a 2x2 update by hand, trajectories within float rounding of the
 * float64 ones, state kept in float and restored bit for bit.
 */
class FloatStepTest {
    private static final double U = 0x1p-24;
    private static final int P = 7;
    private static final int STEPS = 25;

    enum Kind {
        GD(() -> new GradientDescent(0.05)),
        MOMENTUM(() -> new Momentum(0.05, 0.9, false)),
        NESTEROV(() -> new Momentum(0.05, 0.9, true)),
        ADAM(() -> new Adam(0.01));

        final Supplier<Optimizer> make;

        Kind(Supplier<Optimizer> make) {
            this.make = make;
        }
    }

    @Test
    void gradientDescentAndMomentumByHandInFloat() {
        float[] theta = {1.0f, -2.0f};
        double change = new GradientDescent(0.1).step(theta, new float[] {0.5f, -1.0f});
        assertThat(theta).containsExactly(1.0f - 0.1f * 0.5f, -2.0f + 0.1f * 1.0f);
        assertThat(change).isEqualTo((double) (0.1f * 1.0f));

        Momentum momentum = new Momentum(0.1, 0.9, false);
        momentum.init(2, Precision.FLOAT32);
        float[] t = {1.0f, -2.0f};
        momentum.step(t, new float[] {0.5f, -1.0f});
        momentum.step(t, new float[] {0.25f, 2.0f});
        float v0 = 0.9f * (-0.1f * 0.5f) - 0.1f * 0.25f;
        float v1 = 0.9f * (0.1f * 1.0f) - 0.1f * 2.0f;
        assertThat(momentum.velocity()).containsExactly(v0, v1);
        assertThat(t).containsExactly((1.0f - 0.1f * 0.5f) + v0, (-2.0f + 0.1f * 1.0f) + v1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void floatStepsStayWithinFloatRoundingOfDoubleSteps(Kind kind) {
        Optimizer single = kind.make.get();
        Optimizer wide = kind.make.get();
        single.init(P, Precision.FLOAT32);
        wide.init(P);
        SplittableRandom random = new SplittableRandom(4);
        float[] theta32 = new float[P];
        for (int i = 0; i < P; i++) {
            theta32[i] = (float) random.nextDouble(-1, 1);
        }
        double[] theta64 = widen(theta32);
        double travelled = 0.0;
        for (int s = 0; s < STEPS; s++) {
            float[] g32 = new float[P];
            for (int i = 0; i < P; i++) {
                g32[i] = (float) random.nextDouble(-1, 1);
            }
            single.step(theta32, g32);
            travelled += wide.step(theta64, widen(g32));
        }
        // Each step rounds a handful of operations; the errors add at most step by step.
        double bound = STEPS * 8 * U * (1 + travelled);
        for (int i = 0; i < P; i++) {
            assertThat(Math.abs(theta32[i] - theta64[i])).as("θ_%d", i).isLessThanOrEqualTo(bound);
        }
        assertThat(widen(theta32)).as("computed in float").isNotEqualTo(theta64);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void floatStateIsFloatsAndRestoresBitForBit(Kind kind) {
        Optimizer first = kind.make.get();
        first.init(P, Precision.FLOAT32);
        SplittableRandom random = new SplittableRandom(8);
        float[] theta = new float[P];
        for (int s = 0; s < 5; s++) {
            first.step(theta, gradient(random));
        }
        double[] state = first.state();
        for (int i = 0; i < state.length; i++) {
            boolean counter = kind == Kind.ADAM && i < 3; // t, β₁ᵗ, β₂ᵗ stay doubles
            if (!counter) {
                assertThat((double) (float) state[i]).as("state[%d] is a float", i).isEqualTo(state[i]);
            }
        }
        Optimizer resumed = kind.make.get();
        resumed.init(P, Precision.FLOAT32);
        resumed.restore(state);
        float[] other = theta.clone();
        for (int s = 0; s < 5; s++) {
            float[] g = gradient(random);
            first.step(theta, g);
            resumed.step(other, g);
        }
        assertThat(other).containsExactly(theta);
        assertThat(resumed.state()).containsExactly(first.state());
    }

    @Test
    void theLineSearchesHaveNoFloatStep() {
        assertThatThrownBy(() -> new Lbfgs().step(new float[2], new float[2]))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("float32");
    }

    private static float[] gradient(SplittableRandom random) {
        float[] g = new float[P];
        for (int i = 0; i < P; i++) {
            g[i] = (float) random.nextDouble(-1, 1);
        }
        return g;
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
