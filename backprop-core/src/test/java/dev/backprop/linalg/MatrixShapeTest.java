package dev.backprop.linalg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A matrix's size is computed without int overflow, and its non-finite values are found where they lie. */
class MatrixShapeTest {
    /**
     * 65,536 x 65,537 values wrapped in int to 65,536: a matrix claiming that shape held one row's worth of storage,
     * returned it from toArray, and failed only at an index past it.
     */
    @Test
    void aShapeTooLargeForOneArrayIsRefusedNotWrapped() {
        assertThatThrownBy(() -> Matrix.zeros(65_536, 65_537)).isInstanceOf(TooLargeException.class)
                .hasMessageContaining("65536x65537 matrix").hasMessageContaining("4,295,032,832");
        assertThat(Matrix.zeros(3, 0).shape()).isEqualTo("3x0");
        assertThat(Matrix.zeros(0, 5).toArray()).isEmpty();
    }

    @Test
    void theFirstNonFiniteValueIsFoundRowByRow() {
        assertThat(Matrix.of(new double[][] {{1, 2}, {3, 4}}).firstNonFinite()).isEqualTo(-1);
        assertThat(Matrix.zeros(0, 3).firstNonFinite()).isEqualTo(-1);
        assertThat(Matrix.of(new double[][] {{1, 2, 3}, {4, Double.NaN, Double.NEGATIVE_INFINITY}})
                .firstNonFinite()).isEqualTo(4);
        assertThat(Matrix.of(new double[][] {{Double.MAX_VALUE, -Double.MAX_VALUE}, {Double.POSITIVE_INFINITY, 0}})
                .firstNonFinite()).isEqualTo(2);
    }
}
