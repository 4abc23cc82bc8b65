package dev.backprop.linalg;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only a matrix whose storage nobody else holds hands it over, and only once. */
class MatrixReleaseTest {
    @Test
    void aReleasableMatrixHandsItsOwnStorageOverOnce() {
        double[] values = {1, 2, 3, 4, 5, 6};
        Matrix m = Matrix.wrapReleasable(2, 3, values);
        assertThat(m.release()).isSameAs(values);
        assertThat(m.release()).isNull();
    }

    @Test
    void selectedRowsAreACopyOfTheirOwnThatReleases() {
        Matrix m = Matrix.of(3, 2, new double[] {1, 2, 3, 4, 5, 6});
        double[] selected = m.selectRows(new int[] {2, 0}).release();
        assertThat(selected).containsExactly(5, 6, 1, 2);
        selected[0] = -1;
        assertThat(m.get(2, 0)).isEqualTo(5.0);
    }

    @Test
    void aMatrixWhoseStorageMayBeSharedNeverReleasesIt() {
        double[] values = {1, 2, 3, 4};
        assertThat(Matrix.wrap(2, 2, values).release()).isNull();
        assertThat(Matrix.of(2, 2, values).release()).isNull();
        assertThat(Matrix.zeros(2, 2).release()).isNull();
        assertThat(Matrix.of(new double[][] {{1, 2}}).transpose().release()).isNull();
    }

    /**
     * Its new owner may overwrite the storage (a trainer scaling in place does): values read through the matrix
     * afterwards were another matrix's, passing for its own. They are refused; its shape is still its own.
     */
    @Test
    void aReleasedMatrixRefusesItsValues() {
        double[] values = {1, 2, 3, 4, 5, 6};
        Matrix m = Matrix.wrapReleasable(3, 2, values);
        Matrix same = Matrix.of(3, 2, values);
        assertThat(m.release()).isSameAs(values);
        values[0] = -7;
        for (ThrowingCallable read : new ThrowingCallable[] {() -> m.get(0, 0), m::toArray, () -> m.row(1),
                m::toRows, m::transpose, () -> m.selectRows(new int[] {0}), () -> m.times(Matrix.zeros(2, 1)),
                () -> Matrix.zeros(1, 3).times(m), m::firstNonFinite, () -> m.equals(same), m::hashCode}) {
            assertThatThrownBy(read).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("this 3x2 matrix's storage was handed over");
        }
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.cols()).isEqualTo(2);
        assertThat(m.toString()).isEqualTo("[3x2 matrix whose storage was handed over]");
    }
}
