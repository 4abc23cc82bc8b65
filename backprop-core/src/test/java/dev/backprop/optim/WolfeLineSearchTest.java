package dev.backprop.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WolfeLineSearchTest {
    /** φ(α) along d from θ₀ for a quartic with its minimum far from α = 1, so both phases run. */
    @Test
    void findsAStepMeetingTheStrongWolfeConditions() {
        Objective quartic = (theta, g) -> {
            double t = theta[0] - 3.0;
            g[0] = 4 * t * t * t;
            return t * t * t * t;
        };
        for (double initial : new double[]{1e-3, 1.0, 50.0}) {
            double[] theta = {0.0};
            double[] g0 = new double[1];
            double f0 = quartic.valueAndGradient(theta, g0);
            double[] d = {1.0};
            WolfeLineSearch search = new WolfeLineSearch(1);
            double alpha = search.search(theta, f0, g0, d, initial, quartic);
            double[] g = new double[1];
            double f = quartic.valueAndGradient(theta, g);
            assertThat(alpha).isPositive();
            assertThat(theta[0]).isEqualTo(alpha);
            assertThat(f).isEqualTo(search.value());
            assertThat(search.gradient()[0]).isEqualTo(g[0]);
            assertThat(f).isLessThanOrEqualTo(f0 + WolfeLineSearch.C1 * alpha * g0[0]);
            assertThat(Math.abs(g[0])).isLessThanOrEqualTo(WolfeLineSearch.C2 * Math.abs(g0[0]));
            assertThat(search.evaluations()).isLessThanOrEqualTo(WolfeLineSearch.MAX_EVALUATIONS);
        }
    }

    @Test
    void refusesADirectionThatIsNotDownhill() {
        WolfeLineSearch search = new WolfeLineSearch(1);
        assertThatThrownBy(() -> search.search(new double[]{0}, 0, new double[]{1}, new double[]{1}, 1,
                Quadratics.SMALL)).hasMessageContaining("not a descent direction");
    }
}
