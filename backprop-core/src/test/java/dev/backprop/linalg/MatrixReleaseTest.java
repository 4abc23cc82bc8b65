package dev.backprop.linalg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
