package dev.backprop.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {
    @Test
    void timeBasedSchedules() {
        assertThat(LearningRateSchedule.constant().rate(0.1, 0.5, 7, 3)).isEqualTo(0.1);
        LearningRateSchedule step = LearningRateSchedule.stepDecay(0.5, 10);
        assertThat(step.rate(0.1, 0.1, 9, 0)).isEqualTo(0.1);
        assertThat(step.rate(0.1, 0.1, 10, 0)).isEqualTo(0.05);
        assertThat(step.rate(0.1, 0.1, 25, 0)).isEqualTo(0.025);
        assertThat(LearningRateSchedule.exponentialDecay(0.9).rate(1.0, 1.0, 3, 0)).isCloseTo(0.729, within(1e-15));
        assertThat(LearningRateSchedule.exponentialDecay(0.5).rate(1.0, 1.0, 100_000, 0)).isEqualTo(Double.MIN_NORMAL);
    }

    @Test
    void plateauReducesEveryPatienceEpochsWithoutImprovement() {
        LearningRateSchedule plateau = LearningRateSchedule.reduceOnPlateau(0.5, 3, 0.01);
        assertThat(plateau.rate(0.1, 0.1, 5, 0)).isEqualTo(0.1);
        assertThat(plateau.rate(0.1, 0.1, 5, 2)).isEqualTo(0.1);
        assertThat(plateau.rate(0.1, 0.1, 5, 3)).isEqualTo(0.05);
        assertThat(plateau.rate(0.1, 0.05, 6, 4)).isEqualTo(0.05);
        assertThat(plateau.rate(0.1, 0.05, 8, 6)).isEqualTo(0.025);
        assertThat(plateau.rate(0.1, 0.015, 20, 9)).isEqualTo(0.01);
        assertThat(plateau.rate(0.1, 0.005, 20, 9)).as("never raised to the floor").isEqualTo(0.005);
    }

    @Test
    void idsParseBack() {
        for (LearningRateSchedule s : new LearningRateSchedule[]{LearningRateSchedule.constant(),
                LearningRateSchedule.stepDecay(0.5, 100), LearningRateSchedule.exponentialDecay(0.99),
                LearningRateSchedule.reduceOnPlateau(0.2, 5, 1e-5)}) {
            assertThat(LearningRateSchedule.parse(s.id())).isEqualTo(s);
        }
        assertThat(LearningRateSchedule.parse("plateau"))
                .isEqualTo(LearningRateSchedule.reduceOnPlateau(0.5, 10, 1e-6));
        assertThat(LearningRateSchedule.parse("Step")).isEqualTo(LearningRateSchedule.stepDecay(0.5, 100));
        assertThatThrownBy(() -> LearningRateSchedule.parse("cosine"))
                .hasMessageContaining("unknown learning-rate schedule 'cosine'");
        assertThatThrownBy(() -> LearningRateSchedule.parse("step:x:3")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(1.5, 3))
                .hasMessage("a schedule's factor must be in (0, 1] but was 1.5");
    }

    @Test
    void optimizerTypes() {
        for (OptimizerType t : OptimizerType.values()) {
            assertThat(OptimizerType.fromId(t.id())).isSameAs(t);
            assertThat(t.create(t.defaultLearningRate(), 0.9).needsObjective()).isEqualTo(t.lineSearch());
        }
        assertThat(OptimizerType.fromId("L-BFGS")).isSameAs(OptimizerType.LBFGS);
        assertThat(OptimizerType.GD.defaultLearningRate()).isEqualTo(1.0);
        assertThat(OptimizerType.GD.defaultBatchSize(5000)).isEqualTo(5000);
        assertThat(OptimizerType.ADAM.defaultBatchSize(5000)).isEqualTo(200);
        assertThat(OptimizerType.ADAM.defaultBatchSize(50)).isEqualTo(50);
        assertThat(((Momentum) OptimizerType.NESTEROV.create(0.1, 0.8)).nesterov()).isTrue();
        assertThatThrownBy(() -> OptimizerType.fromId("rmsprop")).hasMessageContaining("unknown optimizer 'rmsprop'");
    }
}
