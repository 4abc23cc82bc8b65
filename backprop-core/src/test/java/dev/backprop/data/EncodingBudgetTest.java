package dev.backprop.data;

import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-hot matrix is checked against a budget before it is allocated, naming the columns that make it wide. */
class EncodingBudgetTest {
    private static final Frame IDS = csv("id,size,y\nu1,1,0\nu2,2,1\nu3,3,0\nu4,4,1\n");

    @Test
    void aMatrixOverTheBudgetIsRefusedNamingTheWidestColumn() {
        FeatureEncoder encoder = FeatureEncoder.fit(IDS, List.of("id", "size"));
        // 4 rows x 5 inputs = 160 bytes.
        assertThatThrownBy(() -> encoder.encode(IDS, MemoryBudget.of(159)))
                .isInstanceOf(TooLargeException.class)
                .hasMessage("column 'id' has 4 distinct values: one-hot encoding 4 rows x 5 inputs needs 160 bytes "
                        + "but the JVM may use 159 bytes; leave out (ignore) columns with many distinct values");
        assertThat(encoder.encode(IDS, MemoryBudget.of(160)).x().cols()).isEqualTo(5);
    }

    @Test
    void numericColumnsAloneNameNoColumn() {
        FeatureEncoder encoder = FeatureEncoder.fit(IDS, List.of("size"));
        assertThatThrownBy(() -> encoder.encode(IDS, MemoryBudget.of(31)))
                .hasMessageStartingWith("encoding 4 rows x 1 inputs needs 32 bytes");
    }
}
