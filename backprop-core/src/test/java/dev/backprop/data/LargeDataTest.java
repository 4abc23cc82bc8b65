package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 rows x 50 categorical columns, generated in memory, read and encoded end to end. Not timed here: reading
 * and encoding are single passes over flat arrays, so this stays proportional to the data.
 */
class LargeDataTest {
    static final int ROWS = 100_000;
    static final int COLUMNS = 50;

    /** CSV text: columns c0..c48 with labels like "v7" (10 per column), and target "y" with 3 classes. */
    static String categoricalCsv(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(rows * columns * 4);
        for (int j = 0; j < columns - 1; j++) {
            sb.append('c').append(j).append(',');
        }
        sb.append("y\n");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns - 1; j++) {
                sb.append('v').append(random.nextInt(10)).append(',');
            }
            sb.append("class").append(random.nextInt(3)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void readsAndEncodesOneHundredThousandRowsOfFiftyCategoricalColumns() {
        String text = categoricalCsv(ROWS, COLUMNS, 1);
        Frame frame = CsvFrameReader.read(new StringReader(text), "big.csv", null);
        assertThat(frame.rows()).isEqualTo(ROWS);
        assertThat(frame.columns()).hasSize(COLUMNS).allMatch(c -> c.type() == ColumnType.CATEGORICAL);
        Preprocessor prep = Preprocessor.fit(frame, PreprocessConfig.of("y"));
        Dataset data = prep.apply(frame).dataset();
        assertThat(data.x().rows()).isEqualTo(ROWS);
        assertThat(data.x().cols()).isEqualTo((COLUMNS - 1) * 10);
        assertThat(data.y().cols()).isEqualTo(3);
        assertThat(prep.target().classes()).containsExactly("class0", "class1", "class2");
    }
}
